// Dashboard: see docs/CodebaseGuide.md
import TOMLKit

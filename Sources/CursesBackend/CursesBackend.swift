// CursesBackend: see docs/CodebaseGuide.md
import CNcursesw

// PicnicStore: see docs/CodebaseGuide.md
import GRDB

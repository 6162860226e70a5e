// TermUI: see docs/CodebaseGuide.md

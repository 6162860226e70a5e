// PicnicFormats: see docs/CodebaseGuide.md

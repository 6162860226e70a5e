import CursesBackend

/// The curses terminal; named apart from the line-oriented `Terminal` helpers of this executable.
typealias CursesTerminal = CursesBackend.Terminal

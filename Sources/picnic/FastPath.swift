/// The two commands people run most (and scripts and tmux popups run often), started without
/// swift-argument-parser's reflection over the whole command tree: it costs several milliseconds
/// of a ~10 ms process. Anything unusual (help, options other than --json) takes the normal path,
/// so behaviour and messages stay the parser's.
enum FastPath {
    static func command(for args: [String]) -> (any ParsableCommandRunnable)? {
        // The dashboard itself: its first frame is timed from exec.
        if args.isEmpty || args == ["--demo"] { return DashboardCommand(demo: !args.isEmpty) }
        guard let first = args.first else { return nil }
        let rest = Array(args.dropFirst())
        if rest.contains(where: { $0 == "-h" || $0 == "-help" || ($0.hasPrefix("--") && $0 != "--json") }) { return nil }
        switch first {
        case "add":
            guard !rest.isEmpty, !rest.contains("--json") else { return nil }
            var c = AddCommand()
            c.words = rest
            return c
        case "list":
            var c = ListCommand()
            c.json = rest.contains("--json")
            c.filter = rest.filter { $0 != "--json" }
            return c
        default:
            return nil
        }
    }
}

/// A command the fast path can run.
protocol ParsableCommandRunnable {
    func run() throws
}

extension AddCommand: ParsableCommandRunnable {}
extension ListCommand: ParsableCommandRunnable {}
extension DashboardCommand: ParsableCommandRunnable {}

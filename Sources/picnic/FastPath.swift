/// The commands people and tmux run most (`add`, `list`, and `status` on every status-line
/// refresh), started without swift-argument-parser: building a command's property wrappers and
/// reflecting over the command tree costs several milliseconds of a ~10 ms process. Anything
/// unusual (help, an option the fast path does not know, a malformed value) takes the normal
/// path, so behaviour and messages stay the parser's.
enum FastPath {
    /// The work to run for these arguments, or nil to use the parser.
    static func command(for args: [String]) -> (() throws -> Void)? {
        // The dashboard itself: its first frame is timed from exec.
        if args.isEmpty || args == ["--demo"] { return { try DashboardCommand(demo: !args.isEmpty).run() } }
        guard let first = args.first else { return nil }
        let rest = Array(args.dropFirst())
        if rest.contains(where: { $0 == "-h" || $0 == "-help" || $0 == "--help" || $0 == "--" }) { return nil }
        switch first {
        case "add":
            guard !rest.isEmpty, !rest.contains(where: { $0.hasPrefix("--") }) else { return nil }
            return { try AddCommand.run(words: rest) }
        case "list":
            guard !rest.contains(where: { $0.hasPrefix("--") && $0 != "--json" }) else { return nil }
            return { try ListCommand.run(json: rest.contains("--json"), filter: rest.filter { $0 != "--json" }) }
        case "status":
            return status(rest)
        default:
            return nil
        }
    }

    /// `status [--tmux] [--json] [--max-title N | --max-title=N]`, or nil for anything else.
    static func status(_ args: [String]) -> (() throws -> Void)? {
        var tmux = false, json = false, maxTitle = 30
        var i = 0
        while i < args.count {
            let a = args[i]
            switch a {
            case "--tmux": tmux = true
            case "--json": json = true
            case "--max-title":
                guard i + 1 < args.count, let n = Int(args[i + 1]) else { return nil }
                maxTitle = n
                i += 1
            default:
                guard a.hasPrefix("--max-title="), let n = Int(a.dropFirst("--max-title=".count)) else { return nil }
                maxTitle = n
            }
            i += 1
        }
        return { try StatusCommand.run(tmux: tmux, json: json, maxTitle: maxTitle) }
    }
}

import Foundation

/// A prompt's history file (TermUI's `LineEditor` keeps the lines; this executable reads and
/// writes them): one entry per line, oldest first (e.g. `$XDG_STATE_HOME/picnic/history`).
///
/// Reading never fails (a missing or unreadable file is an empty history); writing rewrites the
/// file atomically so two prompts closing at once never interleave half lines.
struct HistoryFile: Sendable {
    /// The file.
    let path: String
    /// How many entries are kept.
    let limit: Int

    /// History at `path`, keeping the newest `limit` entries.
    init(path: String, limit: Int = 1000) {
        self.path = path
        self.limit = limit
    }

    /// `$XDG_STATE_HOME/picnic/<name>` (default `~/.local/state/picnic/<name>`).
    static func defaultPath(name: String = "history",
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let x = environment["XDG_STATE_HOME"], !x.isEmpty {
            base = x
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        }
        return base + "/picnic/" + name
    }

    /// The stored entries, oldest first.
    func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        return lines.suffix(limit).map(String.init)
    }

    /// Appends `entry` (skipping blanks and an immediate repeat) and trims to `limit`.
    func append(_ entry: String) throws {
        let line = entry.replacingOccurrences(of: "\n", with: " ")
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        var entries = load()
        if entries.last == line { return }
        entries.append(line)
        try save(Array(entries.suffix(limit)))
    }

    /// Replaces the file with `entries`.
    func save(_ entries: [String]) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        let body = entries.isEmpty ? "" : entries.joined(separator: "\n") + "\n"
        try Data(body.utf8).write(to: url, options: .atomic)
    }
}

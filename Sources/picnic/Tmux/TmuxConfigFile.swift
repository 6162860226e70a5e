import Foundation
import PicnicCore

/// A user's tmux configuration file, edited only inside Picnic's marked block.
///
/// `install` appends the block (or replaces it in place when present); `uninstall` removes it
/// and anything `install` had to add around it, so the file comes back byte for byte. Work is
/// done on bytes, never on decoded text, so a file in any encoding survives untouched.
struct TmuxConfigFile {
    static let begin = "# >>> picnic >>>"
    static let end = "# <<< picnic <<<"
    static let beginLine = begin + " (managed by 'picnic tmux --install'; 'picnic tmux --uninstall' removes it)"
    static let noNewlineNote = "# picnic: the line above had no final newline; --uninstall restores that"
    static let createdNote = "# picnic: --install created this file; --uninstall removes it if nothing else is added"

    /// What `install` / `uninstall` did, for the one-line message.
    enum Change: Equatable { case added, updated, unchanged, removed, removedFile, absent }

    let path: String

    /// `--file`, else `~/.tmux.conf` or `$XDG_CONFIG_HOME/tmux/tmux.conf` (then
    /// `~/.config/tmux/tmux.conf`), whichever exists first; `~/.tmux.conf` when none does.
    static func resolve(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let file { return (file as NSString).expandingTildeInPath }
        let home = environment["HOME"] ?? NSHomeDirectory()
        var candidates = [home + "/.tmux.conf"]
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { candidates.append(x + "/tmux/tmux.conf") }
        candidates.append(home + "/.config/tmux/tmux.conf")
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }

    /// Puts `snippet` in the marked block.
    func install(_ snippet: String) throws -> Change {
        let exists = FileManager.default.fileExists(atPath: path)
        let original = exists ? try read() : []
        if let block = Self.findBlock(in: original) {
            let old = Array(original[block])
            let notes = String(decoding: old, as: UTF8.self)
            let fresh = Self.block(snippet: snippet,
                                   noNewline: notes.contains(Self.noNewlineNote),
                                   created: notes.contains(Self.createdNote))
            if old == fresh { return .unchanged }
            var bytes = original
            bytes.replaceSubrange(block, with: fresh)
            try write(bytes)
            return .updated
        }
        let noNewline = !original.isEmpty && original.last != UInt8(ascii: "\n")
        var bytes = original
        if noNewline { bytes.append(UInt8(ascii: "\n")) }
        bytes += Self.block(snippet: snippet, noNewline: noNewline, created: !exists)
        try write(bytes)
        return .added
    }

    /// Removes the marked block and what `install` added with it.
    func uninstall() throws -> Change {
        guard FileManager.default.fileExists(atPath: path) else { return .absent }
        var bytes = try read()
        guard let block = Self.findBlock(in: bytes) else { return .absent }
        let notes = String(decoding: bytes[block], as: UTF8.self)
        bytes.removeSubrange(block)
        if notes.contains(Self.noNewlineNote), block.lowerBound > 0,
           bytes[block.lowerBound - 1] == UInt8(ascii: "\n") {
            bytes.remove(at: block.lowerBound - 1)
        }
        if notes.contains(Self.createdNote), bytes.isEmpty {
            do { try FileManager.default.removeItem(atPath: realPath) } catch {
                throw PicnicError.io("\(path): cannot remove (\(error.localizedDescription))")
            }
            return .removedFile
        }
        try write(bytes)
        return .removed
    }

    // MARK: - The block

    static func block(snippet: String, noNewline: Bool, created: Bool) -> [UInt8] {
        var lines = [beginLine]
        if noNewline { lines.append(noNewlineNote) }
        if created { lines.append(createdNote) }
        var text = lines.joined(separator: "\n") + "\n" + snippet
        if !text.hasSuffix("\n") { text += "\n" }
        text += end + "\n"
        return Array(text.utf8)
    }

    /// The byte range from the start of the begin line through the end line's newline.
    static func findBlock(in bytes: [UInt8]) -> Range<Int>? {
        let lines = lineRanges(bytes)
        guard let b = lines.firstIndex(where: { bytes[$0].starts(with: Array(begin.utf8)) }) else { return nil }
        guard let e = lines[b...].firstIndex(where: { Array(bytes[$0]).trimmingTrailingNewline() == Array(end.utf8) }) else {
            return nil
        }
        return lines[b].lowerBound..<lines[e].upperBound
    }

    /// Each line's range, including its newline.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            ranges.append(start..<i + 1)
            start = i + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    // MARK: - Files

    /// Writes go to the symlink's target so a dotfiles repository keeps its link.
    private var realPath: String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

    private func read() throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PicnicError.io("\(path): cannot read")
        }
        return Array(data)
    }

    /// Atomic replace that keeps the file's permissions.
    private func write(_ bytes: [UInt8]) throws {
        let target = realPath
        let fm = FileManager.default
        let permissions = (try? fm.attributesOfItem(atPath: target))?[.posixPermissions]
        do {
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                   withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: target), options: .atomic)
            if let permissions { try fm.setAttributes([.posixPermissions: permissions], ofItemAtPath: target) }
        } catch {
            throw PicnicError.io("\(path): cannot write (\(error.localizedDescription))")
        }
    }
}

private extension Array where Element == UInt8 {
    func trimmingTrailingNewline() -> [UInt8] {
        var a = self
        if a.last == UInt8(ascii: "\n") { a.removeLast() }
        if a.last == UInt8(ascii: "\r") { a.removeLast() }
        return a
    }
}

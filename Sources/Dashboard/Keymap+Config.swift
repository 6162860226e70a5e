import TermUI
import Foundation
import PicnicCore
import TOMLKit

extension Keymap {
    /// The TOML of a config text, or `PicnicError(.config)` naming `file:line`.
    static func tomlTable(_ text: String, file: String) throws -> TOMLTable {
        do { return try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw PicnicError.config("\(file):\(e.source.begin.line): \(e.description)")
        } catch {
            throw PicnicError.config("\(file): \(error)")
        }
    }

    /// Layers the `[keys.<mode>]` tables of a TOML text over `base`.
    ///
    /// Each entry binds a key sequence to an action name: `"ctrl-n" = "move-down"`;
    /// the action `"none"` unbinds the key. Other tables are left to their owners.
    /// The executable reads the file (`ConfigFile`); this only reads its text.
    public static func parse(configText text: String, file: String, base: Keymap = .defaults) throws -> Keymap {
        let table = try tomlTable(text, file: file)
        let lines = ConfigLines(text)
        guard let keysValue = table["keys"] else { return base }
        guard let keys = keysValue.table else {
            throw PicnicError.config("\(file):\(lines.line(ofKey: "keys", in: []) ?? 1): “keys” must be a table of modes, e.g. [keys.normal]")
        }
        var result = base
        for modeName in keys.keys.sorted() {
            let headerLine = lines.line(ofTable: ["keys", modeName]) ?? lines.line(ofKey: modeName, in: ["keys"]) ?? 1
            guard let mode = Mode(rawValue: modeName) else {
                let known = Mode.allCases.map(\.rawValue).joined(separator: ", ")
                throw PicnicError.config("\(file):\(headerLine): unknown mode “\(modeName)” in [keys] (modes: \(known))")
            }
            guard let entries = keys[modeName]?.table else {
                throw PicnicError.config("\(file):\(headerLine): [keys.\(modeName)] must be a table of \"key\" = \"action\"")
            }
            var userSeen: [KeySequence: (name: String, line: Int)] = [:]
            var table = result.bindings[mode] ?? [:]
            // Sorted by line so the first bad entry in the file is the one reported.
            let ordered = entries.keys.map { ($0, lines.line(ofKey: $0, in: ["keys", modeName]) ?? headerLine) }
                .sorted { $0.1 < $1.1 }
            var added: [(KeySequence, String, Int)] = []
            for (keyName, line) in ordered {
                let at = "\(file):\(line)"
                guard let seq = KeySequence(parsing: keyName) else {
                    throw PicnicError.config("\(at): unknown key name “\(keyName)” in [keys.\(modeName)] (e.g. \"j\", \"ctrl-n\", \"enter\", \"g g\")")
                }
                guard let actionName = entries[keyName]?.string else {
                    throw PicnicError.config("\(at): the action for “\(keyName)” must be a string, e.g. \"move-down\"")
                }
                if let previous = userSeen[seq] {
                    throw PicnicError.config("\(at): “\(keyName)” conflicts with “\(previous.name)” on line \(previous.line): both are \(seq.label) in [keys.\(modeName)]")
                }
                userSeen[seq] = (keyName, line)
                if actionName == "none" { table[seq] = nil; continue }
                guard let action = Action(name: actionName) else {
                    var hint = ""
                    if let near = Action.allCases.min(by: { editDistance($0.name, actionName) < editDistance($1.name, actionName) }),
                       editDistance(near.name, actionName) <= 3 { hint = " (did you mean “\(near.name)”?)" }
                    throw PicnicError.config("\(at): unknown action “\(actionName)” for “\(keyName)” in [keys.\(modeName)]\(hint)")
                }
                table[seq] = action
                added.append((seq, keyName, line))
            }
            for (seq, keyName, line) in added {
                if let clash = table.keys.sorted().first(where: { seq.isProperPrefix(of: $0) || $0.isProperPrefix(of: seq) }) {
                    throw PicnicError.config("\(file):\(line): “\(keyName)” conflicts with “\(clash.name)” (\(table[clash]!.name)) in [keys.\(modeName)]: one is a prefix of the other; unbind it with \"\(clash.name)\" = \"none\"")
                }
            }
            result.bindings[mode] = table
        }
        return result
    }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var row = Array(0...b.count)
    for i in 1...a.count {
        var prev = row[0]; row[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let cur = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
            prev = cur
        }
    }
    return row[b.count]
}

/// Finds where tables and keys sit in a TOML text, so errors can name a line.
struct ConfigLines {
    private var tables: [[String]: Int] = [:]
    private var keys: [[String]: Int] = [:]

    init(_ text: String) {
        var current: [String] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let n = i + 1
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                guard let close = line.lastIndex(of: "]") else { continue }
                current = ConfigLines.path(String(line[line.index(after: line.startIndex)..<close]))
                if tables[current] == nil { tables[current] = n }
            } else if let eq = ConfigLines.assignment(line) {
                let path = current + ConfigLines.path(eq)
                if keys[path] == nil { keys[path] = n }
            }
        }
    }

    func line(ofTable path: [String]) -> Int? { tables[path] }
    func line(ofKey key: String, in table: [String]) -> Int? { keys[table + [key]] ?? tables[table + [key]] }

    /// The key part of `key = value`, or nil.
    private static func assignment(_ line: String) -> String? {
        guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
        var inQuote: Character? = nil
        var escaped = false
        for idx in line.indices {
            let c = line[idx]
            if let q = inQuote {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { inQuote = nil }
            } else if c == "\"" || c == "'" { inQuote = c } else if c == "=" {
                return String(line[..<idx]).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Splits a dotted TOML key into its parts, unquoting each.
    static func path(_ dotted: String) -> [String] {
        var parts: [String] = [], cur = "", inQuote: Character? = nil, escaped = false, quoted = false
        func finish() { parts.append(quoted ? cur : cur.trimmingCharacters(in: .whitespaces)); cur = ""; quoted = false }
        for c in dotted {
            if let q = inQuote {
                if escaped { cur.append(c); escaped = false }
                else if c == "\\" && q == "\"" { escaped = true }
                else if c == q { inQuote = nil }
                else { cur.append(c) }
            } else if c == "\"" || c == "'" { inQuote = c; quoted = true; cur = "" }
            else if c == "." { finish() }
            else if !(quoted && c.isWhitespace) { cur.append(c) }
        }
        finish()
        return parts
    }
}

import Foundation

extension TaskJSON {
    /// Appends the JSON object of `task` to `out`: the same bytes as `JSONEncoder` with sorted keys
    /// and unescaped slashes writes for `TaskJSON(task, now:)` (the tests hold it to that), about
    /// ten times faster, which `list --json` and `export json` need at 10,000 tasks.
    public static func write(_ task: WorkTask, now: Date, to out: inout [UInt8]) {
        /// `,"k":` (given whole, with the comma before it: one append per key).
        func key(_ k: StaticString) { raw(k) }
        func raw(_ s: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }
        func comma() { out.append(UInt8(ascii: ",")) }
        func date(_ d: Date?) {
            guard let d else { return raw("null") }
            out.append(UInt8(ascii: "\""))
            appendISO(d, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        func string(_ s: String?) {
            guard let s else { return raw("null") }
            appendString(s, to: &out)
        }

        out.append(UInt8(ascii: "{"))
        key("\"annotations\":")
        out.append(UInt8(ascii: "["))
        for (i, a) in task.annotations.enumerated() {
            if i > 0 { comma() }
            raw("{\"description\":")
            appendString(a.text, to: &out)
            raw(",\"entry\":")
            date(a.entry)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        key(",\"blocked\":"); raw(task.blocked ? "true" : "false")
        key(",\"blocking\":"); raw(task.blocking ? "true" : "false")
        key(",\"completed\":"); date(task.completed)
        key(",\"created\":"); date(task.created)
        key(",\"depends\":")
        out.append(UInt8(ascii: "["))
        for (i, d) in task.depends.enumerated() {
            if i > 0 { comma() }
            out.append(UInt8(ascii: "\""))
            appendUUID(d, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
        key(",\"due\":"); date(task.due)
        key(",\"extra\":")
        if task.extra.isEmpty {
            raw("{}")
        } else {
            // Attributes of any shape are rare: the standard encoder writes them (same options).
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            out.append(contentsOf: (try? enc.encode(task.extra)) ?? Data("{}".utf8))
        }
        key(",\"id\":")
        if let n = task.number { appendASCII(String(n), to: &out) } else { raw("null") }
        key(",\"modified\":"); date(task.modified)
        key(",\"notes\":"); string(task.notes)
        key(",\"occurrence\":")
        if let k = task.occurrence { appendASCII(String(k), to: &out) } else { raw("null") }
        key(",\"priority\":"); string(task.priority?.rawValue)
        key(",\"project\":"); string(task.project)
        key(",\"scheduled\":"); date(task.scheduled)
        key(",\"series\":")
        if let u = task.series {
            out.append(UInt8(ascii: "\""))
            appendUUID(u, to: &out)
            out.append(UInt8(ascii: "\""))
        } else {
            raw("null")
        }
        key(",\"started\":"); date(task.started)
        key(",\"status\":"); string(task.status.rawValue)
        key(",\"tags\":")
        out.append(UInt8(ascii: "["))
        for (i, t) in task.tags.enumerated() {
            if i > 0 { comma() }
            appendString(t, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        key(",\"title\":"); string(task.title)
        key(",\"urgency\":")
        var number = ((Urgency.score(task, now: now) * 1000).rounded() / 1000).description
        if number.hasSuffix(".0") { number.removeLast(2) } // as JSONEncoder writes a whole Double
        appendASCII(number, to: &out)
        key(",\"uuid\":")
        out.append(UInt8(ascii: "\""))
        appendUUID(task.uuid, to: &out)
        out.append(UInt8(ascii: "\""))
        key(",\"wait\":"); date(task.wait)
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`,
    /// everything else (`/`, non-ASCII) verbatim, as JSONEncoder writes it.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { b in
            if !b.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                out.append(contentsOf: b)
                return
            }
            let hex = Array("0123456789abcdef".utf8)
            for c in b {
                switch c {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0..<0x20:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
                default: out.append(c)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func appendASCII(_ s: String, to out: inout [UInt8]) {
        out.append(contentsOf: s.utf8)
    }

    /// The lower-case `8-4-4-4-12` form.
    static func appendUUID(_ u: UUID, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        withUnsafeBytes(of: u.uuid) { b in
            for i in 0..<16 {
                if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
                out.append(hex.utf8Start[Int(b[i] >> 4)])
                out.append(hex.utf8Start[Int(b[i] & 15)])
            }
        }
    }

    /// `2026-12-01T14:00:00Z` (whole seconds, UTC) by integer arithmetic; the same text as `format`.
    static func appendISO(_ date: Date, to out: inout [UInt8]) {
        let t = date.timeIntervalSince1970.rounded(.down)
        // Years 1 to 9999 (the days-from-civil arithmetic below; `format` covers the rest).
        guard t >= -62_135_596_800, t < 253_402_300_800 else { return appendASCII(formatWithGmtime(date), to: &out) }
        let secs = Int64(t)
        var days = secs / 86400, rem = secs % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = CivilDays.date(days)
        func two(_ v: Int64) { out.append(UInt8(48 + v / 10)); out.append(UInt8(48 + v % 10)) }
        two(y / 100); two(y % 100)
        out.append(UInt8(ascii: "-")); two(m)
        out.append(UInt8(ascii: "-")); two(d)
        out.append(UInt8(ascii: "T")); two(rem / 3600)
        out.append(UInt8(ascii: ":")); two(rem / 60 % 60)
        out.append(UInt8(ascii: ":")); two(rem % 60)
        out.append(UInt8(ascii: "Z"))
    }
}

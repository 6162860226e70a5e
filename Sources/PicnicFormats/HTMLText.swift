import Foundation

/// Turns an HTML fragment into safe plain text: tags dropped, blocks as line breaks,
/// list items as "- ", entities decoded, `<script>`/`<style>` removed, whitespace tidied.
public enum HTMLText {
    /// Plain text for an HTML fragment.
    public static func plainText(_ html: String) -> String {
        if let text = html.utf8.withContiguousStorageIfAvailable({ convert($0) }) { return text }
        let utf8 = Array(html.utf8)
        return utf8.withUnsafeBufferPointer { convert($0) }
    }

    /// Output with the pending spacing decided lazily (a struct, so the hot loop needs no boxes).
    struct Output {
        var out: [UInt8] = []
        var pendingSpace = false
        var breaks = 0 // newlines wanted before the next text

        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            if breaks > 0, !out.isEmpty {
                while out.last == 0x20 { out.removeLast() }
                for _ in 0..<breaks { out.append(0x0A) }
            } else if pendingSpace, let last = out.last, last != 0x0A, last != 0x20 {
                out.append(0x20)
            }
            breaks = 0
            pendingSpace = false
            out.append(contentsOf: bytes)
        }

        mutating func text(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { text($0) } }
        mutating func wantBreak(_ k: Int) { breaks = max(breaks, k) }
    }

    static func convert(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var o = Output()
        o.out.reserveCapacity(b.count)
        var i = 0
        let n = b.count
        var pre = 0
        var wordStart = -1 // start of a run of plain text bytes not yet emitted
        var scratch: [UInt8] = [] // a word holding decoded entities
        @inline(__always) func flush(_ o: inout Output, _ end: Int) {
            if wordStart >= 0 {
                if scratch.isEmpty { o.text(UnsafeBufferPointer(rebasing: b[wordStart..<end])) }
                else { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[wordStart..<end])); o.text(scratch); scratch.removeAll(keepingCapacity: true) }
                wordStart = -1
            } else if !scratch.isEmpty {
                o.text(scratch); scratch.removeAll(keepingCapacity: true)
            }
        }
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                var j = i + 1
                let closing = j < n && b[j] == UInt8(ascii: "/")
                if closing { j += 1 }
                let nameStart = j
                while j < n, isAlnum(b[j]) { j += 1 }
                let isComment = i + 3 < n && b[i + 1] == UInt8(ascii: "!") && b[i + 2] == UInt8(ascii: "-") && b[i + 3] == UInt8(ascii: "-")
                if j == nameStart, !isComment {
                    if wordStart < 0 { wordStart = i } // a lone '<' is text
                    i += 1
                    continue
                }
                flush(&o, i)
                if isComment {
                    i = find(b, "-->", from: i + 4).map { $0 + 3 } ?? n
                    continue
                }
                let name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<j]), as: UTF8.self).lowercased()
                // Skip to the end of the tag, honouring quotes.
                var quote: UInt8 = 0
                while j < n {
                    let d = b[j]
                    if quote != 0 { if d == quote { quote = 0 } }
                    else if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") { quote = d }
                    else if d == UInt8(ascii: ">") { break }
                    j += 1
                }
                i = min(j + 1, n)
                if !closing, name == "script" || name == "style" {
                    i = find(b, "</" + name, from: i, caseInsensitive: true)
                        .flatMap { find(b, ">", from: $0) }.map { $0 + 1 } ?? n
                    continue
                }
                switch name {
                case "br": if pre > 0 { o.out.append(0x0A) } else { o.breaks = min(o.breaks + 1, 2) }
                case "p", "div", "blockquote", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
                     "section", "article", "header", "footer", "dl", "figure":
                    o.wantBreak(2)
                case "pre": o.wantBreak(2); pre += closing ? -1 : 1; if pre < 0 { pre = 0 }
                case "li":
                    o.wantBreak(1)
                    if !closing { o.text(Self.dash); o.pendingSpace = false }
                case "tr", "dt", "dd": o.wantBreak(1)
                case "td", "th": o.pendingSpace = true
                default: break
                }
                continue
            }
            if c == UInt8(ascii: "&"), let (bytes, next) = entity(b, at: i) {
                if wordStart >= 0 { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[wordStart..<i])); wordStart = -1 }
                scratch.append(contentsOf: bytes)
                i = next
                continue
            }
            if isSpace(c) {
                flush(&o, i)
                if pre > 0 {
                    if c == 0x0A { o.out.append(0x0A) } else if c != 0x0D { o.out.append(c) }
                } else {
                    o.pendingSpace = true
                }
                i += 1
                continue
            }
            if wordStart < 0 { wordStart = i }
            i += 1
        }
        flush(&o, n)
        while let last = o.out.last, isSpace(last) { o.out.removeLast() }
        return SafeText.clean(String(decoding: o.out, as: UTF8.self))
    }

    static let dash: [UInt8] = Array("- ".utf8)

    static func entity(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> ([UInt8], Int)? {
        var j = i + 1
        while j < b.count, j - i <= 10, b[j] != UInt8(ascii: ";") {
            guard isAlnum(b[j]) || b[j] == UInt8(ascii: "#") else { return nil }
            j += 1
        }
        guard j < b.count, b[j] == UInt8(ascii: ";"), j > i + 1 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self)
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let v = value, v != 0, let scalar = Unicode.Scalar(v) else { return nil }
            return (Array(String(Character(scalar)).utf8), j + 1)
        }
        guard let s = named[name] else { return nil }
        return (Array(s.utf8), j + 1)
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
        "times": "×", "divide": "÷", "plusmn": "±", "middot": "·", "bull": "•", "para": "¶", "sect": "§",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "aacute": "á", "agrave": "à", "iacute": "í", "oacute": "ó",
        "uacute": "ú", "ntilde": "ñ", "ccedil": "ç", "Eacute": "É", "rarr": "→", "larr": "←", "harr": "↔",
        "shy": "", "zwnj": "", "zwj": "", "thinsp": " ", "ensp": " ", "emsp": " ", "frac12": "½", "micro": "µ",
    ]

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ s: String, from: Int, caseInsensitive: Bool = false) -> Int? {
        let needle = Array(s.utf8)
        guard !needle.isEmpty, b.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= b.count {
            var j = 0
            while j < needle.count {
                var x = b[i + j]
                if caseInsensitive, x >= 0x41, x <= 0x5A { x += 32 }
                if x != needle[j] { break }
                j += 1
            }
            if j == needle.count { return i }
            i += 1
        }
        return nil
    }

    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
    }
}

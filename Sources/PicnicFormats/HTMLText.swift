import Foundation

/// Turns an HTML fragment into safe plain text: tags dropped, blocks as line breaks,
/// list items as "- ", entities decoded, `<script>`/`<style>` removed, whitespace tidied.
public enum HTMLText {
    /// Plain text for an HTML fragment.
    public static func plainText(_ html: String) -> String {
        var utf8 = Array(html.utf8)
        return utf8.withUnsafeMutableBufferPointer { convert(UnsafeBufferPointer($0)) }
    }

    static func convert(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        let n = b.count
        var pre = 0
        var pendingSpace = false
        var breaks = 0 // newlines wanted before the next text
        func emitText(_ bytes: [UInt8]) {
            if breaks > 0, !out.isEmpty {
                while out.last == 0x20 { out.removeLast() }
                out.append(contentsOf: repeatElement(UInt8(0x0A), count: breaks))
                pendingSpace = false
            } else if pendingSpace, !out.isEmpty, out.last != 0x0A, out.last != 0x20 {
                out.append(0x20)
            }
            breaks = 0
            pendingSpace = false
            out.append(contentsOf: bytes)
        }
        func wantBreak(_ k: Int) { breaks = max(breaks, k) }
        var word: [UInt8] = []
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                if !word.isEmpty { emitText(word); word.removeAll(keepingCapacity: true) }
                if i + 3 < n, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                    i = find(b, "-->", from: i + 4).map { $0 + 3 } ?? n
                    continue
                }
                var j = i + 1
                let closing = j < n && b[j] == UInt8(ascii: "/")
                if closing { j += 1 }
                let nameStart = j
                while j < n, isAlnum(b[j]) { j += 1 }
                if j == nameStart {
                    word.append(c); i += 1; continue // a lone '<' is text
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
                case "br": if pre > 0 { out.append(0x0A) } else { breaks += 1; if breaks > 2 { breaks = 2 } }
                case "p", "div", "blockquote", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
                     "section", "article", "header", "footer", "dl", "figure":
                    wantBreak(2)
                case "pre": wantBreak(2); pre += closing ? -1 : 1; if pre < 0 { pre = 0 }
                case "li": if !closing { wantBreak(1); emitText(Array("- ".utf8)); pendingSpace = false } else { wantBreak(1) }
                case "tr", "dt", "dd": wantBreak(1)
                case "td", "th": pendingSpace = true
                default: break
                }
                continue
            }
            if c == UInt8(ascii: "&") {
                if let (bytes, next) = entity(b, at: i) { word.append(contentsOf: bytes); i = next; continue }
                word.append(c); i += 1; continue
            }
            if isSpace(c) {
                if pre > 0 {
                    if !word.isEmpty { emitText(word); word.removeAll(keepingCapacity: true) }
                    if c == 0x0A { out.append(0x0A) } else if c != 0x0D { out.append(c) }
                } else {
                    if !word.isEmpty { emitText(word); word.removeAll(keepingCapacity: true) }
                    pendingSpace = true
                }
                i += 1
                continue
            }
            word.append(c)
            i += 1
        }
        if !word.isEmpty { emitText(word) }
        while let last = out.last, isSpace(last) { out.removeLast() }
        return SafeText.clean(String(decoding: out, as: UTF8.self))
    }

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

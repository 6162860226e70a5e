import Foundation

/// The pieces of MIME that mail archives need: headers, encoded words, transfer encodings,
/// charsets and multipart bodies.
enum MIME {
    /// Headers of one message or part: lower-cased name → values in order; folded lines joined.
    struct Headers {
        var fields: [(name: String, value: String)] = []

        func first(_ name: String) -> String? { fields.first { $0.name == name }?.value }
    }

    /// Splits raw lines into headers and body lines. Throws the index of a line that is not a header.
    static func split(_ lines: ArraySlice<[UInt8]>) -> (Headers, ArraySlice<[UInt8]>, bad: Int?) {
        var h = Headers()
        var i = lines.startIndex
        while i < lines.endIndex {
            let line = lines[i]
            if line.isEmpty || line == [0x0D] { return (h, lines[(i + 1)...], nil) }
            if line[0] == 0x20 || line[0] == 0x09, !h.fields.isEmpty {
                h.fields[h.fields.count - 1].value += " " + latin1OrUTF8(line).trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
                      !line[..<colon].contains(where: { $0 == 0x20 || $0 == 0x09 }) {
                let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
                let value = latin1OrUTF8(Array(line[(colon + 1)...])).trimmingCharacters(in: .whitespacesAndNewlines)
                h.fields.append((name, value))
            } else {
                return (h, lines[i...], i)
            }
            i += 1
        }
        return (h, lines[lines.endIndex...], nil)
    }

    /// Header parameters: `text/plain; charset="utf-8"` → ("text/plain", ["charset": "utf-8"]).
    static func parameters(_ value: String) -> (String, [String: String]) {
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var params: [String: String] = [:]
        for p in parts.dropFirst() {
            guard let eq = p.firstIndex(of: "=") else { continue }
            var v = p[p.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            params[p[..<eq].trimmingCharacters(in: .whitespaces).lowercased()] = v
        }
        return ((parts.first ?? "").lowercased(), params)
    }

    /// Decodes RFC 2047 encoded words (`=?utf-8?Q?caf=C3=A9?=`); whitespace between two words is dropped.
    static func decodeWords(_ s: String) -> String {
        guard s.contains("=?") else { return s }
        var out = ""
        var rest = Substring(s)
        var lastWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            let pieces = afterStart.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
            guard pieces.count == 3, let end = pieces[2].range(of: "?=") else { break }
            let charset = String(pieces[0]), enc = pieces[1].uppercased(), text = pieces[2][..<end.lowerBound]
            let bytes: [UInt8]?
            if enc == "B" { bytes = Data(base64Encoded: padBase64(String(text))).map { [UInt8]($0) } }
            else if enc == "Q" { bytes = quotedPrintable(Array(text.utf8), underscoreIsSpace: true) }
            else { bytes = nil }
            guard let decoded = bytes else { break }
            if !(lastWasWord && before.allSatisfy(\.isWhitespace)) { out += before }
            out += decode(decoded, charset: charset)
            lastWasWord = true
            rest = pieces[2][end.upperBound...]
        }
        return out + rest
    }

    static func padBase64(_ s: String) -> String {
        let clean = s.filter { !$0.isWhitespace }
        return clean + String(repeating: "=", count: (4 - clean.count % 4) % 4)
    }

    /// Quoted-printable to bytes (soft line breaks removed; bad escapes kept as written).
    static func quotedPrintable(_ b: [UInt8], underscoreIsSpace: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "="), i + 1 < b.count {
                if b[i + 1] == 0x0A { i += 2; continue }
                if b[i + 1] == 0x0D, i + 2 < b.count, b[i + 2] == 0x0A { i += 3; continue }
                if i + 2 < b.count, let hi = hex(b[i + 1]), let lo = hex(b[i + 2]) { out.append(hi << 4 | lo); i += 3; continue }
            }
            out.append(underscoreIsSpace && c == UInt8(ascii: "_") ? 0x20 : c)
            i += 1
        }
        return out
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// Bytes in a named charset as a string, decoded by Foundation's encodings (UTF-8, ASCII,
    /// ISO-8859-1/2, windows-1250…1254, UTF-16, Japanese); an unknown charset or bytes that do
    /// not decode → UTF-8 when valid, else Latin-1. windows-1252 is not Latin-1: its 0x80–0x9F
    /// are “ ” ‘ ’ – — € and friends, which Latin-1 would turn into control characters.
    static func decode(_ bytes: [UInt8], charset: String) -> String {
        let name = charset.lowercased().trimmingCharacters(in: .whitespaces)
        if let encoding = encodings[name], let s = String(bytes: bytes, encoding: encoding) { return s }
        return latin1OrUTF8(bytes)
    }

    /// Charset names (as mail writes them) to Foundation encodings. ISO-8859-15 has none: it
    /// falls back to Latin-1, which differs in eight letters.
    static let encodings: [String: String.Encoding] = [
        "utf-8": .utf8, "utf8": .utf8, "us-ascii": .ascii, "ascii": .ascii,
        "iso-8859-1": .isoLatin1, "latin1": .isoLatin1, "iso_8859-1": .isoLatin1, "iso-8859-2": .isoLatin2,
        "windows-1250": .windowsCP1250, "cp1250": .windowsCP1250, "windows-1251": .windowsCP1251, "cp1251": .windowsCP1251,
        "windows-1252": .windowsCP1252, "cp1252": .windowsCP1252, "windows-1253": .windowsCP1253, "cp1253": .windowsCP1253,
        "windows-1254": .windowsCP1254, "cp1254": .windowsCP1254, "utf-16": .utf16, "utf-16le": .utf16LittleEndian,
        "utf-16be": .utf16BigEndian, "shift_jis": .shiftJIS, "euc-jp": .japaneseEUC, "iso-2022-jp": .iso2022JP,
    ]

    /// UTF-8 when valid, else Latin-1 (8-bit headers in old archives).
    static func latin1OrUTF8(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// The readable text of a message or part: text/plain preferred, HTML as plain text, multipart
    /// searched depth first (at most 20 levels).
    static func text(headers: Headers, body: ArraySlice<[UInt8]>, depth: Int = 0) -> String? {
        let (type, params) = parameters(headers.first("content-type") ?? "text/plain")
        if type.hasPrefix("multipart/"), let boundary = params["boundary"], depth < 20 {
            let parts = split(body, boundary: boundary)
            var html: String?
            for part in parts {
                let (h, b, _) = split(part)
                let (t, _) = parameters(h.first("content-type") ?? "text/plain")
                if (h.first("content-disposition") ?? "").lowercased().hasPrefix("attachment") { continue }
                if t == "text/plain" || t.hasPrefix("multipart/"), let s = text(headers: h, body: b, depth: depth + 1) { return s }
                if t == "text/html", html == nil { html = text(headers: h, body: b, depth: depth + 1) }
            }
            return html
        }
        guard type.hasPrefix("text/") || type.isEmpty else { return nil }
        var raw: [UInt8] = []
        for (k, line) in body.enumerated() {
            if k > 0 { raw.append(0x0A) }
            raw.append(contentsOf: line.last == 0x0D ? line.dropLast() : line[...])
        }
        let bytes: [UInt8]
        switch (headers.first("content-transfer-encoding") ?? "").lowercased() {
        case "quoted-printable": bytes = quotedPrintable(raw)
        case "base64": bytes = Data(base64Encoded: padBase64(String(decoding: raw, as: UTF8.self))).map { [UInt8]($0) } ?? raw
        default: bytes = raw
        }
        let s = decode(bytes, charset: params["charset"] ?? "utf-8")
        return type == "text/html" ? HTMLText.plainText(s) : s
    }

    /// The parts of a multipart body.
    static func split(_ body: ArraySlice<[UInt8]>, boundary: String) -> [ArraySlice<[UInt8]>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<[UInt8]>] = []
        var start: Int?
        for i in body.indices {
            let line = body[i]
            guard line.starts(with: delimiter) else { continue }
            if let s = start { parts.append(body[s..<i]) }
            let rest = line.dropFirst(delimiter.count)
            if rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { start = nil; break }
            start = i + 1
        }
        if let s = start, s <= body.endIndex { parts.append(body[s...]) }
        return parts
    }
}

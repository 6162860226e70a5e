import Foundation

extension XMLTokenizer {
    /// Decodes text or an attribute value between two offsets: the five predefined entities and
    /// character references; unknown named references stay as written.
    func decode(_ start: Int, _ end: Int, attribute: Bool) throws -> String {
        var i = start
        var simple = true
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "&") || b == 0x0D || (attribute && (b == 0x0A || b == 0x09)) { simple = false; break }
            i += 1
        }
        if simple { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        // Plain runs are copied whole; only the bytes that change are handled one by one.
        var run = start
        while i < end {
            let b = bytes[i]
            guard b == UInt8(ascii: "&") || b == 0x0D || (attribute && (b == 0x0A || b == 0x09)) else { i += 1; continue }
            if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            if b == 0x0D {
                out.append(attribute ? 0x20 : 0x0A)
                i += 1
                if i < end, bytes[i] == 0x0A { i += 1 }
                run = i
                continue
            }
            if b != UInt8(ascii: "&") { out.append(0x20); i += 1; run = i; continue }
            var semi = i + 1
            while semi < end, semi - i <= 12, bytes[semi] != UInt8(ascii: ";") { semi += 1 }
            guard semi < end, bytes[semi] == UInt8(ascii: ";") else { out.append(b); i += 1; run = i; continue }
            let ref = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<semi])
            if let scalar = try characterReference(ref, at: i) {
                UTF8.encode(scalar) { out.append($0) }
            } else if let byte = predefinedEntity(ref) {
                out.append(byte)
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...semi]))
            }
            i = semi + 1
            run = i
        }
        if run < end { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<end])) }
        return String(decoding: out, as: UTF8.self)
    }

    private func characterReference(_ ref: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> Unicode.Scalar? {
        guard ref.count >= 2, ref[0] == UInt8(ascii: "#") else { return nil }
        var value: UInt32 = 0
        let hex = ref[1] == UInt8(ascii: "x")
        var j = hex ? 2 : 1
        guard j < ref.count else { throw error("empty character reference", at: offset) }
        while j < ref.count {
            let c = ref[j]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x61...0x66 where hex: digit = UInt32(c - 0x61 + 10)
            case 0x41...0x46 where hex: digit = UInt32(c - 0x41 + 10)
            default: throw error("bad character reference (expected \(hex ? "hex " : "")digits)", at: offset)
            }
            value = value * (hex ? 16 : 10) + digit
            if value > 0x10FFFF { throw error("character reference out of range", at: offset) }
            j += 1
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else {
            throw error("character reference to an invalid code point", at: offset)
        }
        return scalar
    }

    private func predefinedEntity(_ ref: UnsafeBufferPointer<UInt8>) -> UInt8? {
        switch ref.count {
        case 2:
            if ref[1] == UInt8(ascii: "t") {
                if ref[0] == UInt8(ascii: "l") { return UInt8(ascii: "<") }
                if ref[0] == UInt8(ascii: "g") { return UInt8(ascii: ">") }
            }
        case 3:
            if ref[0] == UInt8(ascii: "a"), ref[1] == UInt8(ascii: "m"), ref[2] == UInt8(ascii: "p") { return UInt8(ascii: "&") }
        case 4:
            let s = String(decoding: ref, as: UTF8.self)
            if s == "quot" { return UInt8(ascii: "\"") }
            if s == "apos" { return UInt8(ascii: "'") }
        default: break
        }
        return nil
    }

    /// UTF-8 bytes for the document: a UTF-8 BOM is dropped, UTF-16 (BOM) and ISO-8859-1 /
    /// Windows-1252 (declared) are converted; other declared encodings are refused. Nil when
    /// `data` is UTF-8 already (after its BOM, if any): the caller copies it as it is.
    static func transcode(_ data: Data, file: String) throws -> [UInt8]? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let enc: String.Encoding = data.first == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let s = String(data: data.dropFirst(2), encoding: enc) else {
                throw FormatError(SourceLocation(file: file, offset: 0), "invalid UTF-16 text")
            }
            return Array(s.utf8)
        }
        let head = String(decoding: data.prefix(200), as: UTF8.self).lowercased()
        if head.hasPrefix("<?xml"), let r = head.range(of: "encoding=") {
            let rest = head[r.upperBound...].dropFirst()
            let enc = String(rest.prefix { $0 != "\"" && $0 != "'" })
            switch enc {
            case "utf-8", "utf8", "us-ascii", "ascii": break
            case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
                let s = String(decoding: data.map { Unicode.Scalar($0) }.map(Character.init).map { String($0) }.joined().utf8,
                               as: UTF8.self)
                return Array(s.utf8)
            default:
                throw FormatError(SourceLocation(file: file, line: 1, column: 1),
                                  "unsupported encoding \(enc) (expected UTF-8, UTF-16 or ISO-8859-1)")
            }
        }
        return nil
    }

    /// The offset of the first invalid UTF-8 sequence, or nil when the text is valid.
    static func invalidUTF8Offset(_ buf: UnsafeBufferPointer<UInt8>) -> Int? {
        if String(validating: buf, as: UTF8.self) != nil { return nil }
        return FormatError.firstInvalidUTF8(Array(buf))
    }
}

import Foundation

/// Where a text stops being JSON: a 1-based line and column and what was expected there.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
    public var description: String { "line \(line) column \(column): \(message)" }
}

/// A strict JSON reader that reports errors by line and column (`expected …`) and refuses
/// nesting deeper than 256 levels.
public struct JSONText {
    /// Parses one JSON document. `lineOffset` is added to reported line numbers.
    public static func parse(_ text: String, lineOffset: Int = 0) throws -> JSONValue {
        var p = JSONText(Array(text.utf8), lineOffset: lineOffset)
        return try p.document()
    }

    /// The 1-based line on which each element of a top-level array starts.
    public static func objectLines(_ text: String) -> [Int] {
        var p = JSONText(Array(text.utf8), lineOffset: 0)
        _ = try? p.document()
        return p.elementLines
    }

    let b: [UInt8]
    let lineOffset: Int
    var i = 0
    var depth = 0
    var elementLines: [Int] = []
    var scanPos = 0
    var scanLine = 1
    static let maxDepth = 256

    init(_ bytes: [UInt8], lineOffset: Int) {
        b = bytes
        self.lineOffset = lineOffset
    }

    mutating func document() throws -> JSONValue {
        let v = try value()
        space()
        guard i == b.count else { throw fail("expected the end of the JSON text") }
        return v
    }

    func fail(_ message: String) -> JSONSyntaxError {
        var line = 1, col = 1, k = 0
        while k < min(i, b.count) { if b[k] == 0x0A { line += 1; col = 1 } else { col += 1 }; k += 1 }
        let found = i < b.count ? " (found '\(String(decoding: [b[i]], as: UTF8.self))')" : " (found the end of the input)"
        return JSONSyntaxError(line: line + lineOffset, column: col, message: message + found)
    }

    mutating func space() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    mutating func value() throws -> JSONValue {
        space()
        guard i < b.count else { throw fail("expected a JSON value") }
        switch b[i] {
        case UInt8(ascii: "{"):
            depth += 1
            guard depth <= Self.maxDepth else { throw fail("JSON nested deeper than \(Self.maxDepth) levels (refused)") }
            i += 1
            var o: [String: JSONValue] = [:]
            space()
            if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(o) }
            while true {
                space()
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                let key = try string()
                space()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                i += 1
                o[key] = try value()
                space()
                guard i < b.count else { throw fail("expected ',' or '}'") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(o) }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            depth += 1
            guard depth <= Self.maxDepth else { throw fail("JSON nested deeper than \(Self.maxDepth) levels (refused)") }
            i += 1
            var a: [JSONValue] = []
            space()
            if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(a) }
            while true {
                space()
                if depth == 1 { elementLines.append(currentLine()) }
                a.append(try value())
                space()
                guard i < b.count else { throw fail("expected ',' or ']'") }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    space()
                    if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(a) } // trailing comma, as task export 2.5 wrote
                    continue
                }
                if b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(a) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    mutating func currentLine() -> Int {
        while scanPos < i { if b[scanPos] == 0x0A { scanLine += 1 }; scanPos += 1 }
        return scanLine + lineOffset
    }

    mutating func literal(_ word: String, _ v: JSONValue) throws -> JSONValue {
        for c in word.utf8 {
            guard i < b.count, b[i] == c else { throw fail("expected \(word)") }
            i += 1
        }
        return v
    }

    mutating func number() throws -> JSONValue {
        let start = i
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e")
                || b[i] == UInt8(ascii: "E") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i > start, let d = Double(String(decoding: b[start..<i], as: UTF8.self)) else {
            i = start
            throw fail("expected a JSON value")
        }
        return .number(d)
    }

    mutating func string() throws -> String {
        i += 1
        let start = i
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 { i += 1 }
        if i < b.count, b[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: b[start..<i], as: UTF8.self)
        }
        var out = Array(b[start..<i])
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if c < 0x20 { throw fail("expected '\"' closing the string (control character inside)") }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < b.count else { break }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "u"):
                var v = try hex4()
                if (0xD800..<0xDC00).contains(v), i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    v = 0x10000 + ((v - 0xD800) << 10) + ((low &- 0xDC00) & 0x3FF)
                }
                let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(scalar)).utf8)
            default: i -= 1; throw fail("expected a valid escape")
            }
        }
        throw fail("expected '\"' closing the string")
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<(i + 4)], as: UTF8.self), radix: 16) else {
            throw fail("expected four hex digits after \\u")
        }
        i += 4
        return v
    }
}

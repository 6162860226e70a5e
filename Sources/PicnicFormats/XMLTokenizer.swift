import Foundation

/// One attribute of an XML start tag, entity references already decoded.
public struct XMLAttribute: Equatable, Sendable {
    public var name: String
    public var value: String
}

/// What the tokenizer saw next.
public enum XMLEvent: Equatable, Sendable {
    case start(name: String, attributes: [XMLAttribute])
    case end(name: String)
    case text(String)
}

/// A small, strict, streaming XML tokenizer over bytes in memory.
///
/// It never expands entities beyond the five predefined ones and numeric character references,
/// refuses documents whose DTD declares entities (billion laughs), never fetches anything, and
/// checks that tags nest. Unknown named references (`&nbsp;`) are left as they are.
public final class XMLTokenizer {
    let file: String
    let bytes: UnsafeMutableBufferPointer<UInt8>
    var pos = 0
    var stack: [String] = []
    var pendingEnd: String?
    var sawRoot = false
    /// Deepest nesting accepted before the input is refused.
    public var maxDepth = 512
    /// The reader whose bytes this one reads (see `init(continuing:at:insideRoot:)`).
    private var owner: XMLTokenizer?
    /// An offset to stop at when the reader gets there between two children of the root: the
    /// first half of a document read in two parts. See `missedStop`.
    var stopOffset: Int?
    /// Whether the reader passed `stopOffset` inside some construct and so read on to the end.
    private(set) var missedStop = false

    /// Reads `data` (UTF-8, UTF-16 with BOM, or ISO-8859-1 as declared). `file` names it in errors.
    public init(data: Data, file: String) throws {
        self.file = file
        // UTF-8 input (the common case) is copied once, straight from `data`.
        let converted = try XMLTokenizer.transcode(data, file: file)
        let skip = converted == nil && data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        count = converted?.count ?? data.count - skip
        bytes = .allocate(capacity: max(count, 1))
        if let converted {
            _ = bytes.initialize(from: converted)
        } else {
            data.copyBytes(to: bytes, from: (data.startIndex + skip)..<data.endIndex)
        }
        if count == 0 { bytes[0] = 0 }
        if let bad = XMLTokenizer.invalidUTF8Offset(UnsafeBufferPointer(rebasing: bytes[0..<count])) {
            throw error("invalid UTF-8 (expected UTF-8 text)", at: bad)
        }
    }

    let count: Int

    /// A second reader over `other`'s bytes, starting at `offset` inside the root element `root`.
    /// It reads exactly as `other` would from there when `other` stops at that offset (its
    /// `stopOffset`) without `missedStop`: a reader's whole state is its offset and open elements.
    init(continuing other: XMLTokenizer, at offset: Int, insideRoot root: String) {
        file = other.file
        bytes = other.bytes
        count = other.count
        owner = other
        pos = offset
        stack = [root]
        sawRoot = true
        maxDepth = other.maxDepth
    }

    deinit { if owner == nil { bytes.deallocate() } }

    /// The byte offset the tokenizer has reached.
    public var offset: Int { pos }

    /// A located error at `offset`.
    public func error(_ message: String, at offset: Int? = nil) -> FormatError {
        FormatError(SourceLocation(file: file, bytes: UnsafeBufferPointer(rebasing: bytes[0..<count]),
                                   offset: offset ?? pos), message)
    }

    /// The next event, or nil at the end of a well-formed document.
    public func next() throws -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            stack.removeLast()
            return .end(name: name)
        }
        if let stop = stopOffset, pos >= stop {
            if pos == stop, stack.count == 1 { return nil }
            stopOffset = nil
            missedStop = true
        }
        while pos < count {
            if bytes[pos] != UInt8(ascii: "<") {
                let start = pos
                while pos < count, bytes[pos] != UInt8(ascii: "<") { pos += 1 }
                if stack.isEmpty {
                    if !isWhitespace(start, pos) { throw error("text outside the root element (expected '<')", at: start) }
                    continue
                }
                return .text(try decode(start, pos, attribute: false))
            }
            // A markup construct.
            if pos + 1 >= count { throw error("unexpected end of file (expected a tag)") }
            let c = bytes[pos + 1]
            if c == UInt8(ascii: "?") {
                try skip(past: "?>", what: "'?>' closing the processing instruction")
            } else if c == UInt8(ascii: "!") {
                if startsWith("<!--") {
                    try skip(past: "-->", what: "'-->' closing the comment")
                } else if startsWith("<![CDATA[") {
                    let start = pos + 9
                    guard let end = find("]]>", from: start) else {
                        throw error("unterminated CDATA section (expected ']]>')")
                    }
                    pos = end + 3
                    if stack.isEmpty { throw error("CDATA outside the root element", at: start) }
                    return .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                } else if startsWith("<!DOCTYPE") {
                    try skipDoctype()
                } else {
                    throw error("unknown markup (expected a comment, CDATA or DOCTYPE)")
                }
            } else if c == UInt8(ascii: "/") {
                let at = pos
                pos += 2
                let name = try readName()
                skipSpace()
                guard pos < count, bytes[pos] == UInt8(ascii: ">") else { throw error("expected '>' closing </\(name)>") }
                pos += 1
                guard let open = stack.last else { throw error("closing tag </\(name)> without an open element", at: at) }
                guard open == name else { throw error("mismatched closing tag </\(name)> (expected </\(open)>)", at: at) }
                stack.removeLast()
                return .end(name: name)
            } else {
                return try readStartTag()
            }
        }
        if let open = stack.last { throw error("unexpected end of file (expected </\(open)>)") }
        if !sawRoot { throw error("no root element (expected an XML document)") }
        return nil
    }

    /// Collects the text up to the end of the element just started (nested tags are dropped).
    public func readText() throws -> String {
        var depth = 1
        var parts: [String] = []
        while let ev = try next() {
            switch ev {
            case .start: depth += 1
            case .end: depth -= 1; if depth == 0 { return parts.joined() }
            case .text(let t): parts.append(t)
            }
        }
        return parts.joined()
    }

    /// Skips the rest of the element just started.
    public func skipElement() throws {
        var depth = 1
        while let ev = try next() {
            switch ev {
            case .start: depth += 1
            case .end: depth -= 1; if depth == 0 { return }
            case .text: break
            }
        }
    }

    // MARK: - Tags

    private func readStartTag() throws -> XMLEvent {
        let at = pos
        if stack.isEmpty, sawRoot { throw error("a second root element (expected the end of the document)") }
        pos += 1
        let name = try readName()
        var attributes: [XMLAttribute] = []
        while true {
            let hadSpace = skipSpace()
            guard pos < count else { throw error("unexpected end of file inside <\(name)> (expected '>')") }
            let b = bytes[pos]
            if b == UInt8(ascii: ">") { pos += 1; break }
            if b == UInt8(ascii: "/") {
                guard pos + 1 < count, bytes[pos + 1] == UInt8(ascii: ">") else { throw error("expected '/>'") }
                pos += 2
                pendingEnd = name
                break
            }
            guard hadSpace else { throw error("expected a space, '>' or '/>' in <\(name)>") }
            let attrName = try readName()
            skipSpace()
            guard pos < count, bytes[pos] == UInt8(ascii: "=") else { throw error("expected '=' after attribute \(attrName)") }
            pos += 1
            skipSpace()
            guard pos < count, bytes[pos] == UInt8(ascii: "\"") || bytes[pos] == UInt8(ascii: "'") else {
                throw error("expected a quoted value for attribute \(attrName)")
            }
            let quote = bytes[pos]
            pos += 1
            let start = pos
            while pos < count, bytes[pos] != quote {
                if bytes[pos] == UInt8(ascii: "<") { throw error("'<' inside the value of attribute \(attrName)") }
                pos += 1
            }
            guard pos < count else { throw error("unterminated value of attribute \(attrName)", at: start) }
            let value = try decode(start, pos, attribute: true)
            pos += 1
            attributes.append(XMLAttribute(name: attrName, value: value))
        }
        if stack.count >= maxDepth { throw error("elements nested deeper than \(maxDepth) (refused)", at: at) }
        stack.append(name)
        sawRoot = true
        return .start(name: name, attributes: attributes)
    }

    private func readName() throws -> String {
        let start = pos
        guard pos < count, isNameStart(bytes[pos]) else { throw error("expected a name") }
        pos += 1
        while pos < count, isNameChar(bytes[pos]) { pos += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
    }

    @discardableResult
    private func skipSpace() -> Bool {
        let start = pos
        while pos < count, isSpace(bytes[pos]) { pos += 1 }
        return pos > start
    }

    private func skipDoctype() throws {
        let start = pos
        var bracket = 0
        pos += 9
        while pos < count {
            let b = bytes[pos]
            if b == UInt8(ascii: "[") { bracket += 1 }
            else if b == UInt8(ascii: "]") { bracket -= 1 }
            else if b == UInt8(ascii: "<"), bracket > 0, startsWith("<!ENTITY") {
                throw error("the DTD declares entities; refused (entity expansion is never done)", at: pos)
            } else if b == UInt8(ascii: ">"), bracket <= 0 { pos += 1; return }
            pos += 1
        }
        throw error("unterminated DOCTYPE (expected '>')", at: start)
    }

    private func skip(past terminator: String, what: String) throws {
        let start = pos
        guard let end = find(terminator, from: pos + 2) else { throw error("unexpected end of file (expected \(what))", at: start) }
        pos = end + terminator.utf8.count
    }

    private func startsWith(_ s: String) -> Bool {
        var i = pos
        for b in s.utf8 {
            if i >= count || bytes[i] != b { return false }
            i += 1
        }
        return true
    }

    func find(_ s: String, from: Int) -> Int? {
        let needle = Array(s.utf8)
        let first = needle[0]
        var i = from
        let last = count - needle.count
        while i <= last {
            if bytes[i] == first {
                var j = 1
                while j < needle.count, bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    private func isWhitespace(_ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end { if !isSpace(bytes[i]) { return false }; i += 1 }
        return true
    }
}

@inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
@inline(__always) func isNameStart(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b == 0x3A || b >= 0x80
}
@inline(__always) func isNameChar(_ b: UInt8) -> Bool {
    isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
}

import Foundation
import PicnicCore

/// Where in an input file something went wrong: a file name with a line (and column) or a byte offset.
public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var offset: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil, offset: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The location of byte `offset` in `bytes`, counting lines and columns from 1.
    public init(file: String, bytes: UnsafeBufferPointer<UInt8>, offset: Int) {
        var line = 1, lineStart = 0
        let end = min(offset, bytes.count)
        var i = 0
        while i < end {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        self.init(file: file, line: line, column: end - lineStart + 1, offset: offset)
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)"; if let column { s += ":\(column)" } }
        else if let offset { s += ": byte \(offset)" }
        return s
    }
}

/// A bad-input error that names the file and the place: `file:line:col: expected …`. Exit code 65.
public struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }

    /// The same error as a `PicnicError` (bad input data, exit 65).
    public var picnicError: PicnicError { .data(description) }
}

extension FormatError {
    /// Reads a whole file, turning I/O failures into a `PicnicError` (exit 74).
    static func readFile(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) {
                throw PicnicError.io("\(url.path): no such file")
            }
            throw PicnicError.io("\(url.path): cannot read the file")
        }
    }

    /// Decodes UTF-8 text (a BOM is dropped), or fails at the first invalid byte.
    static func utf8Text(_ data: Data, file: String) throws -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        let bad = firstInvalidUTF8(bytes)
        throw bytes.withUnsafeBufferPointer {
            FormatError(SourceLocation(file: file, bytes: $0, offset: bad),
                        "invalid UTF-8 (expected UTF-8 text; convert the file with iconv)")
        }
    }

    /// The offset of the first byte that is not valid UTF-8 (or `bytes.count`).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let len: Int
            if b < 0x80 { len = 1 } else if b & 0xE0 == 0xC0, b >= 0xC2 { len = 2 }
            else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0, b <= 0xF4 { len = 4 }
            else { return i }
            if i + len > n { return i }
            var j = 1
            while j < len { if bytes[i + j] & 0xC0 != 0x80 { return i }; j += 1 }
            if String(validating: bytes[i..<(i + len)], as: UTF8.self) == nil { return i }
            i += len
        }
        return n
    }
}

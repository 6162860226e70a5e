import Foundation
import PicnicCore

extension JSONText {
    /// Parses one JSON document of a file, reporting errors as `file:line:column: expected …`
    /// (exit 65). `lineOffset` is added to reported line numbers.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws -> JSONValue {
        do {
            return try parse(text, lineOffset: lineOffset)
        } catch let e as JSONSyntaxError {
            throw FormatError(SourceLocation(file: file, line: e.line, column: e.column), e.message)
        }
    }

    /// Parses JSON bytes (UTF-8) of a file.
    public static func parse(_ data: Data, file: String) throws -> JSONValue {
        try parse(FormatError.utf8Text(data, file: file), file: file)
    }
}

import Foundation
import PicnicFormats

/// Our own small test inputs, under Tests/PicnicFormatsTests/Fixtures.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// Runs `body` and returns the `FormatError` it threw (nil when it threw none).
    static func formatError(_ body: () throws -> Void) -> FormatError? {
        do { try body(); return nil } catch let e as FormatError { return e } catch { return nil }
    }
}

import Foundation
import PicnicCore
import TOMLKit

/// The `[capture]` table of config.toml, read from its text (the executable reads the file).
public struct CaptureConfig: Equatable, Sendable {
    /// `record_origin = true`: annotate captured tasks with where they were captured.
    public var recordOrigin = false

    public init(recordOrigin: Bool = false) { self.recordOrigin = recordOrigin }

    /// Reads `[capture]`; a value of the wrong type is `PicnicError(.config)` naming `file:line`.
    public static func parse(configText text: String, file: String) throws -> CaptureConfig {
        let table = try Keymap.tomlTable(text, file: file)
        guard let capture = table["capture"] else { return CaptureConfig() }
        let lines = ConfigLines(text)
        guard let t = capture.table else {
            throw PicnicError.config("\(file):\(lines.line(ofKey: "capture", in: []) ?? 1): “capture” must be a table ([capture])")
        }
        guard let value = t["record_origin"] else { return CaptureConfig() }
        guard let flag = value.bool else {
            let line = lines.line(ofKey: "record_origin", in: ["capture"]) ?? 1
            throw PicnicError.config("\(file):\(line): record_origin must be true or false")
        }
        return CaptureConfig(recordOrigin: flag)
    }
}

import Foundation
import Testing
import TermUI
@testable import Dashboard

/// Golden text snapshots under `Tests/DashboardTests/Snapshots/`, re-recorded with `PICNIC_RECORD=1`.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The buffer as text framed so trailing spaces and the size are visible.
    static func text(_ buffer: ScreenBuffer) -> String {
        let border = "+" + String(repeating: "-", count: buffer.width) + "+"
        return ([border] + buffer.lines.map { "|" + $0 + "|" } + [border]).joined(separator: "\n") + "\n"
    }

    /// Compares a rendering with its golden file (or records it).
    static func assert(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = text(buffer)
        if ProcessInfo.processInfo.environment["PICNIC_RECORD"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name).txt: run PICNIC_RECORD=1 swift test --filter DashboardTests", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("snapshot \(name) differs (PICNIC_RECORD=1 re-records):\n\(diff(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    /// A readable line diff: `-` expected, `+` actual, with line numbers; equal lines omitted.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let l = i < a.count ? a[i] : nil, r = i < b.count ? b[i] : nil
            if l == r { continue }
            if let l { out.append(String(format: "%3d - ", i + 1) + l) }
            if let r { out.append(String(format: "%3d + ", i + 1) + r) }
            if out.count > 60 { out.append("…"); break }
        }
        return out.joined(separator: "\n")
    }
}

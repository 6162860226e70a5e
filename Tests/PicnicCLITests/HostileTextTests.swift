import Foundation
import Testing
import TestSupport

/// The hostile corpus through the line-oriented commands: what they print is sanitized by the
/// same Sanitizer as the dashboard, and measured by the same display width.
@Suite struct HostileTextTests {
    @Test func listShowAndStatusPrintNoControlsNorPayloads() throws {
        let dir = TestSupport.makeTempDirectory()
        let db = dir.appendingPathComponent("p.sqlite")
        let tasks = HostileText.corpus.enumerated().map { i, title -> [String: Any] in
            ["uuid": String(format: "00000000-0000-4000-8000-%012d", i + 1), "description": title,
             "status": i == 0 ? "pending" : "pending", "entry": "20260101T000000Z", "tags": ["t\u{1B}[1m\(i)"],
             "project": "p\u{202E}\(i)"]
        }
        let file = dir.appendingPathComponent("t.json")
        try JSONSerialization.data(withJSONObject: tasks).write(to: file)
        #expect(try TestSupport.picnic(["import", "taskwarrior", file.path], db: db).status == 0)
        #expect(try TestSupport.picnic(["start", "1"], db: db).status == 0)
        var outputs = [try TestSupport.picnic(["list"], db: db).stdout, try TestSupport.picnic(["status"], db: db).stdout]
        for n in 1...HostileText.corpus.count { outputs.append(try TestSupport.picnic(["show", "\(n)"], db: db).stdout) }
        for out in outputs {
            #expect(!out.isEmpty)
            for v in out.unicodeScalars.map(\.value) where v != 0x0A {
                #expect(!HostileText.isForbidden(v), "U+\(String(v, radix: 16)) in \(out.debugDescription)")
            }
            for p in HostileText.payloads { #expect(!out.contains(p), "\(p) in \(out.debugDescription)") }
        }
        #expect(outputs[0].contains("Pwned"))
    }
}

import Foundation
import Testing
import TestSupport

/// Start-up failures of the dashboard that need no terminal: they happen before the screen opens.
struct DashboardStartupTests {
    @Test func aBadKeymapIsRefusedWithFileAndLine() throws {
        let dir = TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("config.toml")
        try "# my keys\n[keys.normal]\nj = \"fly-away\"\n".write(to: config, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("picnic.sqlite")
        let out = try TestSupport.picnic(["--config", config.path], db: db)
        #expect(out.status == 78)
        #expect(out.stderr.contains("\(config.path):3"))
        #expect(out.stderr.split(separator: "\n").count == 1)
        // Refused before anything was created.
        #expect(!FileManager.default.fileExists(atPath: db.path))
    }

    @Test func noTerminalIsAOneLineError() throws {
        let dir = TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("picnic.sqlite")
        try TestSupport.picnic(["add", "x"], db: db)
        // setsid-less subprocess with pipes: no tty on stdin/stdout; /dev/tty may or may not open.
        let out = try TestSupport.picnic([], db: db, environment: ["TERM": ""])
        #expect(out.status == 78)
        #expect(out.stderr.hasPrefix("picnic: "))
        #expect(out.stderr.split(separator: "\n").count == 1)
    }
}

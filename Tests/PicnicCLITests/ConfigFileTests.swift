import Dashboard
import Foundation
import PicnicCore
import Testing
import TestSupport
@testable import picnic

/// The executable reads config.toml; the keymap and [capture] parse its text.
@Suite struct ConfigFileTests {
    @Test func loadingUsesXdgConfigHomeAndRequiresAnExplicitPath() throws {
        let dir = TestSupport.makeTempDirectory("keymap")
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["XDG_CONFIG_HOME": dir.path, "HOME": "/nonexistent"]
        #expect(try ConfigFile.read(explicitPath: nil, environment: env).keymap() == .defaults)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("picnic"), withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("picnic/config.toml")
        try "[keys.normal]\n\"ctrl-n\" = \"move-down\"\n".write(to: file, atomically: true, encoding: .utf8)
        let k = try ConfigFile.read(explicitPath: nil, environment: env).keymap()
        #expect(k.lookup([.ctrl("n")], in: .normal) == .action(.moveDown))
        let missing = #expect(throws: PicnicError.self) {
            try ConfigFile.read(explicitPath: dir.appendingPathComponent("nope.toml").path, environment: env)
        }
        #expect(missing?.kind == .config)
        #expect(missing?.message.contains("nope.toml") == true)
    }

    @Test func captureTableReadsRecordOriginAndRefusesAWrongType() throws {
        #expect(try CaptureConfig.parse(configText: "[capture]\nrecord_origin = true\n", file: "c.toml").recordOrigin)
        #expect(try !CaptureConfig.parse(configText: "[keys.normal]\nj = \"move-down\"\n", file: "c.toml").recordOrigin)
        let bad = #expect(throws: PicnicError.self) {
            try CaptureConfig.parse(configText: "# x\n[capture]\nrecord_origin = \"yes\"\n", file: "c.toml")
        }
        #expect(bad?.message == "c.toml:3: record_origin must be true or false")
        #expect(bad?.kind == .config)
    }
}

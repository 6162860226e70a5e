import Foundation
import Testing
import TestSupport
@testable import Dashboard

@Suite struct KeybindingsDocTests {
    /// `docs/Keybindings.md` must match the keymap; `PICNIC_RECORD=1` rewrites it.
    @Test func keybindingsDocIsCurrent() throws {
        let url = TestSupport.repositoryRoot.appendingPathComponent("docs/Keybindings.md")
        let generated = Keymap.defaults.markdown()
        if ProcessInfo.processInfo.environment["PICNIC_RECORD"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let onDisk = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        #expect(onDisk == generated, "docs/Keybindings.md is stale: run PICNIC_RECORD=1 swift test --filter KeybindingsDoc\n\(Snapshot.diff(onDisk, generated))")
    }
}

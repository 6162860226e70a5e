import Foundation
import Testing
@testable import picnic

/// The prompt history file the capture line reads and appends to.
@Suite struct HistoryFileTests {
    @Test func historyFileRoundTripsAndTrims() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hist-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = HistoryFile(path: dir.appendingPathComponent("picnic/history").path, limit: 2)
        #expect(h.load() == [])
        try h.append("one")
        try h.append("one")
        try h.append("   ")
        try h.append("two\nlines")
        try h.append("three")
        #expect(h.load() == ["two lines", "three"])
    }

    @Test func defaultHistoryPathFollowsXDG() {
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/picnic/history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/picnic/history")
    }
}

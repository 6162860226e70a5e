import Foundation
import Testing
import TestSupport
@testable import PicnicCore
@testable import PicnicStore

@Suite struct ExportRoundTripTests {
    @Test func exportThenImportIntoAnEmptyStoreIsLossless() throws {
        let db = try makeStore()
        let now = Date()
        try db.addTasks([draft("Fix CI +ci project:infra due:fri pri:H"), draft("修复 👩‍💻 wait:+3d"),
                         draft("plain"), draft("to finish"), draft("to delete +x")], now: now)
        try db.start(ref: "1", now: now)
        try db.annotate(ref: "1", text: "looked at the logs", now: now)
        try db.markDone(refs: ["4"], now: now)
        try db.delete(refs: ["5"], now: now)
        var extra = WorkTask(title: "imported with extras", created: now.truncatedToSeconds)
        extra.extra = ["estimate": .number(2.5), "source": .string("tw")]
        extra.depends = [UUID()]
        extra.notes = "multi\nline"
        try db.saveImportedTasks([extra])

        let original = try db.allTasks(includeClosed: true, now: now)
        let json = TaskJSON.encode(original, now: now, pretty: true)
        let copy = try makeStore()
        try copy.saveImportedTasks(try TaskJSON.decode(json))
        let again = try copy.allTasks(includeClosed: true, now: now)
        #expect(again == original)
        #expect(TaskJSON.encode(again, now: now, pretty: true) == json)
        #expect(original.count == 6)
    }
}

import Foundation
import Testing
@testable import PicnicCore

@Suite struct TaskJSONTests {
    @Test func roundTripsEveryField() throws {
        let t = WorkTask(
            uuid: UUID(), number: 4, title: "Fix \"CI\" / 修复 👩‍💻", notes: "line1\nline2", project: "infra",
            tags: ["ci", "ops"], priority: .M, due: Fixture.eod(2026, 12, 1), wait: Fixture.date(2026, 11, 27, 9),
            status: .active, created: Fixture.date(2026, 11, 1, 8), modified: Fixture.date(2026, 11, 2, 8),
            started: Fixture.date(2026, 11, 2, 8), completed: nil,
            annotations: [Annotation(entry: Fixture.date(2026, 11, 3, 12), text: "looked")],
            depends: [UUID()], extra: ["estimate": .number(3), "flag": .bool(true), "nested": .object(["a": .array([.null])])])
        let data = TaskJSON.encode([t], now: Fixture.now)
        #expect(try TaskJSON.decode(data) == [t])
        let pretty = TaskJSON.encode([t, t], now: Fixture.now, pretty: true)
        #expect(try TaskJSON.decode(pretty) == [t, t])
    }

    @Test func absentValuesAreNullAndKeysAreDocumented() throws {
        let t = WorkTask(title: "x", created: Fixture.now)
        let obj = try JSONSerialization.jsonObject(with: TaskJSON.encode([t], now: Fixture.now)) as! [[String: Any]]
        let keys = Set(obj[0].keys)
        #expect(keys == ["id", "uuid", "title", "notes", "project", "tags", "priority", "due", "wait", "status",
                         "urgency", "annotations", "created", "modified", "started", "completed", "depends", "extra",
                         "scheduled", "series", "occurrence", "blocked", "blocking"])
        #expect(obj[0]["project"] is NSNull)
        #expect(obj[0]["series"] is NSNull && obj[0]["blocked"] as? Bool == false)
        #expect(obj[0]["id"] is NSNull)
        #expect(obj[0]["uuid"] as? String == t.uuid.uuidString.lowercased())
    }

    @Test func datesAreUTCSeconds() {
        #expect(TaskJSON.format(Date(timeIntervalSince1970: 1_796_133_600.7)) == "2026-12-01T14:00:00Z")
        #expect(TaskJSON.parse("2026-12-01T14:00:00Z") == Date(timeIntervalSince1970: 1_796_133_600))
        #expect(TaskJSON.parse("20261201T140000Z") == Date(timeIntervalSince1970: 1_796_133_600))
        #expect(TaskJSON.parse("yesterday") == nil)
    }

    @Test func badInputNamesTheField() {
        let bad = #"[{"uuid":"5d1b1f2e-0000-4000-8000-000000000000","title":"x","created":"soon"}]"#
        #expect(throws: PicnicError.self) { try TaskJSON.decode(Data(bad.utf8)) }
        do { _ = try TaskJSON.decode(Data(bad.utf8)) } catch { #expect(error.message.contains("created")) }
    }
}

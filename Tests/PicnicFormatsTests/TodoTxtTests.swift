import Foundation
import PicnicCore
import TestSupport
import Testing
@testable import PicnicFormats

@Suite struct TodoTxtTests {
    let now = Timestamps.day("2026-11-29")!

    func one(_ line: String) throws -> WorkTask {
        let tasks = try TodoTxtFormat.parse(Data(line.utf8), file: "todo.txt", now: now)
        return try #require(tasks.first)
    }

    @Test func priorityOnlyAtTheVeryStart() throws {
        let a = try one("(A) Call Mom")
        #expect(a.priority == .H && a.title == "Call Mom")
        for line in ["Really gotta call Mom (A) @phone @someday", "(b) Get back to the boss", "(B)->Submit TPS report"] {
            #expect(try one(line).priority == nil, "\(line)")
        }
        #expect(try one("Really gotta call Mom (A) @phone @someday").title == "Really gotta call Mom (A)")
        #expect(try one("Really gotta call Mom (A) @phone @someday").tags == ["phone", "someday"])
        #expect(try one("(b) Get back to the boss").title == "(b) Get back to the boss")
        #expect(try one("(B)->Submit TPS report").title == "(B)->Submit TPS report")
        let d = try one("(D) Low")
        #expect(d.priority == .L && d.extra["pri"] == .string("D"))
    }

    @Test func creationDates() throws {
        let t = try one("2011-03-02 Document +TodoTxt task format")
        #expect(Timestamps.dayString(t.created) == "2011-03-02" && t.project == "TodoTxt" && t.title == "Document task format")
        let p = try one("(A) 2011-03-02 Call Mom")
        #expect(Timestamps.dayString(p.created) == "2011-03-02" && p.priority == .H)
        let late = try one("(A) Call Mom 2011-03-02")
        #expect(late.title == "Call Mom 2011-03-02" && late.created == now)
    }

    @Test func projectsAndContexts() throws {
        let t = try one("(A) Call Mom +Family +PeaceLoveAndHappiness @iphone @phone")
        #expect(t.project == "Family" && t.extra["projects"] == .array([.string("PeaceLoveAndHappiness")]))
        #expect(t.tags == ["iphone", "phone"])
        #expect(try one("Email SoAndSo at soandso@example.com").tags.isEmpty)
        #expect(try one("Email SoAndSo at soandso@example.com").title == "Email SoAndSo at soandso@example.com")
        #expect(try one("Learn how to add 2+2").project == nil)
        #expect(try one("@GroceryStore Eskimo pies").tags == ["GroceryStore"])
    }

    @Test func completion() throws {
        let x = try one("x 2011-03-03 Call Mom")
        #expect(x.status == .done && Timestamps.dayString(x.completed!) == "2011-03-03" && x.title == "Call Mom")
        for line in ["xylophone lesson", "X 2012-01-01 Make resolutions", "(A) x Find ticket prices"] {
            #expect(try one(line).status == .pending, "\(line)")
        }
        #expect(try one("X 2012-01-01 Make resolutions").title == "X 2012-01-01 Make resolutions")
        #expect(try one("(A) x Find ticket prices").title == "x Find ticket prices")
        let both = try one("x 2011-03-02 2011-03-01 Review Tim's pull request +TodoTxtTouch @github")
        #expect(Timestamps.dayString(both.completed!) == "2011-03-02" && Timestamps.dayString(both.created) == "2011-03-01")
        #expect(both.project == "TodoTxtTouch" && both.tags == ["github"] && both.title == "Review Tim's pull request")
        let kept = try one("x (A) 2018-07-30 2018-07-31 Some todo item with +ProjectTag @atTag #hashtag and key:value pair")
        #expect(kept.status == .done && kept.priority == .H)
        #expect(Timestamps.dayString(kept.completed!) == "2018-07-30" && Timestamps.dayString(kept.created) == "2018-07-31")
        #expect(kept.title == "Some todo item with #hashtag and pair" && kept.extra["key"] == .string("value"))
        #expect(try one("x 2020-01-02 Done pri:B").priority == .M)
    }

    @Test func keyValues() throws {
        let t = try one("Some example with key:value and due:2010-01-02")
        #expect(Timestamps.dayString(t.due!) == "2010-01-02" && t.extra["key"] == .string("value"))
        #expect(try one("Meet at 10:30 see http://x.org/a t:2026-12-01").title == "Meet at 10:30 see http://x.org/a")
        #expect(Fixtures.formatError { _ = try one("Pay due:someday") }?.description == "todo.txt:1: due:someday: expected due:YYYY-MM-DD")
    }

    @Test func dueDaysEndWhereThePersonIsAsInQuickAdd() throws {
        for zone in ["UTC", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati"] {
            let tz = TimeZone(identifier: zone)!
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = tz
            let t = try TodoTxtFormat.parse(Data("Pay rent due:2026-12-01 t:2026-11-28".utf8), file: "t.txt", now: now, timeZone: tz)[0]
            // The same instant quick-add gives due:2026-12-01 in that zone.
            let quick = try QuickAdd.parseNew("Pay rent due:2026-12-01", now: now, calendar: cal).makeTask(now: now)
            #expect(t.due == quick.due, "\(zone)")
            #expect(cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: t.due!)
                    == DateComponents(year: 2026, month: 12, day: 1, hour: 23, minute: 59, second: 59), "\(zone)")
            #expect(cal.dateComponents([.day, .hour], from: t.wait!) == DateComponents(day: 28, hour: 0), "\(zone)")
            // And the export says the same days back.
            #expect(TodoTxtFormat.line(for: t, writeUUID: false, timeZone: tz).hasSuffix("due:2026-12-01 t:2026-11-28"), "\(zone)")
        }
    }

    @Test func everySampleLine() throws {
        guard let url = TestSupport.sharedFile("todotxt/todo.sample.txt") else {
            print("skipped: ../shared/data/todotxt is absent"); return
        }
        let tasks = try TodoTxtFormat.read(url, now: now)
        #expect(tasks.count == 24)
        #expect(Set(tasks.map(\.uuid)).count == 24) // repeated lines get distinct, stable ids
        #expect(try TodoTxtFormat.read(url, now: now).map(\.uuid) == tasks.map(\.uuid))
        #expect(tasks.filter { $0.status == .done }.count == 3)
        // Export and re-import gives the same tasks (uuids included).
        let again = try TodoTxtFormat.parse(Data(TodoTxtFormat.export(tasks).utf8), file: "again", now: now)
        #expect(again == tasks)
    }

    @Test func exportWritesTheSpecOrder() throws {
        var t = WorkTask(title: "Plan trip", project: "travel", tags: ["home"], priority: .H,
                         due: Timestamps.day("2026-12-24"), created: Timestamps.day("2026-11-01")!)
        let line = TodoTxtFormat.line(for: t, writeUUID: false)
        #expect(line == "(A) 2026-11-01 Plan trip +travel @home due:2026-12-24")
        t.status = .done
        t.completed = Timestamps.day("2026-11-20")
        #expect(TodoTxtFormat.line(for: t, writeUUID: false) == "x 2026-11-20 2026-11-01 Plan trip +travel @home due:2026-12-24 pri:A")
        let back = try one(TodoTxtFormat.line(for: t))
        #expect(back.uuid == t.uuid && back.priority == .H && back.status == .done)
    }

    @Test func binaryInputIsRefusedWithLocation() {
        let err = Fixtures.formatError { _ = try TodoTxtFormat.parse(Data("ok\nbad\u{0}line\n".utf8), file: "t.txt") }
        #expect(err?.description.hasPrefix("t.txt:2:4:") == true)
        let enc = Fixtures.formatError { _ = try TodoTxtFormat.parse(Data([0x61, 0x0A, 0xE9, 0x0A]), file: "t.txt") }
        #expect(enc?.location.line == 2)
    }
}

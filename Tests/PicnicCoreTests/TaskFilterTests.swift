import Foundation
import Testing
@testable import PicnicCore

@Suite struct TaskFilterTests {
    let now = Fixture.now
    func filter(_ words: String...) throws -> TaskFilter {
        try TaskFilter.parse(words, now: now, calendar: Fixture.calendar)
    }

    let tasks: [WorkTask] = [
        WorkTask(title: "Fix flaky CI", project: "infra.ci", tags: ["ci"], priority: .H, due: Fixture.eod(2026, 11, 26), created: Fixture.now),
        WorkTask(title: "Café menu", project: "home", tags: ["food"], due: Fixture.eod(2026, 11, 20), created: Fixture.now),
        WorkTask(title: "Renew passport", status: .waiting, created: Fixture.now),
        WorkTask(title: "Old report", status: .done, created: Fixture.now),
        WorkTask(title: "Review PR", tags: ["review"], status: .active, created: Fixture.now),
    ]

    func titles(_ f: TaskFilter) -> [String] { tasks.filter { f.matches($0, now: now) }.map(\.title) }

    @Test func defaultsToPendingAndActive() throws {
        #expect(titles(try filter()) == ["Fix flaky CI", "Café menu", "Review PR"])
        #expect(try filter().includesClosed == false)
    }

    @Test func tagsProjectsPriorityAndWords() throws {
        #expect(titles(try filter("+ci")) == ["Fix flaky CI"])
        #expect(titles(try filter("-ci")) == ["Café menu", "Review PR"])
        #expect(titles(try filter("project:infra")) == ["Fix flaky CI"])
        #expect(titles(try filter("project:")) == ["Review PR"])
        #expect(titles(try filter("pri:h")) == ["Fix flaky CI"])
        #expect(titles(try filter("cafe")) == ["Café menu"])
        #expect(titles(try filter("FLAKY ci")) == ["Fix flaky CI"])
        #expect(titles(try filter("flaky menu")) == [])
        #expect(titles(try filter("+ci project:infra pri:H")) == ["Fix flaky CI"])
    }

    @Test func wordsMatchTitlesTagsAndProjects() throws {
        #expect(titles(try filter("home")) == ["Café menu"])          // the project
        #expect(titles(try filter("food menu")) == ["Café menu"])     // a tag and the title
        #expect(titles(try filter("infra review")) == [])             // every word, on one task
        #expect(titles(try filter("REVIEW")) == ["Review PR"])
        #expect(titles(try filter("menuhome")) == [])                 // never across fields
    }

    @Test func statusesAndVirtualTags() throws {
        #expect(titles(try filter("status:done")) == ["Old report"])
        #expect(try filter("status:done").includesClosed)
        #expect(titles(try filter("status:waiting")) == ["Renew passport"])
        #expect(titles(try filter("+ACTIVE")) == ["Review PR"])
        #expect(titles(try filter("status:all")).count == 5)
    }

    @Test func dueTerms() throws {
        #expect(titles(try filter("overdue")) == ["Café menu"])
        #expect(titles(try filter("+OVERDUE")) == ["Café menu"])
        #expect(titles(try filter("due.before:fri")) == ["Fix flaky CI", "Café menu"])
        #expect(titles(try filter("due.after:today")) == ["Fix flaky CI"])
        #expect(titles(try filter("due:tomorrow")) == ["Fix flaky CI"])
    }

    @Test(arguments: ["due.before:fryday", "pri:X", "status:bogus", "foo:bar", "+", "+9lives", "due:"])
    func malformedTermsAreUsageErrorsNamingTheToken(term: String) {
        do {
            _ = try TaskFilter.parse([term], now: now, calendar: Fixture.calendar)
            if term != "+" { Issue.record("\(term) was accepted") }
        } catch {
            #expect(error.exitCode == 64)
            #expect(error.message.hasPrefix(term + ":"), "\(error.message)")
        }
    }

    @Test func doubleDashMakesWords() throws {
        let f = try filter("--", "re:budget")
        #expect(f.terms == [.word("re:budget")])
    }
}

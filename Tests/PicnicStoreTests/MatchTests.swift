import Foundation
import GRDB
import Testing
import PicnicCore
@testable import PicnicStore

@Suite struct MatchTests {
    @Test(arguments: [
        ("Fix flaky CI on arm64", 0, "“arm64”"),
        ("Rotate staging certs", 1, "“staging”"),
        ("Q3 budget draft", 2, "“budget”"),
        ("Review payments PR", 3, "“payments”"),
        ("vacuum is slow on the events table in postgres", 4, "“vacuum”"),
        ("ncurses not found when building with swift", 5, "“ncurses”"),
    ])
    func findsTheObviousThreadFirst(_ title: String, _ expected: Int, _ why: String) throws {
        let db = try makeDatabase("match")
        let roots = try Corpus.load(into: db)
        let task = WorkTask(title: title)
        let matches = try db.match(task: task, limit: 3)
        let first = try #require(matches.first)
        #expect(first.post.id == roots[expected])
        #expect(first.reason.contains(why), "\(first.reason)")
        #expect(first.reason.contains(" in title"), "\(first.reason)")
        #expect(matches.dropFirst().allSatisfy { $0.confidence <= first.confidence })
    }

    @Test func aCloseMatchIsStrong() throws {
        let db = try makeDatabase("match")
        let roots = try Corpus.load(into: db)
        let first = try #require(try db.match(task: WorkTask(title: "Flaky CI: pin the arm64 runner image")).first)
        #expect(first.post.id == roots[0])
        #expect(first.strong)
    }

    @Test func anUnrelatedTaskHasNoStrongMatch() throws {
        let db = try makeDatabase("match")
        try Corpus.load(into: db)
        let matches = try db.match(task: WorkTask(title: "Book flights to Lisbon for the conference"), limit: 5)
        #expect(matches.allSatisfy { !$0.strong })
    }

    @Test func tagsAndProjectCountAsEvidence() throws {
        let db = try makeDatabase("match")
        let roots = try Corpus.load(into: db)
        let task = WorkTask(title: "Renew certificates", project: "ops", tags: ["tls"])
        let first = try #require(try db.match(task: task).first)
        #expect(first.post.id == roots[1])
        #expect(first.reason.contains("tag tls"), "\(first.reason)")
    }

    @Test(arguments: [
        "", "   ", "the and of to is it a an", "\"", "*", "NEAR(", "-", ":", "^", "AND OR NOT", "((", "))",
        #"NEAR("flaky" "ci", 2) AND title:arm64 OR -runner* ^first "unterminated"#,
        "title : body : answers : tags", "\u{0}\u{1b}[31m", "🙂 👍🏽",
    ])
    func oddTaskTextNeverErrors(_ text: String) throws {
        let db = try makeDatabase("odd")
        try Corpus.load(into: db)
        _ = try db.match(task: WorkTask(title: text, notes: text, tags: [text]), limit: 5)
        _ = try db.match(draft: text)
    }

    @Test func aOneMegabyteTaskIsMatchedQuickly() throws {
        let db = try makeDatabase("huge")
        let roots = try Corpus.load(into: db)
        var notes = ""
        let filler = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "arm64", "runner"]
        var i = 0
        while notes.utf8.count < 1_000_000 {
            notes += filler[i % filler.count] + "\(i % 997) "
            i += 1
        }
        let started = Date()
        let matches = try db.match(task: WorkTask(title: "flaky CI", notes: notes), limit: 3)
        #expect(matches.first?.post.id == roots[0])
        // Not a timing test: a guard against a hang (the query is capped, see MatchQuery).
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func hiddenThreadsStayHiddenAndHelpfulOnesRise() throws {
        let db = try makeDatabase("feedback")
        let roots = try Corpus.load(into: db)
        let task = WorkTask(title: "Fix flaky CI on arm64")
        #expect(try db.match(task: task).first?.post.id == roots[0])
        try db.setFeedback(task: task, postID: roots[0], verdict: .hidden)
        #expect(try !db.match(task: task).contains { $0.post.id == roots[0] })
        // Helpful on an answer id counts for its thread, and lifts it even with no words in common.
        let previous = try db.setFeedback(task: task, postID: roots[6], verdict: .helpful)
        #expect(previous == nil)
        let first = try #require(try db.match(task: task).first)
        #expect(first.post.id == roots[6])
        #expect(first.helpful)
        // A similar task sees the helpful thread too.
        let similar = WorkTask(title: "flaky CI on arm64 again")
        #expect(try db.match(task: similar).contains { $0.post.id == roots[6] && $0.reason.contains("similar task") })
        #expect(try db.setFeedback(task: task, postID: roots[6], verdict: nil) == .helpful)
        #expect(try db.feedback(taskUUID: task.uuid).map(\.verdict) == [.hidden])
        #expect(throws: PicnicError.self) { try db.setFeedback(task: task, postID: 9999, verdict: .helpful) }
    }

    @Test func feedbackIsUndoable() throws {
        let db = try makeDatabase("undo")
        let roots = try Corpus.load(into: db)
        let task = WorkTask(title: "Fix flaky CI on arm64")
        try db.setFeedback(task: task, postID: roots[0], verdict: .hidden)
        try db.setFeedback(task: task, postID: roots[0], verdict: .helpful)
        #expect(try db.feedback(taskUUID: task.uuid).map(\.verdict) == [.helpful])
        #expect(try db.undo().map { $0.hasPrefix("marked “") && $0.hasSuffix("” helpful") } == true)
        #expect(try db.feedback(taskUUID: task.uuid).map(\.verdict) == [.hidden])
        _ = try db.undo()
        #expect(try db.feedback(taskUUID: task.uuid).isEmpty)
        #expect(try db.match(task: task).first?.post.id == roots[0])
    }

    @Test func matchingATaskRecordsTheCache() throws {
        let db = try makeDatabase("cache")
        let roots = try Corpus.load(into: db)
        let task = WorkTask(title: "Fix flaky CI on arm64")
        let matches = try db.match(task: task, limit: 3)
        let entry = try #require(try db.matchCache(taskUUID: task.uuid))
        #expect(entry.topPostIDs == matches.map(\.post.id))
        #expect(entry.topPostIDs.first == roots[0])
        #expect(entry.strongCount == matches.filter(\.strong).count)
        #expect(entry.isCurrent(for: task))
        var edited = task
        edited.modified = task.modified.addingTimeInterval(60)
        #expect(!entry.isCurrent(for: edited))
        #expect(try db.strongMatchCache().map(\.taskUUID) == [task.uuid])
        _ = try db.match(draft: "budget")
        #expect(try db.strongMatchCache().count == 1)
    }

    @Test func theIntegrityCheckNoticesAStaleIndex() throws {
        let db = try makeDatabase("stale")
        try Corpus.load(into: db)
        try checkIndex(db)
        try db.pool.write { try $0.execute(sql: "UPDATE posts SET title = 'something else entirely' WHERE id = 1") }
        #expect(throws: (any Error).self) { try checkIndex(db) }
    }
}

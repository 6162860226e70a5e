import Foundation
import GRDB
import PicnicCore
@testable import PicnicStore
import Testing
import TestSupport

/// The match cache's mirror of its tasks (migration `v3-status-help-mirror`) must give the same
/// "help waiting" count as joining the cache with the tasks, after any mix of writes.
@Suite struct HelpMirrorTests {
    /// The count `picnic status` reads now, and the join it replaced.
    static func counts(_ db: Database, now: Int) throws -> (mirror: Int, join: Int) {
        let open = { (s: String, w: String) in "\(s) IN ('pending', 'active', 'waiting') AND (\(s) <> 'waiting' OR \(w) <= \(now))" }
        let mirror = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM match_cache WHERE strong_count > 0 AND current AND \(open("task_status", "task_wait"))
            """) ?? -1
        let join = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM tasks t JOIN match_cache m ON m.task_uuid = t.uuid
             WHERE \(open("t.status", "t.wait")) AND m.strong_count > 0 AND m.task_modified >= t.modified
            """) ?? -1
        return (mirror, join)
    }

    static func result(strong: Int) -> [ThreadMatch] {
        (0..<3).map { i in
            ThreadMatch(post: Post(id: Int64(i + 1), title: "Post \(i)"), answers: 0, accepted: false, score: 1,
                        confidence: i < strong ? 0.9 : 0.2, strong: i < strong, reason: "", matched: [])
        }
    }

    @Test func agreesWithTheJoinAfterEveryKindOfWrite() throws {
        let db = try makeDatabase("mirror")
        let calendar = Calendar(identifier: .gregorian)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var clock = start
        func tick() -> Date { clock += 61; return clock }
        for line in ["Fix flaky CI +ci due:today", "Pay invoice due:tomorrow", "Later wait:+3d", "Soon wait:-1d",
                     "Plain one", "Plain two pri:H", "Rotate certs project:ops", "Budget draft"] {
            try db.addTask(QuickAdd.parseNew(line, now: clock, calendar: calendar), now: tick())
        }
        var seed: UInt64 = 0x5eed
        func next(_ n: Int) -> Int {
            // A fixed sequence (xorshift), so a failure is reproducible.
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % UInt64(n))
        }
        var steps: [String] = []
        for step in 0..<160 {
            let all = try db.allTasks(includeClosed: true, now: clock)
            let open = all.filter { $0.status != .done && $0.status != .deleted }
            let pick = open.isEmpty ? nil : open[next(open.count)]
            let ref = pick.flatMap { $0.number.map(String.init) }
            switch next(9) {
            case 0, 1:
                if let task = all.isEmpty ? nil : all[next(all.count)] {
                    try db.recordMatch(task: task, result: Self.result(strong: next(3)), now: tick())
                    steps.append("match \(task.title)")
                }
            case 2:
                if let ref { _ = try db.modify(ref: ref, with: QuickAdd.parseModification("+x\(step)", now: clock, calendar: calendar), now: tick()); steps.append("modify \(ref)") }
            case 3:
                if let ref { _ = try db.markDone(refs: [ref], now: tick()); steps.append("done \(ref)") }
            case 4:
                if let ref { _ = try? db.start(ref: ref, now: tick()); steps.append("start \(ref)") }
            case 5:
                if let ref { _ = try db.delete(refs: [ref], now: tick()); steps.append("delete \(ref)") }
            case 6:
                let r = try db.undo()
                steps.append("undo \(r ?? "-")")
            case 7:
                if let ref {
                    let wait = next(2) == 0 ? "wait:+2d" : "wait:-2d"
                    _ = try db.modify(ref: ref, with: QuickAdd.parseModification(wait, now: clock, calendar: calendar), now: tick())
                    steps.append("\(wait) \(ref)")
                }
            default:
                try db.addTask(QuickAdd.parseNew("New task \(step) due:+\(next(4))d", now: clock, calendar: calendar), now: tick())
                steps.append("add")
            }
            // Some waits run out as time passes.
            let now = Int(clock.timeIntervalSince1970) + next(2) * 3 * 86_400
            let c = try db.pool.read { try Self.counts($0, now: now) }
            #expect(c.mirror == c.join, "after \(steps.suffix(5))")
            if c.mirror != c.join { return }
        }
        let final = try db.pool.read { try Self.counts($0, now: Int(clock.timeIntervalSince1970)) }
        #expect(final.join > 0, "the sequence should leave some strong help waiting")
    }

    @Test func theMigrationFillsTheMirrorOfAnExistingStore() throws {
        let dir = TestSupport.makeTempDirectory("mirror-migration")
        let path = dir.appendingPathComponent("picnic.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: "v2-status-indexes")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO tasks (uuid, number, title, status, created, modified, wait)
                VALUES ('a', 1, 'fresh', 'pending', 0, 100, NULL), ('b', 2, 'stale', 'pending', 0, 200, NULL),
                       ('c', 3, 'done', 'done', 0, 100, NULL), ('d', 4, 'waits', 'waiting', 0, 100, 5000);
                INSERT INTO match_cache (task_uuid, task_modified, best_confidence, strong_count, computed_at, top_post_ids)
                VALUES ('a', 100, 0.9, 1, 0, '[]'), ('b', 150, 0.9, 1, 0, '[]'), ('c', 100, 0.9, 1, 0, '[]'),
                       ('d', 100, 0.9, 2, 0, '[]'), ('gone', 100, 0.9, 1, 0, '[]');
                """)
        }
        try AppDatabase.migrator.migrate(queue)
        try queue.read { db in
            #expect(try Self.counts(db, now: 1_000) == (1, 1))
            #expect(try Self.counts(db, now: 9_000) == (2, 2))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM match_cache WHERE task_uuid = 'gone'") == 0)
            let plan = try String.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT count(*) FROM match_cache
                 WHERE strong_count > 0 AND current AND task_status IN ('pending', 'active', 'waiting')
                   AND (task_status <> 'waiting' OR task_wait <= 1)
                """, adapter: SuffixRowAdapter(fromIndex: 3))
            #expect(plan.contains { $0.contains("COVERING INDEX match_cache_help") }, "\(plan)")
        }
    }
}

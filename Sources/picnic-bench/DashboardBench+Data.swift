import Foundation
import PicnicCore
import PicnicStore

extension SplitMix {
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Skewed towards the start of 0..<n, like word frequencies in real text.
    mutating func skewed(_ n: Int) -> Int { min(n - 1, Int(Double(n) * pow(Double(next() % 10_000) / 10_000, 2.2))) }
}

extension DashboardBench {
    /// The benchmarks' deterministic generator.
    typealias Random = SplitMix

    static let vocabulary = """
        build runner cache arm64 linux kernel docker image layer pin digest flaky timeout retry network proxy \
        certificate rotate staging deploy rollback release branch merge rebase conflict compiler linker swift \
        package dependency version resolve lockfile test parallel database index query migration schema backup \
        restore replica latency memory leak profile trace thread lock deadlock queue worker schedule cron budget \
        draft review payments invoice customer support ticket escalate monitor alert dashboard metric log shell \
        vendor contract renewal onboarding laptop password vpn printer calendar meeting agenda slides report \
        quarterly forecast hiring interview offer expense travel visa conference talk proposal design mockup \
        font colour layout mobile android ios push notification email template newsletter spam filter search \
        ranking cluster shard partition kafka topic consumer offset redis eviction nginx tls header cookie session
        """.split(separator: " ").map(String.init)

    static func sentence(_ rng: inout Random, _ n: Int) -> String {
        (0..<n).map { _ in vocabulary[rng.skewed(vocabulary.count)] }.joined(separator: " ")
    }

    /// `count` open tasks: titles of 3–8 words, a third tagged, some with projects, priorities, due dates.
    static func makeTasks(_ count: Int, now: Date) -> [WorkTask] {
        var rng = Random(seed: 7)
        let projects = ["infra", "web", "mobile", "finance", "people", "ops", "data"]
        return (0..<count).map { i in
            var t = WorkTask(title: sentence(&rng, 3 + rng.int(6)).capitalizedFirst + " \(i)",
                             created: now.addingTimeInterval(-Double(rng.int(90 * 86400))))
            if rng.int(3) == 0 { t.tags = [vocabulary[rng.int(vocabulary.count)]] }
            if rng.int(2) == 0 { t.project = projects[rng.int(projects.count)] }
            switch rng.int(6) { case 0: t.priority = .H; case 1: t.priority = .M; case 2: t.priority = .L; default: break }
            if rng.int(4) == 0 { t.due = now.addingTimeInterval(Double(rng.int(30 * 86400)) - 5 * 86400) }
            if rng.int(20) == 0 { t.status = .active; t.started = now.addingTimeInterval(-3600) }
            return t
        }
    }

    /// `count` posts: threads of a question and two answers, titles and bodies from the vocabulary.
    static func makePosts(_ count: Int, now: Date) -> [PostImport] {
        var rng = Random(seed: 11)
        var out: [PostImport] = []
        out.reserveCapacity(count)
        var root = ""
        for i in 0..<count {
            let created = now.addingTimeInterval(-Double(rng.int(400 * 86400)))
            let tags = (0..<(1 + rng.int(3))).map { _ in vocabulary[rng.skewed(vocabulary.count)] }
            if i % 3 == 0 {
                root = "q\(i)"
                let post = Post(kind: .question, title: sentence(&rng, 5 + rng.int(7)).capitalizedFirst + "?",
                                body: sentence(&rng, 40 + rng.int(60)), tags: tags, author: "user\(rng.int(5000))",
                                space: "bench", created: created, votes: rng.int(40), source: "bench", sourceID: root)
                out.append(PostImport(post))
            } else {
                let post = Post(kind: .answer, title: "", body: sentence(&rng, 30 + rng.int(80)), tags: [],
                                author: "user\(rng.int(5000))", space: "bench", created: created, votes: rng.int(60),
                                accepted: i % 3 == 1 && rng.int(2) == 0, source: "bench", sourceID: "a\(i)")
                out.append(PostImport(post, parentSourceID: root))
            }
        }
        return out
    }

    /// Builds (or reuses) the benchmark database: `tasks` open tasks and `posts` posts.
    static func prepareDatabase(at path: String, tasks: Int, posts: Int) throws -> [WorkTask] {
        let now = Date()
        let generated = makeTasks(tasks, now: now)
        if FileManager.default.fileExists(atPath: path) {
            let db = try AppDatabase(path: path)
            let open = try db.allTasks(includeClosed: false)
            if open.count == tasks, try db.postCount() == posts {
                print("reusing \(path)")
                return open
            }
            try db.pool.close()
            for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
        }
        let clock = ContinuousClock.now
        let db = try AppDatabase(path: path)
        _ = try db.importSource("bench", makePosts(posts, now: now), removeMissing: false)
        _ = try db.saveImportedTasks(generated, label: "bench")
        print("generated \(tasks) tasks and \(posts) posts in \(ImportBench.seconds(clock.duration(to: .now))) s")
        return try db.allTasks(includeClosed: false)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

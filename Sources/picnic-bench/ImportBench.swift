import ArgumentParser
import Foundation
import PicnicCore
import PicnicFormats
import PicnicStore

/// `picnic-bench import --posts N`: the import rate of a synthetic Stack Exchange dump,
/// parsing and storing with the full-text index, into a fresh database.
struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a synthetic N-post Stack Exchange Posts.xml into a fresh database (goal: 20,000 posts/s).")

    @Option(help: "How many posts (about a third questions, the rest answers).")
    var posts = 100_000

    @Option(help: "Keep the generated file and database in this folder (default: a temp folder, removed after).")
    var keep: String?

    func run() throws {
        let dir = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("picnic-import-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
        let file = dir.appendingPathComponent("bench.stackexchange.Posts.xml")
        let dbPath = dir.appendingPathComponent("bench.sqlite").path
        try? FileManager.default.removeItem(atPath: dbPath)

        var clock = ContinuousClock.now
        let bytes = try Self.generate(posts: posts, to: file)
        let genTime = clock.duration(to: .now)
        print("generated \(posts) posts, \(bytes / 1_000_000) MB in \(Self.seconds(genTime)) s")

        clock = .now
        var cpu = Self.cpuSeconds()
        let batch = try StackExchangeImporter(site: "bench").read(file)
        let parseTime = clock.duration(to: .now)
        let parseCPU = Self.cpuSeconds() - cpu

        clock = .now
        cpu = Self.cpuSeconds()
        let db = try AppDatabase(path: dbPath)
        let result = try db.importSource(batch.source, batch.posts.map { PostImport($0.post, parentSourceID: $0.parentSourceID) },
                                         removeMissing: false)
        let storeTime = clock.duration(to: .now)
        let storeCPU = Self.cpuSeconds() - cpu
        let total = Self.seconds(parseTime + storeTime)
        print("parse: \(Self.seconds(parseTime)) s (\(Int(Double(batch.posts.count) / Self.seconds(parseTime))) posts/s)")
        print("store + index: \(Self.seconds(storeTime)) s (\(Int(Double(batch.posts.count) / Self.seconds(storeTime))) posts/s)")
        print("import: \(batch.posts.count) posts in \(total) s = \(Int(Double(batch.posts.count) / total)) posts/s (goal 20000), \(result.added) added")
        let cpuTotal = parseCPU + storeCPU
        print("cpu time: parse \(Self.round3(parseCPU)) s + store \(Self.round3(storeCPU)) s = \(Int(Double(batch.posts.count) / cpuTotal)) posts per cpu-second (load average \(Self.loadAverage()))")

        clock = .now
        let again = try db.importSource(batch.source, batch.posts.map { PostImport($0.post, parentSourceID: $0.parentSourceID) },
                                        removeMissing: false)
        print("re-import (nothing changed): \(Self.seconds(clock.duration(to: .now))) s, \(again.added) added, \(again.skipped) skipped")
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// User + system CPU time of this process, so a busy machine does not hide the figure.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func loadAverage() -> String {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) > 0 ? String(format: "%.1f", loads[0]) : "?"
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return ((Double(c.seconds) + Double(c.attoseconds) / 1e18) * 1000).rounded() / 1000
    }

    static let words = """
        build runner cache arm64 linux kernel docker image layer pin digest flaky timeout retry network proxy \
        certificate rotate staging deploy rollback release branch merge rebase conflict compiler linker swift \
        package dependency version resolve lockfile test parallel database index query migration schema backup \
        restore replica latency memory leak profile trace thread lock deadlock queue worker schedule cron budget \
        draft review payments invoice customer support ticket escalate monitor alert dashboard metric log shell
        """.split(separator: " ").map(String.init)

    /// Writes a dump with `posts` rows (questions with 2 answers each, bodies of HTML paragraphs).
    static func generate(posts: Int, to url: URL) throws -> Int {
        var rng = SplitMix(seed: 42)
        func sentence(_ n: Int) -> String {
            (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
        }
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"
        out.reserveCapacity(posts * 700)
        var id = 0
        var question = 0
        var answersLeft = 0
        while id < posts {
            id += 1
            let body = "&lt;p&gt;\(sentence(30))&lt;/p&gt;&#xA;&lt;p&gt;&lt;code&gt;\(sentence(8))&lt;/code&gt; \(sentence(40)) &amp;amp; more.&lt;/p&gt;&#xA;"
            let date = "2020-0\(1 + id % 9)-1\(id % 10)T12:\(10 + id % 50):00.000"
            if answersLeft == 0 {
                question = id
                answersLeft = 2
                let tags = "&lt;\(words[id % words.count])&gt;&lt;\(words[(id * 7) % words.count])&gt;"
                out += "  <row Id=\"\(id)\" PostTypeId=\"1\" AcceptedAnswerId=\"\(id + 1)\" CreationDate=\"\(date)\" Score=\"\(id % 23)\" ViewCount=\"\(id % 1000)\" Body=\"\(body)\" OwnerUserId=\"\(id % 500)\" Title=\"How do I \(sentence(6))?\" Tags=\"\(tags)\" AnswerCount=\"2\" CommentCount=\"0\" />\n"
            } else {
                answersLeft -= 1
                out += "  <row Id=\"\(id)\" PostTypeId=\"2\" ParentId=\"\(question)\" CreationDate=\"\(date)\" Score=\"\(id % 11)\" Body=\"\(body)\" OwnerDisplayName=\"user\(id % 300)\" CommentCount=\"0\" />\n"
            }
        }
        out += "</posts>\n"
        let data = Data(out.utf8)
        try data.write(to: url)
        return data.count
    }
}


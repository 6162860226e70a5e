import Foundation
import Testing
import TestSupport

@Suite struct RobustnessTests {
    @Test(arguments: [
        (["add", "+ci", "project:infra"], Int32(64), "empty title"),
        (["add"], Int32(64), "add"),
        (["add", "Call", "due:fryday"], Int32(65), "due:fryday: not a date"),
        (["add", "Call", "pri:X"], Int32(65), "pri:X"),
        (["add", "-"], Int32(65), "stdin line 2: wait:whenever"),
        (["done", "42"], Int32(64), "42"),
        (["done", "1", "42"], Int32(64), "42"),
        (["modify", "1", "due:never"], Int32(65), "due:never"),
        (["modify", "9", "x"], Int32(64), "9"),
        (["start", "nope"], Int32(64), "nope"),
        (["show", "ffff0000"], Int32(64), "ffff0000"),
        (["list", "due.before:fryday"], Int32(64), "due.before:fryday"),
        (["list", "status:bogus"], Int32(64), "status:bogus"),
        (["annotate", "1"], Int32(64), "empty annotation"),
    ])
    func badInputChangesNothing(args: [String], code: Int32, mention: String) throws {
        let db = freshDB()
        #expect(try TestSupport.picnic(["add", "existing +t"], db: db).status == 0)
        let before = fileContents(db)
        let r = try TestSupport.picnic(args, db: db, stdin: "fine\nbad wait:whenever\n")
        #expect(r.status == code, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(mention), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(fileContents(db) == before, "\(args) changed the database")
    }

    @Test func unwritableDatabasePathIsAnIOError() throws {
        let dir = TestSupport.makeTempDirectory("ro")
        let blocker = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        // A folder that cannot be created (its parent is a file).
        let r = try TestSupport.picnic(["add", "x"], db: blocker.appendingPathComponent("sub/picnic.sqlite"))
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: blocker) == Data("x".utf8))
    }

    @Test func aFileThatIsNotADatabaseIsAnIOErrorAndIsLeftAlone() throws {
        let db = freshDB()
        let junk = Data(String(repeating: "hello, not sqlite\n", count: 64).utf8)
        try junk.write(to: db)
        for args in [["add", "x"], ["list"]] {
            let r = try TestSupport.picnic(args, db: db)
            #expect(r.status == 74, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("not a Picnic database"))
        }
        #expect(try Data(contentsOf: db) == junk)
    }

    @Test func titlesInAnyScriptSurviveByteForByte() throws {
        let db = freshDB()
        let titles = [
            "修复 CI 里不稳定的测试",                       // CJK
            "👩‍👩‍👧‍👦 family call 🏳️‍🌈",                       // emoji ZWJ sequences
            "Cafe\u{301} re\u{301}sume\u{301} n\u{303}",  // combining marks (not normalised)
            "Résumé in NFC",
            "إصلاح الاختبار المتقطع",                      // RTL Arabic
            "לתקן את הבדיקה",                              // RTL Hebrew
            "Zalgo z\u{336}\u{34d}a\u{335}l\u{338}g\u{337}o",
        ]
        for t in titles { #expect(try TestSupport.picnic(["add", t, "+u"], db: db).status == 0) }
        let listed = try jsonArray(TestSupport.picnic(["list", "--json"], db: db).stdout).compactMap { $0["title"] as? String }
        let exported = try jsonArray(TestSupport.picnic(["export", "json"], db: db).stdout).compactMap { $0["title"] as? String }
        for t in titles {
            #expect(listed.contains { Array($0.utf8) == Array(t.utf8) }, "list: \(t)")
            #expect(exported.contains { Array($0.utf8) == Array(t.utf8) }, "export: \(t)")
        }
        let human = try TestSupport.picnic(["list"], db: db).stdout
        for t in titles { #expect(human.contains(t), "table: \(t)") }
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        let db = freshDB()
        try TestSupport.picnic(["add", "evil \u{1B}[2J\u{1B}]0;owned\u{07} title \u{202E}reversed"], db: db)
        let human = try TestSupport.picnic(["list"], db: db).stdout + TestSupport.picnic(["show", "1"], db: db).stdout
        #expect(!human.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        let json = try jsonArray(TestSupport.picnic(["list", "--json"], db: db).stdout)
        #expect((json.first?["title"] as? String)?.contains("\u{1B}[2J") == true)
    }
}

/// `picnic add` on a store from a newer Picnic: one line, exit 78, nothing written.
@Suite struct NewerStoreCommandTests {
    @Test(.enabled(if: TestSupport.which("sqlite3") != nil, "sqlite3 is not installed: newer-store test skipped"))
    func addRefusesAStoreFromANewerPicnic() throws {
        let db = TestSupport.makeTempDirectory().appendingPathComponent("p.sqlite")
        #expect(try TestSupport.picnic(["add", "First"], db: db).status == 0)
        let sqlite = URL(fileURLWithPath: TestSupport.which("sqlite3")!)
        #expect(try TestSupport.run(sqlite, [db.path, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')"]).status == 0)
        let out = try TestSupport.picnic(["add", "Second"], db: db)
        #expect(out.status == 78)
        #expect(out.stderr.hasSuffix("written by a newer Picnic (migration “v99-from-the-future” is unknown to this build); update Picnic to use this store\n"), "\(out.stderr)")
        #expect(out.stderr.split(separator: "\n").count == 1)
        #expect(try TestSupport.run(sqlite, [db.path, "SELECT count(*) FROM tasks"]).stdout == "1\n")
    }
}

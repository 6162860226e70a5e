import Foundation
import Testing
import TestSupport

@Suite struct TaskImportCommandTests {
    func db() -> URL { TestSupport.makeTempDirectory("cli-taskimport").appendingPathComponent("p.sqlite") }

    func tasks(_ db: URL) throws -> [[String: Any]] {
        let out = try TestSupport.picnic(["export", "json"], db: db)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
    }

    @Test func taskwarriorImportIsIdempotentAndExportsBack() throws {
        guard let export = TestSupport.sharedFile("taskwarrior/taskwarrior-testdata.export.json") else {
            print("skipped: ../shared/data/taskwarrior is absent"); return
        }
        let db = db()
        let first = try TestSupport.picnic(["import", "taskwarrior", export.path], db: db)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.hasSuffix(": 33 added, 0 updated, 0 skipped, 0 removed\n"), "\(first.stderr)")
        let again = try TestSupport.picnic(["import", "taskwarrior", export.path], db: db)
        #expect(again.stderr.hasSuffix(": 0 added, 0 updated, 33 skipped, 0 removed\n"), "\(again.stderr)")
        #expect(try tasks(db).count == 33)
        // Our export, fed back in, changes nothing.
        let ours = try TestSupport.picnic(["export", "taskwarrior"], db: db)
        #expect(ours.status == 0)
        let back = try TestSupport.picnic(["import", "taskwarrior", "-"], db: db, stdin: ours.stdout)
        #expect(back.stderr.hasSuffix(": 0 added, 0 updated, 33 skipped, 0 removed\n"), "\(back.stderr)")
        // A change made elsewhere is picked up as an update.
        let edited = ours.stdout.replacingOccurrences(of: "\"description\":\"Undo last action using u\"",
                                                      with: "\"description\":\"Undo the last action with u\"")
        let update = try TestSupport.picnic(["import", "taskwarrior", "-"], db: db, stdin: edited)
        #expect(update.stderr.hasSuffix(": 0 added, 1 updated, 32 skipped, 0 removed\n"), "\(update.stderr)")
    }

    @Test func exportIsReadByRealTaskwarrior() throws {
        guard let task = TestSupport.which("task") else { print("skipped: taskwarrior (task) is not installed"); return }
        let db = db()
        let add = try TestSupport.picnic(["import", "todotxt", "-"], db: db,
                                         stdin: "(A) 2026-11-01 Fix flaky CI +infra @ci due:2026-12-01\nx 2026-11-20 2026-11-02 Renew certs +ops\n")
        #expect(add.status == 0, "\(add.stderr)")
        let ours = try TestSupport.picnic(["export", "taskwarrior"], db: db)
        let dir = db.deletingLastPathComponent()
        let rc = dir.appendingPathComponent("taskrc")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("tw"), withIntermediateDirectories: true)
        try "data.location=\(dir.path)/tw\nconfirmation=off\nverbose=nothing\nhooks=off\n".write(to: rc, atomically: true, encoding: .utf8)
        let file = dir.appendingPathComponent("ours.json")
        try ours.stdout.write(to: file, atomically: true, encoding: .utf8)
        let env = ["TASKRC": rc.path, "TASKDATA": dir.appendingPathComponent("tw").path]
        let imported = try TestSupport.run(URL(fileURLWithPath: task), ["import", file.path], environment: env)
        #expect(imported.status == 0, "\(imported.stderr)")
        let listed = try TestSupport.run(URL(fileURLWithPath: task), ["status:pending", "export"], environment: env)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 1)
        #expect(objects.first?["description"] as? String == "Fix flaky CI")
        #expect(objects.first?["project"] as? String == "infra" && objects.first?["priority"] as? String == "H")
        // A todo.txt day is due until it ends, here (as quick-add's due:2026-12-01).
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .current
        let end = cal.date(from: DateComponents(year: 2026, month: 12, day: 1, hour: 23, minute: 59, second: 59))!
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        #expect(objects.first?["tags"] as? [String] == ["ci"] && objects.first?["due"] as? String == f.string(from: end))
    }

    @Test func todoTxtRoundTripAndIdempotence() throws {
        let db = db()
        let text = "(A) Thank Mom for the meatballs @phone\nx 2011-03-02 2011-03-01 Review Tim's pull request +TodoTxtTouch @github\nPost signs +GarageSale\n"
        let first = try TestSupport.picnic(["import", "todotxt", "-"], db: db, stdin: text)
        #expect(first.stderr.hasSuffix(": 3 added, 0 updated, 0 skipped, 0 removed\n"), "\(first.stderr)")
        let again = try TestSupport.picnic(["import", "todotxt", "-"], db: db, stdin: text)
        #expect(again.stderr.hasSuffix(": 0 added, 0 updated, 3 skipped, 0 removed\n"), "\(again.stderr)")
        let exported = try TestSupport.picnic(["export", "todotxt"], db: db)
        let lines = exported.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.contains("x 2011-03-02 2011-03-01 Review Tim's pull request +TodoTxtTouch @github"))
        #expect(lines.contains { $0.hasPrefix("(A) ") && $0.hasSuffix(" Thank Mom for the meatballs @phone") })
        // Completing a line elsewhere updates the task instead of adding one.
        let done = text.replacingOccurrences(of: "Post signs +GarageSale", with: "x 2026-11-28 Post signs +GarageSale")
        let update = try TestSupport.picnic(["import", "todotxt", "-"], db: db, stdin: done)
        #expect(update.stderr.hasSuffix(": 0 added, 1 updated, 2 skipped, 0 removed\n"), "\(update.stderr)")
        let all = try tasks(db)
        #expect(all.count == 3)
        #expect(all.filter { $0["status"] as? String == "done" }.count == 2)
    }

    @Test func badTaskFilesExit65WithLocation() throws {
        let db = db()
        let bad = try TestSupport.picnic(["import", "taskwarrior", "-"], db: db,
                                         stdin: "{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"description\":\"ok\"}\n{\"uuid\":\"bad\",\"description\":\"x\"}\n")
        #expect(bad.status == 65)
        #expect(bad.stderr == "picnic: stdin:2: uuid: expected a UUID, got bad\n")
        #expect(try tasks(db).isEmpty)
        let todo = try TestSupport.picnic(["import", "todotxt", "-"], db: db, stdin: "fine\nPay due:soon\n")
        #expect(todo.status == 65 && todo.stderr == "picnic: stdin:2: due:soon: expected due:YYYY-MM-DD\n")
        #expect(try tasks(db).isEmpty)
    }
}

import Foundation
import Testing
import TestSupport

/// Recurrence, dependencies and contexts through the real binary, the clock moved with PICNIC_NOW.
@Suite struct RecurrenceCommandTests {
    func at(_ day: Int, _ hour: Int = 9) -> [String: String] {
        ["PICNIC_NOW": String(format: "2026-12-%02dT%02d:00:00Z", day, hour), "TZ": "UTC"]
    }

    func open(_ db: URL, _ env: [String: String]) throws -> [[String: Any]] {
        try jsonArray(TestSupport.picnic(["list", "--json", "status:open"], db: db, environment: env).stdout)
    }

    /// Two processes finish the same instance at the same moment, for many series at once:
    /// every series gets exactly one next instance.
    @Test func twoProcessesFinishingOneInstanceMakeTheNextOnce() throws {
        let db = freshDB("recur-race")
        let env = at(1)
        let n = 12
        let lines = (0..<n).map { "Chore \($0) recur:daily due:today" }.joined(separator: "\n") + "\n"
        #expect(try TestSupport.picnic(["add", "-"], db: db, stdin: lines, environment: env).status == 0)
        let first = try open(db, env)
        #expect(first.count == n)
        let dir = db.deletingLastPathComponent()
        var children: [(Spawn.Child, String)] = []
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        for (i, task) in first.enumerated() {
            let uuid = try #require(task["uuid"] as? String)
            for side in 0..<2 {
                let err = dir.appendingPathComponent("err-\(i)-\(side)").path
                let child = try Spawn.start(TestSupport.binary("picnic").path, ["--db", db.path, "done", uuid],
                                            stderr: err, environment: environment)
                children.append((child, err))
            }
        }
        var ok = 0, refused = 0
        for (child, err) in children {
            let status = child.wait()
            let message = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            if status == 0 { ok += 1 } else if status == 64 && message.contains("is already done") { refused += 1 }
            else { Issue.record("unexpected exit \(status): \(message)") }
        }
        #expect(ok == n && refused == n)
        let after = try open(db, env)
        #expect(after.count == n)
        #expect(Set(after.compactMap { $0["series"] as? String }).count == n)
        #expect(after.allSatisfy { $0["occurrence"] as? Int == 1 && ($0["due"] as? String) == "2026-12-02T23:59:59Z" })
        let all = try jsonArray(TestSupport.picnic(["export", "json"], db: db, environment: env).stdout)
        #expect(all.count == 2 * n)
    }

    @Test func aWeekOfRecurrencesThroughTheCommandLine() throws {
        let db = freshDB("recur-week")
        #expect(try TestSupport.picnic(["add", "Standup", "recur:weekdays", "due:today"], db: db, environment: at(4)).status == 0)
        #expect(try TestSupport.picnic(["add", "Water", "recur:2d", "due:today", "until:2026-12-09"], db: db, environment: at(4)).status == 0)
        var dues: [String] = []
        for day in 4...11 {
            for t in try open(db, at(day)) where (t["due"] as? String ?? "") <= String(format: "2026-12-%02dT23:59:59Z", day) {
                let r = try TestSupport.picnic(["done", t["uuid"] as! String], db: db, environment: at(day))
                #expect(r.status == 0, "\(r.stderr)")
                dues.append("\(t["title"]!) \(String((t["due"] as! String).prefix(10)))")
            }
        }
        // 2026-12-04 is a Friday: the standup skips the weekend; the water ends with until.
        // (On the 8th the older water instance is a little more urgent: its age term.)
        #expect(dues == ["Standup 2026-12-04", "Water 2026-12-04", "Water 2026-12-06", "Standup 2026-12-07",
                         "Water 2026-12-08", "Standup 2026-12-08", "Standup 2026-12-09", "Standup 2026-12-10",
                         "Standup 2026-12-11"])
        let left = try open(db, at(11))
        #expect(left.map { $0["title"] as? String } == ["Standup"] && left.first?["due"] as? String == "2026-12-14T23:59:59Z")
        // The list marks recurring tasks.
        let list = try TestSupport.picnic(["list"], db: db, environment: at(11))
        #expect(list.stdout.contains("↻ Standup"))
    }

    @Test func dependenciesAndScheduledInTheList() throws {
        let db = freshDB("deps-cli")
        let env = at(1)
        for line in ["Order parts", "Assemble depends:1", "Plan next year scheduled:2026-12-05"] {
            #expect(try TestSupport.picnic(["add"] + line.split(separator: " ").map(String.init), db: db, environment: env).status == 0)
        }
        let list = try TestSupport.picnic(["list"], db: db, environment: env).stdout
        #expect(list.contains("⊘ Assemble") && list.contains("◷ Plan next year"), "\(list)")
        // The blocking task first, the blocked one after it, the one scheduled later last.
        let lines = list.split(separator: "\n").dropFirst()
        #expect(lines.map { $0.hasSuffix("Order parts") ? 0 : $0.hasSuffix("Assemble") ? 1 : 2 } == [0, 1, 2], "\(list)")
        let cycle = try TestSupport.picnic(["modify", "1", "depends:2"], db: db, environment: env)
        #expect(cycle.status == 64 && cycle.stderr == "picnic: depends:2: would make a cycle: 1 → 2 → 1\n")
        let bad = try TestSupport.picnic(["add", "x", "recur:fortnightly", "due:fri"], db: db, environment: env)
        #expect(bad.status == 65 && bad.stderr.contains("recur:fortnightly: not a period"))
        #expect(try TestSupport.picnic(["done", "1"], db: db, environment: env).status == 0)
        let unblocked = try TestSupport.picnic(["list", "+BLOCKED"], db: db, environment: env)
        #expect(unblocked.stderr.contains("No matching tasks"))
        let ready = try jsonArray(TestSupport.picnic(["list", "--json", "+READY"], db: db, environment: env).stdout)
        #expect(ready.map { $0["title"] as? String } == ["Assemble"])
        #expect(try TestSupport.picnic(["list", "+READY"], db: db, environment: at(6)).stdout.contains("Plan next year"))
    }

    @Test func contextsNarrowListAndGiveNewTasksTheirTags() throws {
        let db = freshDB("ctx-cli")
        let env = at(1)
        func run(_ args: String...) throws -> TestSupport.Output { try TestSupport.picnic(args, db: db, environment: env) }
        #expect(try run("add", "Deploy", "+work").status == 0)
        #expect(try run("add", "Plumber", "+home", "due:today").status == 0)
        #expect(try run("context", "define", "work", "+work", "or", "project:infra").status == 0)
        #expect(try run("context", "list").stdout == "  work  +work or project:infra\n")
        #expect(try run("context", "work").status == 0)
        #expect(try run("context").stdout == "work\n")
        #expect(try run("context", "list").stdout == "* work  +work or project:infra\n")
        let listed = try jsonArray(run("list", "--json").stdout).map { $0["title"] as? String }
        #expect(listed == ["Deploy"])
        #expect(try run("add", "Rotate", "certs").status == 0)
        let added = try jsonArray(run("list", "--json", "Rotate").stdout)
        #expect(added.first?["tags"] as? [String] == ["work"])
        // status counts the context's tasks only, and says which context it is in.
        #expect(try run("add", "Ship", "+work", "due:today").status == 0)
        #expect(try run("status").stdout == "[work] 1 due today\n")
        #expect(try run("status", "--json").stdout.contains("\"context\":\"work\",\"due_today\":1"))
        #expect(try run("context", "none").status == 0)
        #expect(try run("status").stdout == "2 due today\n")
        #expect(try jsonArray(run("list", "--json").stdout).count == 4)
        let unknown = try run("context", "nope")
        #expect(unknown.status == 64 && unknown.stderr == "picnic: no context nope (see 'picnic context list')\n")
        #expect(try run("context", "define", "bad", "foo:bar").status == 64)
        #expect(try run("context", "delete", "work").status == 0)
        #expect(try run("context", "list").stderr.contains("No contexts"))
    }
}

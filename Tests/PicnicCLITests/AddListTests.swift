import Foundation
import Testing
import TestSupport

@Suite struct AddListTests {
    @Test func newUserFlowShowsTheUrgentTaskFirst() throws {
        let db = freshDB()
        try TestSupport.picnic(["add", "Water the plants"], db: db)
        let add = try TestSupport.picnic(["add", "Fix flaky CI +ci project:infra due:tomorrow pri:H"], db: db)
        #expect(add.status == 0)
        #expect(add.stdout == "2\n")
        let list = try TestSupport.picnic(["list"], db: db)
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID"))
        let first = String(lines[1])
        for field in ["2", "infra", "ci", "tomorrow", "H", "Fix flaky CI"] {
            #expect(first.contains(field), "\(field) in \(first)")
        }
        #expect(lines[2].hasSuffix("Water the plants"))
    }

    @Test func addDashReadsOneTaskPerLineInOneGo() throws {
        let db = freshDB()
        let r = try TestSupport.picnic(["add", "-"], db: db, stdin: "one +a\n\n  \ntwo due:fri\r\nthree pri:L\n")
        #expect(r.status == 0)
        #expect(r.stdout == "1\n2\n3\n")
        let undo = try TestSupport.picnic(["undo"], db: db)
        #expect(undo.status == 0)
        #expect(try jsonArray(TestSupport.picnic(["list", "--json"], db: db).stdout).isEmpty)
    }

    @Test func listJSONHasTheDocumentedFields() throws {
        let db = freshDB()
        try TestSupport.picnic(["add", "Write", "docs", "+doc", "project:web", "pri:M", "due:2030-01-02"], db: db)
        let items = try jsonArray(TestSupport.picnic(["list", "--json"], db: db).stdout)
        #expect(items.count == 1)
        let t = items[0]
        #expect(t["id"] as? Int == 1)
        #expect(t["title"] as? String == "Write docs")
        #expect(t["tags"] as? [String] == ["doc"])
        #expect(t["project"] as? String == "web")
        #expect(t["priority"] as? String == "M")
        #expect((t["due"] as? String)?.hasPrefix("2030-01-0") == true)
        #expect(t["status"] as? String == "pending")
        #expect(t["urgency"] is Double || t["urgency"] is Int)
        #expect(t["annotations"] as? [Any] != nil)
        #expect(t["wait"] is NSNull && t["notes"] as? String == "")
        #expect((t["uuid"] as? String)?.count == 36)
    }

    @Test func theLifecycleCommandsWorkAndUndoWalksBack() throws {
        let db = freshDB()
        try TestSupport.picnic(["add", "a +x"], db: db)
        try TestSupport.picnic(["add", "b"], db: db)
        #expect(try TestSupport.picnic(["start", "1"], db: db).status == 0)
        #expect(try TestSupport.picnic(["annotate", "1", "halfway", "there"], db: db).status == 0)
        #expect(try TestSupport.picnic(["modify", "2", "-x", "+y", "renamed"], db: db).status == 0)
        #expect(try TestSupport.picnic(["done", "1-2"], db: db).status == 0)
        var all = try jsonArray(TestSupport.picnic(["list", "status:done", "--json"], db: db).stdout)
        #expect(Set(all.compactMap { $0["title"] as? String }) == ["a", "renamed"])
        #expect(all.allSatisfy { $0["id"] is NSNull })
        #expect(try TestSupport.picnic(["undo"], db: db).stderr == "Undid: finished 2 tasks.\n")
        all = try jsonArray(TestSupport.picnic(["list", "--json"], db: db).stdout)
        let a = all.first { $0["title"] as? String == "a" }
        #expect(a?["status"] as? String == "active")
        #expect((a?["annotations"] as? [[String: Any]])?.first?["description"] as? String == "halfway there")
        let show = try TestSupport.picnic(["show", "1", "--json"], db: db)
        #expect(show.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) is [String: Any])
        #expect(try TestSupport.picnic(["delete", "2"], db: db).status == 0)
        #expect(try jsonArray(TestSupport.picnic(["list", "--json"], db: db).stdout).count == 1)
    }

    @Test func filtersNarrowTheList() throws {
        let db = freshDB()
        try TestSupport.picnic(["add", "-"], db: db, stdin: "ci job +ci\nbudget project:money\nlate due:yesterday\n")
        func titles(_ args: String...) throws -> [String] {
            try jsonArray(TestSupport.picnic(["list"] + args + ["--json"], db: db).stdout).compactMap { $0["title"] as? String }
        }
        #expect(try titles("+ci") == ["ci job"])
        #expect(try titles("project:money") == ["budget"])
        #expect(try titles("overdue") == ["late"])
        #expect(try titles("BUDGET") == ["budget"])
        #expect(try titles("money") == ["budget"])     // words match projects
        #expect(try titles("ci") == ["ci job"])        // and tags
        try TestSupport.picnic(["add", "Water the plants +home"], db: db)
        let table = try TestSupport.picnic(["list", "home", "plants"], db: db)
        #expect(table.status == 0 && table.stdout.contains("Water the plants"))
    }

    @Test func helpAndCompletionsAreThere() throws {
        let db = freshDB()
        for cmd in ["add", "list", "show", "done", "start", "stop", "modify", "annotate", "delete", "undo", "export"] {
            let r = try TestSupport.picnic([cmd, "--help"], db: db)
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(cmd) --help")
        }
        for shell in ["bash", "zsh", "fish"] {
            let r = try TestSupport.picnic(["completions", shell], db: db)
            #expect(r.status == 0 && r.stdout.contains("picnic"), "\(shell)")
        }
    }
}

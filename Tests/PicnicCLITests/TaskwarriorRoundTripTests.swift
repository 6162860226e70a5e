import Foundation
import Testing
import TestSupport

/// Issue 16's "done when", tried as a Taskwarrior user would: a real Taskwarrior (the `task`
/// binary) holds a real export with dependencies plus recurring tasks made by `task add`; its
/// `task export` goes into Picnic; a week of recurrences is worked in Picnic (the clock moved with
/// PICNIC_NOW); `picnic export taskwarrior` goes back through `task import`, and `task` shows the
/// same series (templates, parents, occurrences, no duplicates) and dependencies, and continues
/// the series where Picnic left them.
@Suite struct TaskwarriorRoundTripTests {
    struct TW {
        let binary: URL
        let env: [String: String]

        @discardableResult
        func run(_ args: [String], stdin: String? = nil) throws -> TestSupport.Output {
            let r = try TestSupport.run(binary, args, stdin: stdin, environment: env)
            if r.status != 0 { Issue.record("task \(args.joined(separator: " ")): \(r.status) \(r.stderr)") }
            return r
        }

        func export(_ extra: [String] = []) throws -> [[String: Any]] {
            try jsonArray(run(extra + ["export"]).stdout)
        }
    }

    static func day(_ offset: Int, from start: Date) -> String {
        TaskJSONDate.format(start.addingTimeInterval(Double(offset) * 86_400))
    }

    @Test func aWeekInPicnicAndBackToTaskwarrior() throws {
        guard let task = TestSupport.which("task") else {
            print("skipped: Taskwarrior's `task` is not installed (apt-get install taskwarrior)"); return
        }
        guard let realExport = TestSupport.sharedFile("taskwarrior/taskwarrior-testdata.export.json") else {
            print("skipped: ../shared/data/taskwarrior is absent"); return
        }
        let db = freshDB("tw-roundtrip")
        let dir = db.deletingLastPathComponent()
        let data = dir.appendingPathComponent("task")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let rc = dir.appendingPathComponent("taskrc")
        try "data.location=\(data.path)\nconfirmation=no\nverbose=nothing\nhooks=off\nrecurrence.confirmation=no\n"
            .write(to: rc, atomically: true, encoding: .utf8)
        let tw = TW(binary: URL(fileURLWithPath: task), env: ["TASKRC": rc.path, "TASKDATA": data.path, "TZ": "UTC"])

        // The user's Taskwarrior: a real export (dependencies, UDAs, an orphaned instance) and
        // recurring tasks and a dependency made with `task add` today.
        try tw.run(["import", realExport.path])
        try tw.run(["add", "Water plants", "recur:daily", "due:today", "+home"])
        try tw.run(["add", "Standup", "recur:weekdays", "due:today", "project:team"])
        try tw.run(["add", "Review backlog", "recur:weekly", "due:today", "until:today+20d"])
        try tw.run(["add", "Order parts"])
        let parts = try tw.run(["+LATEST", "_uuid"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try tw.run(["add", "Assemble", "depends:\(parts)"])
        let before = try tw.export()
        let templates = before.filter { $0["status"] as? String == "recurring" }
        #expect(templates.count == 3)
        let exportFile = dir.appendingPathComponent("export.json")
        try tw.run(["export"]).stdout.write(to: exportFile, atomically: true, encoding: .utf8)

        // Into Picnic, twice: the second import changes nothing.
        let start = Date() // the real clock: Taskwarrior's "today" above
        let startDay = Self.midnight(start)
        func env(_ d: Int) -> [String: String] {
            ["PICNIC_NOW": TaskJSONDate.format(startDay.addingTimeInterval(Double(d) * 86_400 + 12 * 3_600)), "TZ": "UTC"]
        }
        func picnic(_ args: [String], day d: Int, stdin: String? = nil) throws -> TestSupport.Output {
            let r = try TestSupport.picnic(args, db: db, stdin: stdin, environment: env(d))
            if r.status != 0 { Issue.record("picnic \(args.joined(separator: " ")): \(r.status) \(r.stderr)") }
            return r
        }
        let first = try picnic(["import", "taskwarrior", exportFile.path], day: 0)
        #expect(first.stderr.contains("3 recurring series (3 new or changed)"), "\(first.stderr)")
        let again = try picnic(["import", "taskwarrior", exportFile.path], day: 0)
        #expect(again.stderr.contains(": 0 added, 0 updated") && again.stderr.contains("(0 new or changed)"), "\(again.stderr)")
        let imported = try jsonArray(picnic(["export", "json"], day: 0).stdout)
        #expect(imported.count == before.count - templates.count)
        #expect(try jsonArray(picnic(["list", "--json", "+BLOCKED"], day: 0).stdout).map { $0["title"] as? String }.contains("Assemble"))

        // A week of recurrences: each day, finish every recurring instance due by the end of it.
        var finished: [String: Int] = [:]
        for d in 0..<7 {
            let open = try jsonArray(picnic(["list", "--json", "+RECURRING", "status:open"], day: d).stdout)
            let endOfDay = TaskJSONDate.format(startDay.addingTimeInterval(Double(d + 1) * 86_400 - 1))
            for t in open where (t["due"] as? String ?? "9") <= endOfDay {
                let r = try picnic(["done", t["uuid"] as! String], day: d)
                #expect(r.status == 0)
                finished[t["title"] as! String, default: 0] += 1
            }
            if d == 2 {
                #expect(try picnic(["done", parts], day: d).status == 0)
                let blocked = try jsonArray(picnic(["list", "--json", "+BLOCKED"], day: d).stdout)
                #expect(!blocked.contains { $0["title"] as? String == "Assemble" })
            }
        }
        #expect(finished["Water plants"] == 7 && finished["Review backlog"] == 1)
        #expect((finished["Standup"] ?? 0) >= 4 && (finished["Standup"] ?? 0) <= 5)
        let ours = Set(templates.compactMap { $0["uuid"] as? String })
        let picnicOpen = try jsonArray(picnic(["list", "--json", "+RECURRING", "status:open"], day: 7).stdout)
            .filter { ours.contains($0["series"] as? String ?? "") }
        #expect(picnicOpen.count == 3) // one open instance per series

        // Back to Taskwarrior.
        let back = dir.appendingPathComponent("back.json")
        try picnic(["export", "taskwarrior"], day: 7).stdout.write(to: back, atomically: true, encoding: .utf8)
        try tw.run(["import", back.path])
        let after = try tw.export()
        let afterTemplates = after.filter { $0["status"] as? String == "recurring" }
        #expect(Set(afterTemplates.compactMap { $0["uuid"] as? String }) == Set(templates.compactMap { $0["uuid"] as? String }))
        for template in afterTemplates {
            let uuid = template["uuid"] as! String
            let children = after.filter { $0["parent"] as? String == uuid }
            let masks = children.compactMap { ($0["imask"] as? NSNumber)?.intValue }
            #expect(masks.count == children.count && Set(masks).count == masks.count, "duplicate occurrences in \(template["description"]!)")
            #expect((template["mask"] as? String)?.count == (masks.max() ?? -1) + 1)
            #expect(children.filter { $0["status"] as? String == "pending" }.count == 1, "\(template["description"]!)")
            // Each occurrence is due where the series puts it: daily and weekly from the anchor.
            let anchor = try #require(template["due"] as? String)
            for c in children where template["recur"] as? String != "weekdays" {
                let k = (c["imask"] as! NSNumber).intValue
                let step = template["recur"] as? String == "daily" ? 1 : 7
                #expect(c["due"] as? String == Self.twDate(anchor, plusDays: k * step), "\(template["description"]!) #\(k)")
            }
        }
        let assemble = try #require(after.first { $0["description"] as? String == "Assemble" })
        #expect(assemble["depends"] as? [String] == [parts] && assemble["status"] as? String == "pending")
        #expect(after.first { $0["uuid"] as? String == parts }?["status"] as? String == "completed")
        // The real export's own dependencies made the trip too.
        let start5 = try #require(after.first { $0["uuid"] as? String == "22bba0bf-7fac-4382-9d3f-bce17e981378" })
        #expect((start5["depends"] as? [String])?.count == 2)
        // `task` lists them, and continues each series after Picnic's last occurrence.
        let listed = try tw.run(["list"]).stdout
        #expect(listed.contains("Water plants") && listed.contains("Standup") && listed.contains("Assemble"))
        // (Picnic is a week ahead of the machine's clock: ten dates ahead reach past its last one.)
        let continued = try tw.export(["rc.recurrence.limit=10"])
        for template in afterTemplates {
            let uuid = template["uuid"] as! String
            let masks = continued.filter { $0["parent"] as? String == uuid }.compactMap { ($0["imask"] as? NSNumber)?.intValue }
            #expect(Set(masks).count == masks.count)
            #expect(masks.sorted() == Array(0..<masks.count) || template["recur"] as? String == "weekly",
                    "\(template["description"]!): \(masks.sorted())")
        }
        // And what Taskwarrior made comes into Picnic once more without doubling anything.
        let continuedFile = dir.appendingPathComponent("continued.json")
        try tw.run(["export"]).stdout.write(to: continuedFile, atomically: true, encoding: .utf8)
        #expect(try picnic(["import", "taskwarrior", continuedFile.path], day: 7).status == 0)
        let merged = try jsonArray(picnic(["export", "json"], day: 7).stdout)
        let slots = merged.compactMap { t -> String? in
            guard let s = t["series"] as? String, let k = t["occurrence"] as? Int else { return nil }
            return "\(s) \(k)"
        }
        #expect(Set(slots).count == slots.count && merged.count == continued.count - templates.count)
        let water = try #require(afterTemplates.first { $0["description"] as? String == "Water plants" })
        let waterMasks = continued.filter { $0["parent"] as? String == water["uuid"] as? String }.compactMap { ($0["imask"] as? NSNumber)?.intValue }
        #expect(waterMasks.max() ?? 0 > (water["mask"] as! String).count - 1)
    }

    /// Midnight UTC of the day holding `date`.
    static func midnight(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// Taskwarrior's `20261201T000000Z` plus whole days.
    static func twDate(_ text: String, plusDays n: Int) -> String {
        let d = TaskJSONDate.parseTW(text)!.addingTimeInterval(Double(n) * 86_400)
        return TaskJSONDate.twFormat(d)
    }
}

/// Dates in the two forms the test reads and writes.
enum TaskJSONDate {
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    /// `2026-12-01T14:00:00Z`.
    static func format(_ d: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// `20261201T140000Z`.
    static func twFormat(_ d: Date) -> String {
        format(d).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    static func parseTW(_ s: String) -> Date? {
        let c = Array(s)
        guard c.count == 16 else { return nil }
        let comps = DateComponents(year: Int(String(c[0..<4])), month: Int(String(c[4..<6])), day: Int(String(c[6..<8])),
                                   hour: Int(String(c[9..<11])), minute: Int(String(c[11..<13])), second: Int(String(c[13..<15])))
        return utc.date(from: comps)
    }
}

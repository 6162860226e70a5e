import Foundation
import PicnicCore
import TestSupport
import Testing
@testable import PicnicFormats

@Suite struct TaskwarriorTests {
    @Test func readsTheRealExports() throws {
        guard let export = TestSupport.sharedFile("taskwarrior/taskwarrior-testdata.export.json"),
              let demo = TestSupport.sharedFile("taskwarrior/taskwarrior-testdata.demo.json") else {
            print("skipped: ../shared/data/taskwarrior is absent"); return
        }
        let tasks = try TaskwarriorFormat.read(export)
        #expect(tasks.count == 33)
        let first = try #require(tasks.first)
        #expect(first.title == "Move between tasks using 'j' and 'k'")
        #expect(first.priority == .H)
        #expect(first.extra["estimate"] == .string("30"))
        #expect(first.extra["urgency"] == nil && first.extra["id"] == nil)
        #expect(Timestamps.taskwarriorString(first.created) == "20201021T065209Z")
        let five = try #require(tasks.first { $0.uuid == UUID(uuidString: "22bba0bf-7fac-4382-9d3f-bce17e981378") })
        #expect(five.annotations.map(\.text) == ["Started task", "Stopped task"])
        #expect(five.depends.count == 2)
        #expect(tasks.contains { $0.project == "wth" && $0.tags == ["test", "anothertag"] })
        #expect(tasks.contains { $0.status == .done && $0.completed != nil })
        #expect(try TaskwarriorFormat.read(demo).count == 19)
    }

    @Test func oneObjectPerLineStringDependsUDAsAndRecurring() throws {
        let text = """
        {"uuid":"11111111-1111-4111-8111-111111111111","description":"parent","status":"recurring","recur":"weekly","due":"20261201T000000Z","entry":"20261101T000000Z","mask":"-","priority":"U"}
        {"uuid":"22222222-2222-4222-8222-222222222222","description":"child","status":"pending","depends":"11111111-1111-4111-8111-111111111111,33333333-3333-4333-8333-333333333333","entry":"20261101T000000Z","start":"20261102T000000Z","myuda":{"n":[1,2]}}
        """
        let contents = try TaskwarriorFormat.parseAll(Data(text.utf8), file: "x.json")
        let tasks = contents.tasks
        // The template is a series, not a task of the queue.
        #expect(tasks.count == 1 && contents.series.count == 1)
        let series = contents.series[0]
        #expect(series.recur == "weekly" && series.mask == "-" && series.isRunning && series.period == .weeks(1))
        #expect(series.template.priority == nil && series.template.extra["priority"] == .string("U"))
        #expect(series.template.extra["recur"] == nil && series.template.extra["mask"] == nil)
        #expect(tasks[0].status == .active && tasks[0].depends.count == 2)
        #expect(tasks[0].extra["myuda"] == .object(["n": .array([.number(1), .number(2)])]))
        // Export writes them back: the template stays recurring, the UDA and priority verbatim.
        let text2 = TaskwarriorFormat.export(tasks, series: contents.series)
        let again = try TaskwarriorFormat.parseAll(Data(text2.utf8), file: "y.json")
        #expect(again.tasks == tasks && again.series == contents.series)
        #expect(text2.contains("\"status\":\"recurring\""))
    }

    @Test func instancesKeepTheirSeriesAndTaskwarriorsFields() throws {
        let text = """
        {"uuid":"11111111-1111-4111-8111-111111111111","description":"water","status":"recurring","recur":"daily","rtype":"periodic","due":"20261201T000000Z","until":"20261231T000000Z","entry":"20261101T000000Z","mask":"+-"}
        {"uuid":"22222222-2222-4222-8222-222222222222","description":"water","status":"completed","end":"20261201T090000Z","parent":"11111111-1111-4111-8111-111111111111","imask":0,"recur":"daily","rtype":"periodic","due":"20261201T000000Z","until":"20261231T000000Z","entry":"20261101T000000Z","scheduled":"20261130T000000Z"}
        {"uuid":"33333333-3333-4333-8333-333333333333","description":"water","status":"pending","parent":"11111111-1111-4111-8111-111111111111","imask":1,"recur":"daily","due":"20261202T000000Z","entry":"20261101T000000Z"}
        """
        let contents = try TaskwarriorFormat.parseAll(Data(text.utf8), file: "x.json")
        #expect(contents.series.count == 1 && contents.tasks.count == 2)
        let s = contents.series[0]
        #expect(s.until == Timestamps.taskwarrior("20261231T000000Z") && s.mask == "+-")
        let done = contents.tasks[0], open = contents.tasks[1]
        #expect(done.series == s.uuid && done.occurrence == 0 && done.status == .done)
        #expect(done.scheduled == Timestamps.taskwarrior("20261130T000000Z"))
        #expect(open.series == s.uuid && open.occurrence == 1)
        // Written back, each instance names its template and gets the series' own recur and until.
        let objects = try #require(try JSONSerialization.jsonObject(
            with: Data(TaskwarriorFormat.export(contents.tasks, series: contents.series).utf8)) as? [[String: Any]])
        #expect(objects.count == 3)
        let back = try #require(objects.first { $0["uuid"] as? String == "33333333-3333-4333-8333-333333333333" })
        #expect(back["parent"] as? String == "11111111-1111-4111-8111-111111111111" && back["imask"] as? Int == 1)
        #expect(back["recur"] as? String == "daily" && back["until"] as? String == "20261231T000000Z")
        let template = try #require(objects.first { $0["uuid"] as? String == "11111111-1111-4111-8111-111111111111" })
        #expect(template["status"] as? String == "recurring" && template["mask"] as? String == "+-")
        // A template without recur or due is refused with its line.
        let bad = Fixtures.formatError { _ = try TaskwarriorFormat.parseAll(Data(
            "{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"description\":\"a\",\"status\":\"recurring\",\"due\":\"20261201T000000Z\"}".utf8), file: "b.json") }
        #expect(bad?.description.hasPrefix("b.json:1") == true && bad?.description.contains("recur") == true)
    }

    @Test func badInputIsLocated() {
        let cases: [(String, String)] = [
            ("[\n{\"uuid\":\"x\",\"description\":\"a\"}\n]", "b.json:2"),
            ("{\"description\":\"a\"}\n{\"uuid\":\"11111111-1111-4111-8111-111111111111\"}", "b.json:1"),
            ("{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"description\":\"a\"}\n{\"uuid\":", "b.json:2"),
            ("[{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"description\":\"a\",\"due\":\"tomorrow\"}]", "b.json:1"),
            ("[{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"description\":\"a\",\"status\":\"odd\"}]", "b.json:1"),
            ("[\"x\"]", "b.json:1"),
            ("[{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"description\":\"a\"},\n{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"description\":\"b\"}]", "b.json:2"),
        ]
        for (text, prefix) in cases {
            let err = Fixtures.formatError { _ = try TaskwarriorFormat.parse(Data(text.utf8), file: "b.json") }
            #expect(err?.description.hasPrefix(prefix) == true, "\(text) → \(String(describing: err))")
        }
        let err = Fixtures.formatError { _ = try TaskwarriorFormat.parse(Data([0x5B, 0xFF, 0x5D]), file: "b.json") }
        #expect(err?.message.contains("UTF-8") == true)
    }

    /// Our export goes through the real Taskwarrior 2.6: `task import`, then `task export`
    /// gives back the same tasks.
    @Test func roundTripThroughRealTaskwarrior() throws {
        guard let task = TestSupport.which("task") else { print("skipped: taskwarrior (task) is not installed"); return }
        guard let export = TestSupport.sharedFile("taskwarrior/taskwarrior-testdata.export.json") else {
            print("skipped: ../shared/data/taskwarrior is absent"); return
        }
        var tasks = try TaskwarriorFormat.read(export)
        tasks.append(WorkTask(uuid: UUID(), title: "Picnic task with \"quotes\" and ünïcode", notes: "some notes",
                              project: "home.garden", tags: ["a", "b"], priority: .M,
                              due: Timestamps.taskwarrior("20261201T120000Z"), status: .pending,
                              created: Timestamps.taskwarrior("20261101T000000Z")!,
                              annotations: [Annotation(entry: Timestamps.taskwarrior("20261102T000000Z")!, text: "note")]))
        let dir = TestSupport.makeTempDirectory("tw")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rc = dir.appendingPathComponent("taskrc")
        // The sample's own UDAs, declared as in the taskrc it came with: undeclared ("orphan")
        // UDAs come back from Taskwarrior as strings, e.g. 123 → "123.000000".
        let udas = "uda.estimate.type=string\nuda.issue.type=numeric\nuda.person.type=string\n"
        try ("data.location=\(dir.path)/data\nconfirmation=off\nverbose=nothing\nhooks=off\nnews.version=2.6.0\n" + udas)
            .write(to: rc, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("ours.json")
        try TaskwarriorFormat.export(tasks).write(to: file, atomically: true, encoding: .utf8)
        let env = ["TASKRC": rc.path, "TASKDATA": dir.appendingPathComponent("data").path]
        let imported = try TestSupport.run(URL(fileURLWithPath: task), ["rc.confirmation=off", "import", file.path], environment: env)
        #expect(imported.status == 0, "task import: \(imported.stderr)")
        let exported = try TestSupport.run(URL(fileURLWithPath: task), ["export"], environment: env)
        #expect(exported.status == 0, "task export: \(exported.stderr)")
        let back = try TaskwarriorFormat.parse(Data(exported.stdout.utf8), file: "task-export")
        #expect(back.count == tasks.count)
        let byID = Dictionary(uniqueKeysWithValues: back.map { ($0.uuid, $0) })
        for t in tasks {
            var b = try #require(byID[t.uuid], "missing \(t.uuid)")
            // Taskwarrior keeps tags as a set and exports them in its own order.
            #expect(Set(b.tags) == Set(t.tags), "tags differ: \(t.title)")
            b.tags = t.tags
            #expect(b == t, "differs: \(t.title)")
        }
    }
}

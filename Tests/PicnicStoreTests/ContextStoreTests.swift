import Foundation
import GRDB
import Testing
import TestSupport
@testable import PicnicCore
@testable import PicnicStore

@Suite struct ContextStoreTests {
    @Test func defineSwitchAndAddInAContext() throws {
        let db = try makeDatabase("contexts")
        try db.defineContext("work", filter: "+work or project:infra")
        try db.defineContext("home", filter: "+home project:house")
        #expect(try db.contexts().map(\.name) == ["home", "work"])
        #expect(try db.activeContext() == nil)
        #expect(try db.setContext("home")?.filter == "+home project:house")
        let t = try db.addTask(try QuickAdd.parseNew("Fix the gate", now: Date(), calendar: .current))
        #expect(t.tags == ["home"] && t.project == "house")
        try db.setContext("work")
        #expect(try db.contexts().filter(\.isActive).map(\.name) == ["work"])
        let w = try db.addTask(try QuickAdd.parseNew("Rotate certs project:ops", now: Date(), calendar: .current))
        #expect(w.tags == ["work"] && w.project == "ops")
        try db.setContext(nil)
        let plain = try db.addTask(try QuickAdd.parseNew("Plain", now: Date(), calendar: .current))
        #expect(plain.tags.isEmpty && plain.project == nil)
        // Redefining keeps the name; deleting the active one leaves none active.
        try db.defineContext("work", filter: "+work")
        try db.setContext("work")
        try db.deleteContext("work")
        #expect(try db.activeContext() == nil)
        // Contexts are settings: undo takes back the last task, not a context switch.
        try db.setContext("home")
        #expect(try db.undo()?.hasPrefix("add") == true)
        #expect(try db.activeContext()?.name == "home")
    }

    @Test func badNamesFiltersAndUnknownContextsAreRefused() throws {
        let db = try makeDatabase("contexts-bad")
        #expect(throws: PicnicError.self) { try db.defineContext("none", filter: "+x") }
        #expect(throws: PicnicError.self) { try db.defineContext("a b", filter: "+x") }
        #expect(throws: PicnicError.self) { try db.defineContext("w", filter: "foo:bar") }
        #expect(throws: PicnicError.self) { try db.defineContext("w", filter: "(+x") }
        #expect(throws: PicnicError.self) { try db.setContext("nope") }
        #expect(throws: PicnicError.self) { try db.deleteContext("nope") }
        #expect(try db.contexts().isEmpty)
    }
}

/// A store that imported Taskwarrior data before recurrence was modelled gets its series back
/// when it migrates.
@Suite struct SeriesMigrationTests {
    @Test func templatesAndInstancesKeptInExtraBecomeASeries() throws {
        let dir = TestSupport.makeTempDirectory("series-migration")
        let path = dir.appendingPathComponent("picnic.sqlite").path
        // The schema as the previous version left it, with rows as its importer wrote them.
        let queue = try DatabaseQueue(path: path)
        var old = DatabaseMigrator()
        for (name, body) in AppDatabase.migrations.prefix(while: { $0.0 != "v6-queue-series-contexts" }) {
            old.registerMigration(name, migrate: body)
        }
        try old.migrate(queue)
        let parent = "11111111-1111-4111-8111-111111111111"
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO tasks (uuid, number, title, status, created, modified, due, extra) VALUES
                ('\(parent)', 1, 'water', 'pending', 100, 100, 1796169600,
                 '{"mask":"+-","recur":"daily","rtype":"periodic","until":"20261231T000000Z"}'),
                ('22222222-2222-4222-8222-222222222222', NULL, 'water', 'done', 100, 100, 1796169600,
                 '{"imask":0,"parent":"\(parent)","recur":"daily"}'),
                ('33333333-3333-4333-8333-333333333333', 2, 'water', 'pending', 100, 100, 1796256000,
                 '{"imask":1.0,"parent":"\(parent)","recur":"daily","scheduled":"20261130T000000Z"}'),
                ('44444444-4444-4444-8444-444444444444', 3, 'water again', 'pending', 100, 100, 1796256000,
                 '{"imask":1,"parent":"\(parent)"}'),
                ('55555555-5555-4555-8555-555555555555', 4, 'plain', 'pending', 100, 100, NULL, '{"estimate":"30"}')
                """)
        }
        let db = try AppDatabase(path: path)
        let series = try db.allSeries()
        #expect(series.count == 1)
        let s = try #require(series.first)
        #expect(s.uuid.uuidString.lowercased() == parent && s.recur == "daily" && s.mask == "+-" && s.isRunning)
        #expect(s.until == Date(timeIntervalSince1970: 1_798_675_200) && s.template.extra == ["rtype": .string("periodic")])
        let tasks = try db.allTasks(includeClosed: true)
        #expect(tasks.count == 4) // the template is no task any more
        let byTitle = Dictionary(tasks.map { ($0.uuid.uuidString.lowercased().prefix(1), $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byTitle["2"]?.series == s.uuid && byTitle["2"]?.occurrence == 0 && byTitle["2"]?.extra == ["recur": .string("daily")])
        #expect(byTitle["3"]?.occurrence == 1 && byTitle["3"]?.scheduled == Date(timeIntervalSince1970: 1_795_996_800))
        // The second claim on occurrence 1 stays as it was, unlinked.
        #expect(byTitle["4"]?.series == nil && byTitle["4"]?.extra["parent"] != nil)
        #expect(byTitle["5"]?.series == nil && byTitle["5"]?.extra == ["estimate": .string("30")])
    }
}

import Foundation
import PicnicCore
import TermUI
import Testing
@testable import Dashboard

/// Contexts, dependencies, series and `scheduled:` in the dashboard.
@Suite struct QueueFeaturesTests {
    typealias F = Fixtures

    static let parts = WorkTask(uuid: F.uuid(21), number: 21, title: "Order parts", created: F.days(-2), blocking: true)
    static let paint = WorkTask(uuid: F.uuid(22), number: 22, title: "Buy paint", created: F.days(-2), blocking: true)
    static let assemble = WorkTask(uuid: F.uuid(23), number: 23, title: "Assemble", created: F.days(-1),
                                   depends: [F.uuid(21), F.uuid(22), F.uuid(99)], blocked: true)
    static let water = WorkTask(uuid: F.uuid(24), number: 24, title: "Water plants", tags: ["home"], due: F.days(0.4),
                                created: F.days(-1), series: F.uuid(90), occurrence: 3)
    static let later = WorkTask(uuid: F.uuid(25), number: 25, title: "Plan next year", priority: .H, created: F.days(-1),
                                scheduled: F.days(3))

    static func loaded(_ extra: [WorkTask] = [parts, paint, assemble, water, later], contexts: [QueueContext] = []) -> AppState {
        var s = F.state()
        _ = Dashboard.update(&s, .contextsLoaded(contexts))
        _ = Dashboard.update(&s, .tasksLoaded(F.tasks + extra))
        return s
    }

    @Test func marksAndTheScheduledTaskLast() {
        let s = Self.loaded()
        #expect(s.tasks.last?.uuid == Self.later.uuid) // not ready: after every ready task, H or not
        let screen = Dashboard.render(s).text
        #expect(screen.contains("⊘ Assemble") && screen.contains("↻ Water plants") && screen.contains("◷ Plan next year"))
    }

    @Test func bWalksTheBlockersAndBComesBack() {
        var s = Self.loaded()
        s.selected = Self.assemble.uuid
        _ = s.press("b")
        // The open blockers in queue order (the missing one is skipped).
        let first = s.selected
        #expect([Self.parts.uuid, Self.paint.uuid].contains(first!))
        #expect(s.message?.text.contains("waits on 1 of 2 (b next, B back)") == true)
        _ = s.press("b")
        #expect(s.selected != first && [Self.parts.uuid, Self.paint.uuid].contains(s.selected!))
        _ = s.press("b")
        #expect(s.selected == first)
        _ = s.press("B")
        #expect(s.selected == Self.assemble.uuid && s.blockerTrail == nil)
        // On a task that waits on nothing: it says so and stays.
        s.selected = Self.parts.uuid
        _ = s.press("b")
        #expect(s.selected == Self.parts.uuid && s.message?.text == "This task waits on nothing open")
        // A blocker hidden by the live filter: the filter goes, the jump happens.
        s.filterText = "Assemble"
        Dashboard.applyFilter(&s)
        s.selected = Self.assemble.uuid
        _ = s.press("b")
        #expect(s.filterText.isEmpty && [Self.parts.uuid, Self.paint.uuid].contains(s.selected!))
    }

    @Test func aContextNarrowsTheQueueAndTheCounts() {
        let home = QueueContext(name: "home", filter: "+home", isActive: true)
        let work = QueueContext(name: "work", filter: "+ci or project:ops", isActive: false)
        var s = Self.loaded(contexts: [work, home])
        #expect(s.rows.count == 1 && s.rows[0].uuid == Self.water.uuid)
        #expect(s.due.total == 1)
        #expect(Dashboard.render(s).text.contains("[home] 1 due today"))
        // c: the next context by name, then none.
        #expect(s.press("c") == [.setContext("work")])
        _ = Dashboard.update(&s, .contextsLoaded([QueueContext(name: "work", filter: work.filter, isActive: true),
                                                  QueueContext(name: "home", filter: "+home")]))
        #expect(Set(s.rows.map(\.uuid)) == [F.ci.uuid, F.certs.uuid])
        #expect(s.press("c") == [.setContext(nil)])
        _ = Dashboard.update(&s, .contextsLoaded([work, QueueContext(name: "home", filter: "+home")]))
        #expect(s.rows.count == s.tasks.count && s.context == nil)
        // The live filter works within the context.
        _ = Dashboard.update(&s, .contextsLoaded([work, home]))
        _ = s.press("/")
        _ = s.type("Plants")
        #expect(s.rows.count == 1)
        _ = s.press("ctrl-u")
        _ = s.type("Order")
        #expect(s.rows.isEmpty)
        // Without contexts, c says how to make one.
        var none = Self.loaded()
        #expect(none.press("c").isEmpty && none.message?.text.hasPrefix("No contexts") == true)
    }

    @Test func thePreviewReadsEveryFormAndSaysWhyNot() {
        let home = QueueContext(name: "home", filter: "+home project:house", isActive: true)
        var s = Self.loaded(contexts: [home])
        _ = s.press("a")
        func preview(_ text: String) -> String {
            _ = s.press("ctrl-u")
            _ = s.type(text)
            return s.promptPreview ?? ""
        }
        let p = preview("Water ferns recur:weekly due:mon until:2027-01-31 depends:21 scheduled:sun")
        #expect(p.contains("↻ weekly until Sun 31 Jan") && p.contains("waits on 21 “Order parts”"), "\(p)")
        #expect(p.contains("+home") && p.contains("project:house") && p.contains("(context home)"), "\(p)")
        #expect(p.contains("not before Sun 6 Dec"), "\(p)")
        #expect(preview("x recur:fortnightly due:mon") == "⚠ recur:fortnightly: not a period (try \(RecurrencePeriod.examples))")
        #expect(preview("x recur:weekly") == "⚠ recur:weekly: a recurring task needs due: to count from (e.g. due:fri)")
        #expect(preview("x depends:77") == "⚠ depends:77: no open task 77")
        // Enter keeps a refused line and says why.
        _ = s.press("enter")
        #expect(s.mode == .add && s.message?.text.contains("depends:77: no open task 77") == true)
    }

    @Test func modifyAndModifySeries() {
        var s = Self.loaded()
        s.selected = Self.water.uuid
        _ = s.press("M")
        #expect(s.mode == .modify && s.modifyWholeSeries)
        _ = s.type("+garden")
        #expect(s.promptPreview?.hasPrefix("whole series: ") == true)
        #expect(s.press("enter") == [.modifySeries(Self.water.uuid, "+garden")])
        #expect(!s.modifyWholeSeries)
        // M on a task that does not recur says so.
        s.selected = Self.parts.uuid
        _ = s.press("M")
        #expect(s.mode == .normal && s.message?.text.hasPrefix("Not a recurring task") == true)
        s.selected = Self.assemble.uuid
        _ = s.press("m")
        _ = s.type("-depends:21")
        #expect(s.promptPreview?.contains("no longer waits on 21 “Order parts”") == true)
        _ = s.press("ctrl-u")
        _ = s.type("depends:23")
        #expect(s.promptPreview == "⚠ depends:23: a task cannot depend on itself")
    }

    @Test func captureRefusesWhatThePreviewRefuses() {
        var s = F.state()
        _ = Dashboard.startCapture(&s, history: [])
        _ = Dashboard.update(&s, .tasksLoaded(F.tasks))
        _ = s.type("Ship it depends:88")
        #expect(s.promptPreview == "⚠ depends:88: no open task 88")
        #expect(s.press("enter").isEmpty && s.captured == nil)
        _ = s.press("ctrl-u")
        _ = s.type("Ship it depends:1 recur:daily due:today")
        #expect(s.promptPreview?.contains("↻ daily") == true)
        #expect(s.press("enter") == [.addTask("Ship it depends:1 recur:daily due:today")])
    }
}

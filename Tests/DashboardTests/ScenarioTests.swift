import Foundation
import Testing
import PicnicCore
import TermUI
@testable import Dashboard

/// Key scripts driven through update and render, with a tiny in-memory runner standing in for
/// the store so the whole loop (effects → result events) is exercised without a terminal.
@Suite struct ScenarioTests {
    typealias F = Fixtures

    /// Executes effects against an in-memory task list and answers like the real runner.
    struct Runner {
        var tasks: [WorkTask]
        var log: [Effect] = []

        mutating func run(_ effects: [Effect], _ state: inout AppState) {
            var queue = effects
            while !queue.isEmpty {
                let effect = queue.removeFirst()
                log.append(effect)
                let event: Event?
                switch effect {
                case .loadTasks: event = .tasksLoaded(tasks)
                case .loadQueueHead(let limit, let end):
                    event = Dashboard.queueHead(of: tasks, limit: limit, dueBefore: end, now: state.now)
                case .match(let task, let generation):
                    event = .matchesLoaded(task: task.uuid, generation: generation,
                                           matches: task.uuid == F.ci.uuid ? F.strongMatches : [])
                case .scanHelp: event = .strongHelpLoaded([F.ci.uuid])
                case .markDone(let id):
                    tasks.removeAll { $0.uuid == id }
                    event = .effectSucceeded(effect, message: "Done", task: nil)
                case .addTask(let text):
                    let t = WorkTask(uuid: F.uuid(100 + tasks.count), title: text, created: F.now)
                    tasks.append(t)
                    event = .effectSucceeded(effect, message: "Added", task: t.uuid)
                case .loadThread: event = .threadLoaded(root: F.thread.root, replies: F.thread.replies)
                default: event = nil
                }
                if let event { queue += Dashboard.update(&state, event) }
            }
        }

        mutating func keys(_ names: [String], _ state: inout AppState) {
            for name in names {
                let key = Key(name: name) ?? .char(Character(name))
                run(Dashboard.update(&state, .key(key)), &state)
            }
        }
    }

    @Test func addThenFinishTheNewTask() {
        var s = F.state()
        var runner = Runner(tasks: F.tasks)
        runner.run(Dashboard.start(&s), &s)
        runner.keys(["a"] + "Call the bank".map(String.init) + ["enter"], &s)
        #expect(s.selectedTask?.title == "Call the bank")
        #expect(Dashboard.render(s).text.contains("Call the bank"))
        runner.keys(["d"], &s)
        #expect(!s.tasks.contains { $0.title == "Call the bank" })
        #expect(s.selected != nil)
        #expect(runner.log.contains(.addTask("Call the bank")))
    }

    @Test func browseHelpOpenAThreadAndComeBack() {
        var s = F.state(width: 120, height: 40)
        var runner = Runner(tasks: F.tasks)
        runner.run(Dashboard.start(&s), &s)
        #expect(Dashboard.render(s).text.contains("Pinning the arm64 runner image"))
        runner.keys(["tab", "enter"], &s)
        #expect(s.mode == .reader)
        let text = Dashboard.render(s).text
        #expect(text.contains("Pin the runner image to a digest"))
        #expect(text.contains("✓ Accepted answer"))
        runner.keys(["G", "esc"], &s)
        #expect(s.mode == .normal && s.focus == .help)
        runner.keys(["j", "j", "j", "G", "g"], &s)
        #expect(s.help.cursor == 0)
    }

    @Test func mouseClicksSelectAndTheWheelScrolls() {
        var s = F.state()
        var runner = Runner(tasks: F.tasks)
        runner.run(Dashboard.start(&s), &s)
        runner.run(Dashboard.update(&s, .key(.mouse(.init(.press, x: 5, y: 3)))), &s)
        #expect(s.selectedIndex == 2 && s.focus == .queue)
        runner.run(Dashboard.update(&s, .key(.mouse(.init(.wheelDown, button: 0, x: 5, y: 10)))), &s)
        #expect(s.selectedIndex == 3)
        runner.run(Dashboard.update(&s, .key(.mouse(.init(.press, x: 50, y: 1)))), &s)
        #expect(s.focus == .help)
        #expect(Dashboard.update(&s, .key(.resize)) == [])
    }

    @Test func multiKeySequencesFromConfig() throws {
        let keymap = try Keymap.parse(configText: "[keys.normal]\ng = \"none\"\n\"g g\" = \"move-top\"\n\"g e\" = \"move-bottom\"\n", file: "c.toml")
        var s = AppState(keymap: keymap, width: 80, height: 24, now: F.now, calendar: F.calendar)
        var runner = Runner(tasks: F.tasks)
        runner.run(Dashboard.start(&s), &s)
        runner.keys(["g", "e"], &s)
        #expect(s.selected == F.someday.uuid)
        runner.keys(["g"], &s)
        #expect(s.pendingKeys == [.char("g")])
        runner.keys(["g"], &s)
        #expect(s.selected == F.ci.uuid && s.pendingKeys.isEmpty)
        runner.keys(["g", "j"], &s)      // an abandoned sequence: j still moves
        #expect(s.selectedIndex == 1)
    }

    @Test func halfPagesOnALongQueueKeepTheSelectionOnScreen() {
        let many = (0..<200).map { WorkTask(uuid: F.uuid(1000 + $0), title: "Task \($0)", created: F.days(Double(-$0))) }
        var s = F.state()
        var runner = Runner(tasks: many)
        runner.run(Dashboard.start(&s), &s)
        for _ in 0..<10 { runner.keys(["ctrl-d"], &s) }
        let title = s.selectedTask!.title
        #expect(Dashboard.render(s).text.contains("› ○  \(title)") || Dashboard.render(s).text.contains(title))
        runner.keys(["G"], &s)
        #expect(Dashboard.render(s).text.contains(s.selectedTask!.title))
        runner.keys(["g"], &s)
        #expect(s.queueScroll == 0)
    }
}

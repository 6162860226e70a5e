import Foundation
import Testing
import PicnicCore
import TermUI
import TestSupport
@testable import Dashboard

private typealias F = Fixtures

/// The binding records: one per action, the keymap and hints made from them, unavailable actions
/// saying why, unknown keys answered.
@Suite struct BindingTests {
    @Test func everyActionHasOneRecordAndTheDefaultsAreItsKeys() {
        #expect(Binding.all.map(\.action).sorted { $0.rawValue < $1.rawValue } == Action.allCases.sorted { $0.rawValue < $1.rawValue })
        for b in Binding.all {
            for (mode, seqs) in b.keys {
                for seq in seqs { #expect(Keymap.defaults.bindings[mode]?[seq] == b.action, "\(seq) in \(mode)") }
            }
        }
        let bound = Keymap.defaults.bindings.values.reduce(0) { $0 + $1.count }
        #expect(bound == Binding.all.reduce(0) { $0 + $1.keys.values.reduce(0) { $0 + $1.count } })
    }

    @Test func hintsFollowTheFocusedPaneAndTheMode() {
        var s = F.loaded(width: 120, height: 30)
        let queue = Dashboard.render(s).lines.last!
        #expect(queue.hasPrefix(" a add  d done  s start  / filter  ⏎ open  i notes  + helpful  - not for this"))
        _ = s.press("tab")
        let help = Dashboard.render(s).lines.last!
        #expect(help.hasPrefix(" ⏎ open  + helpful  - not for this  p ask  o link  y copy  Tab next-pane"))
        _ = s.press("tab", "/")
        #expect(Dashboard.render(s).lines.last!.hasPrefix(" ⏎ ok  Esc cancel"))
    }

    @Test func anUnavailableActionIsHintedDimAndSaysWhyWhenPressed() {
        var s = F.state(width: 100)
        _ = Dashboard.update(&s, .tasksLoaded([]))
        let buffer = Dashboard.render(s)
        let status = buffer.lines.last!
        let d = try! #require(status.range(of: "d done").map { status.distance(from: status.startIndex, to: $0.lowerBound) })
        let a = try! #require(status.range(of: "a add").map { status.distance(from: status.startIndex, to: $0.lowerBound) })
        #expect(buffer[d, buffer.height - 1].style.attributes.contains(.dim))
        #expect(!buffer[a, buffer.height - 1].style.attributes.contains(.dim))
        #expect(s.press("d") == [])
        #expect(s.message?.text == "No task selected")
        #expect(s.press("enter") == [])
        #expect(s.message?.text == "No task selected")
    }

    @Test func theKeysOverlayShowsWhyAnActionCannotBeUsedNow() {
        var s = F.state(width: 120, height: 60)
        _ = Dashboard.update(&s, .tasksLoaded([]))
        _ = s.press("?")
        let text = Dashboard.render(s).text
        #expect(text.contains("Mark the task done — No task selected"))
        #expect(!text.contains("Add a task (quick-add syntax, live preview) —"))
    }

    @Test func anUnboundKeySaysSoAndWhereTheKeysAre() {
        var s = F.loaded()
        #expect(s.press("z") == [])
        #expect(s.message?.text == "z is not bound here; ? lists the keys")
        #expect(Dashboard.render(s).lines.last!.contains("z is not bound here; ? lists the keys"))
        _ = s.press("enter")
        _ = s.press("ctrl-x")
        #expect(s.mode == .reader)
        #expect(s.message?.text == "Ctrl-x is not bound here; ? lists the keys")
        // In a prompt every key is text.
        _ = s.press("esc", "a", "z")
        #expect(s.prompt?.text == "z")
    }
}

/// "Due" in the status bar: the rule `picnic status` counts with, and local midnight as the day's end.
@Suite struct DueCountTests {
    static let paris: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Paris")!
        return c
    }()

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test(arguments: [
        ("2026-10-25T10:00:00Z", "2026-10-25T23:00:00Z"),  // 25 hours
        ("2026-03-29T10:00:00Z", "2026-03-29T22:00:00Z"),  // 23 hours
        ("2026-06-01T10:00:00Z", "2026-06-01T22:00:00Z"),
    ])
    func theDayEndsAtTheNextLocalMidnight(now: String, end: String) {
        #expect(Dashboard.dayEnd(Self.date(now), Self.paris) == Self.date(end))
    }

    @Test func waitingTasksAreNotDueAndOverdueIsCountedApart() {
        let now = Self.date("2026-10-25T10:00:00Z")
        let tasks = [
            WorkTask(number: 1, title: "late", due: Self.date("2026-10-20T10:00:00Z"), created: now),
            WorkTask(number: 2, title: "tonight", due: Self.date("2026-10-25T22:30:00Z"), created: now),
            WorkTask(number: 3, title: "asleep", due: Self.date("2026-10-20T10:00:00Z"),
                     wait: Self.date("2026-10-30T10:00:00Z"), status: .waiting, created: now),
            WorkTask(number: 4, title: "tomorrow", due: Self.date("2026-10-25T23:30:00Z"), created: now),
        ]
        var s = AppState(width: 120, height: 30, now: now, calendar: Self.paris)
        _ = Dashboard.update(&s, .tasksLoaded(tasks))
        #expect(s.due == DueCounts(overdue: 1, today: 1))
        #expect(Dashboard.render(s).lines.last!.hasSuffix("1 due today · 1 overdue · 0 helps "))
        // The head of the queue counts the same way.
        guard case .queueHeadLoaded(_, _, let due) = Dashboard.queueHead(of: tasks, limit: 1, dueBefore: Dashboard.dayEnd(now, Self.paris), now: now) else {
            Issue.record("no head"); return
        }
        #expect(due == s.due)
    }
}

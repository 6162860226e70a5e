import Foundation
import Testing
import TermUI
import PicnicCore
import TestSupport
@testable import Dashboard

private typealias F = Fixtures

/// What a newcomer meets in the first hour (issue 17): the filter, notes, undo, the due column,
/// the quick-add prompt, links and messages.
@Suite struct FirstHourTests {
    @Test func filterWordsMatchTagsAndProjectsToo() {
        var s = F.loaded()
        let plants = WorkTask(uuid: F.uuid(9), number: 9, title: "Water the plants", tags: ["home"], created: F.days(-1))
        let cafe = WorkTask(uuid: F.uuid(8), number: 8, title: "Café au lait", project: "Küche", created: F.days(-1))
        _ = Dashboard.update(&s, .tasksLoaded(F.tasks + [plants, cafe]))
        _ = s.press("/")
        _ = s.type("home")
        #expect(s.rows.map(\.uuid) == [plants.uuid])
        _ = s.type(" plants")                                   // the welcome tour's example
        #expect(s.rows.map(\.uuid) == [plants.uuid])
        _ = s.press("ctrl-u")
        _ = s.type("infra")                                     // a project
        #expect(s.rows.map(\.uuid) == [F.ci.uuid])
        _ = s.press("ctrl-u")
        _ = s.type("kuche")                                     // a project that is not ASCII
        #expect(s.rows.map(\.uuid) == [cafe.uuid])
        _ = s.press("ctrl-u")
        _ = s.type("plantshome")
        #expect(s.rows.isEmpty)
    }

    @Test func enterOnALineThatDoesNotParseKeepsThePromptAndSaysWhy() {
        var s = F.loaded()
        _ = s.press("a")
        _ = s.type("Call bank due:fryday")
        #expect(s.press("enter") == [])
        #expect(s.mode == .add && s.prompt?.text == "Call bank due:fryday")
        #expect(s.message?.isError == true)
        #expect(s.message?.text.hasPrefix("Not added: due:fryday: not a date") == true)
        #expect(s.message?.text.hasSuffix("Esc drops the line") == true)
        _ = s.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        _ = s.type("fri")
        #expect(s.press("enter") == [.addTask("Call bank due:fri")])
        #expect(s.mode == .normal)
        // Modify: the same.
        _ = s.press("m")
        _ = s.type("pri:X")
        #expect(s.press("enter") == [])
        #expect(s.mode == .modify && s.message?.text.hasPrefix("Not modified: pri:X: priority must be H, M or L") == true)
        #expect(s.press("esc") == [] && s.mode == .normal)
    }

    @Test func wrappedPreviewLinesKeepTheirLeftPadding() {
        var s = F.loaded(width: 60, height: 20)
        _ = s.press("a")
        _ = s.type("Write the quarterly report for the board with every figure +work +report project:finance due:tomorrow")
        let screen = Dashboard.render(s)
        let layout = Layout(width: 60, height: 20, mode: .add, focus: .queue)
        let pane = layout.help.isEmpty ? layout.queue : layout.help
        let inner = pane.inset(by: 1)
        let rows = (inner.y..<inner.maxY).map { y in
            String(screen.lines[y].dropFirst(inner.x).prefix(inner.width))
        }
        let preview = rows.prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(preview.count >= 3, "the preview wraps: \(rows)")
        for line in preview {
            #expect(line.hasPrefix(" ") && !line.hasPrefix("  "), "\(line)")
        }
    }

    @Test func theDueColumnHasOneWidthForEveryAge() {
        let c = F.calendar, now = F.now
        func due(_ days: Double) -> String { Describe.due(now.addingTimeInterval(days * 86400), now: now, calendar: c) }
        #expect(due(-70 * 30) == "-5y")
        #expect(due(-300) == "-10mo")
        #expect(due(-364) == "-12mo")
        #expect(due(-61) == "-2mo")
        #expect(due(-20) == "-2w")
        #expect(due(400) == "1y")
        #expect(due(-365 * 2025) == "-99y+")
        for days in stride(from: -800_000.0, through: 800_000, by: 0.5) where abs(days) < 800 || Int(days) % 997 == 0 {
            let text = due(days)
            #expect(text.count <= Describe.dueWidth, "\(days) days: \(text)")
        }
        // In the queue: a task due years ago keeps its row as wide as any other.
        var s = F.state()
        let old = WorkTask(uuid: F.uuid(7), number: 7, title: "Ancient chore", due: F.days(-2100), created: F.days(-2200))
        _ = Dashboard.update(&s, .tasksLoaded(F.tasks + [old]))
        let row = QueueView.line(old, state: s, width: 60, selected: false)
        #expect(row.width == 60)
        #expect(row.plainText.hasSuffix("  -5y"))
    }

    @Test func iShowsTheSelectedTasksNotesAndAnnotationsAndRowsMarkThem() {
        var s = F.loaded(width: 100, height: 30)
        var read = F.someday
        read.annotations = [Annotation(entry: F.days(-2), text: "asked Sam about checkpoints")]
        _ = Dashboard.update(&s, .tasksLoaded([read, F.budget, F.ci, F.certs, F.review]))
        // The row says there is something to read; a task without notes has no mark.
        let marked = QueueView.line(read, state: s, width: 50, selected: false).plainText
        #expect(marked.hasPrefix(" ⏸ \(QueueView.notesMark) Read the SQLite"))
        #expect(QueueView.line(F.budget, state: s, width: 50, selected: false).plainText.hasPrefix(" ○   Q3 budget"))
        let row = s.rows.row(of: read.uuid)!
        s.select(row: row)
        #expect(s.press("i") == [])
        #expect(s.mode == .reader && s.reader?.task == read)
        let text = Dashboard.render(s).text
        for part in ["Read the SQLite docs on WAL", "see https://sqlite.org/wal.html for details",
                     "asked Sam about checkpoints", "waits until Wed 2 Dec", "added 1 month ago"] {
            #expect(text.contains(part), "\(part)")
        }
        // Its link opens, its notes copy, and a reload shows a new annotation at once.
        #expect(s.press("o") == [.openURL("https://sqlite.org/wal.html")])
        #expect(s.press("y") == [.copy("see https://sqlite.org/wal.html for details\n\nasked Sam about checkpoints")])
        var annotated = read
        annotated.annotations.append(Annotation(entry: F.now, text: "WAL mode it is"))
        _ = Dashboard.update(&s, .tasksLoaded([annotated, F.budget, F.ci, F.certs, F.review]))
        #expect(Dashboard.render(s).text.contains("WAL mode it is"))
        _ = s.press("esc")
        #expect(s.mode == .normal && s.reader == nil && s.selected == read.uuid)
        // A task without notes says how to add some.
        s.select(row: s.rows.row(of: F.budget.uuid)!)
        _ = s.press("i")
        #expect(Dashboard.render(s).text.contains("No notes yet. Esc, then e writes notes or A adds an annotation."))
    }

    @Test func undoAsksForTheHelpPaneAgainAtOnce() {
        var s = F.loaded()
        _ = s.press("tab", "j")
        let hide = Effect.feedback(task: F.ci.uuid, post: 11, verdict: .hidden)
        #expect(s.press("-") == [hide])
        _ = Dashboard.update(&s, .effectSucceeded(hide, message: "Hidden for this task.", task: F.ci.uuid))
        _ = Dashboard.update(&s, .matchesLoaded(task: F.ci.uuid, generation: s.matchGeneration, matches: [F.strongMatches[0]]))
        #expect(s.press("u") == [.undo])
        let effects = Dashboard.update(&s, .effectSucceeded(.undo, message: "Undid hide post 11.", task: nil))
        // The hidden thread comes back without moving away and back.
        #expect(effects == [.loadTasks, .match(F.ci, generation: s.matchGeneration)])
        _ = Dashboard.update(&s, .tasksLoaded(F.tasks))
        _ = Dashboard.update(&s, .matchesLoaded(task: F.ci.uuid, generation: s.matchGeneration, matches: F.strongMatches))
        #expect(s.help.matches == F.strongMatches)
    }

    @Test func oInTheQueueOpensTheTasksLinkElseTheSelectedThreads() {
        var s = F.loaded()
        #expect(s.focus == .queue && s.selected == F.ci.uuid)
        // The task has no link of its own: the thread selected beside it has one.
        #expect(s.press("o") == [.openURL("https://forum.example/t/10")])
        _ = s.press("G")
        let someday = s.selectedTask!
        #expect(someday.uuid == F.someday.uuid)
        _ = Dashboard.update(&s, .matchesLoaded(task: someday.uuid, generation: s.matchGeneration, matches: F.strongMatches))
        #expect(s.press("o") == [.openURL("https://sqlite.org/wal.html")])   // its notes' link first
        _ = s.press("tab")
        #expect(s.press("o") == [.openURL("https://forum.example/t/10")])   // the help pane: the thread's
        _ = Dashboard.update(&s, .matchesLoaded(task: someday.uuid, generation: s.matchGeneration, matches: F.weakMatches))
        #expect(s.press("o") == [])
        #expect(s.message?.text == "No link in this task or its selected thread")
    }

    @Test func theDeleteQuestionLeavesItsKeysToTheStatusBar() {
        var s = F.loaded()
        _ = s.press("j", "x")
        let lines = Dashboard.render(s).lines
        #expect(lines[lines.count - 2].hasPrefix(" Delete 2 “Review payments PR”?"))
        #expect(!lines[lines.count - 2].contains("yes"))
        #expect(lines[lines.count - 1].hasPrefix(" y yes  Esc cancel"))
    }

    @Test func waitingTasksAreWhereTheReadmeSaysTheyAre() throws {
        // The dashboard keeps a waiting task in the queue, marked ⏸ …
        let s = F.loaded()
        #expect(s.rows.row(of: F.someday.uuid) != nil)
        #expect(QueueView.line(F.someday, state: s, width: 40, selected: false).plainText.hasPrefix(" ⏸"))
        // … and the README's quick-add table says so (and that picnic list leaves it out).
        let readme = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| `wait:WHEN`") })
        #expect(row.contains("⏸") && row.contains("`picnic list` leaves it out") && !row.contains("hide"))
    }

    @Test func theDeleteQuestionShowsItsKeysEvenRightAfterAMessage() {
        var s = F.loaded()
        _ = Dashboard.update(&s, .effectSucceeded(.markDone(F.budget.uuid), message: "Finished 3 “Q3 budget draft”.", task: F.budget.uuid))
        _ = s.press("x")
        #expect(s.message == nil)
        #expect(Dashboard.render(s).lines.last!.hasPrefix(" y yes  Esc cancel"))
    }

    @Test func datesOfAnotherYearSayTheYear() {
        var s = F.loaded(width: 100, height: 30)
        let old = WorkTask(uuid: F.uuid(7), number: 7, title: "Old chore", due: F.days(-400), created: F.days(-500))
        _ = Dashboard.update(&s, .tasksLoaded(F.tasks + [old]))
        s.select(row: s.rows.row(of: old.uuid)!)
        _ = s.press("i")
        #expect(Dashboard.render(s).text.contains("due Sat 25 Oct 2025 (-1y)"))
        _ = s.press("esc", "a")
        _ = s.type("Plan the trip due:2027-03-01")
        #expect(s.promptPreview == "“Plan the trip” · due Mon 1 Mar 2027 (3mo)")
    }

    @Test func aReplyRepeatingTheQuestionsTitleDoesNotSayItAgain() {
        var s = F.loaded()
        _ = s.press("enter")
        var reply = F.thread.replies[0]
        reply.title = "Re: " + F.thread.root.title
        _ = Dashboard.update(&s, .threadLoaded(root: F.thread.root, replies: [reply]))
        let text = Dashboard.render(s).text
        #expect(!text.contains("Re: Pinning"))
        #expect(text.contains("Pin the runner image to a digest"))
    }
}

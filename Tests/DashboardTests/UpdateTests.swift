import Foundation
import Testing
import PicnicCore
import TermUI
@testable import Dashboard

@Suite struct UpdateTests {
    typealias F = Fixtures

    @Test func startLoadsOnlyTheRowsTheFirstFrameShows() {
        var s = F.state()   // 80×24: 21 queue rows
        let end = F.calendar.startOfDay(for: F.now).addingTimeInterval(86400)
        #expect(Dashboard.start(&s) == [.loadQueueHead(limit: 21, dueBefore: end)])
    }

    @Test func theFirstFrameShowsTheHeadAndTheWholeQueueFollows() {
        var s = F.state(width: 80, height: 8)   // 5 queue rows
        guard case .loadQueueHead(let limit, let end) = Dashboard.start(&s).first else { Issue.record("no head"); return }
        var many = F.tasks
        for i in 0..<40 { many.append(WorkTask(uuid: F.uuid(300 + i), number: 10 + i, title: "filler \(i)", due: F.days(i % 3 == 0 ? 0 : 9), created: F.now)) }
        let effects = Dashboard.update(&s, Dashboard.queueHead(of: many, limit: limit, dueBefore: end, now: F.now))
        let all = QueueRules.sorted(many, now: F.now)
        #expect(s.loaded && !s.queueComplete)
        #expect(s.rows.map(\.uuid) == all.prefix(limit).map(\.uuid))
        #expect(s.selected == all[0].uuid && effects == [])   // matching waits for the whole queue
        #expect(s.help.task == all[0].uuid && s.help.status == .loading)
        #expect(s.openCount == 45 && s.due == DueCounts(all, now: F.now, endOfDay: end))
        let frame = Dashboard.render(s).text
        #expect(frame.contains("45") && frame.contains(Sanitizer.line(all[0].title)))
        #expect(Dashboard.firstFrameDrawn(&s) == [.loadTasks, .loadCommunity])
        // The whole queue: same selection; the scan for help and the top task's match start.
        let after = Dashboard.update(&s, .tasksLoaded(many))
        #expect(s.queueComplete && s.rows.count == 45 && s.selected == all[0].uuid)
        #expect(after == [.scanHelp(Array(all.prefix(Dashboard.helpScanLimit))), .match(all[0], generation: 1)])
        #expect(Dashboard.render(s).text == frame)
        #expect(Dashboard.firstFrameDrawn(&s) == [.loadCommunity])
    }

    @Test func aHeadThatHoldsEveryTaskIsTheWholeQueue() {
        var s = F.state()
        let end = Dashboard.dayEnd(F.now, F.calendar)
        let effects = Dashboard.update(&s, Dashboard.queueHead(of: F.tasks, limit: 21, dueBefore: end, now: F.now))
        #expect(s.queueComplete && s.rows.count == 5)
        #expect(effects == [.scanHelp(s.tasks), .match(F.ci, generation: 1)])
        #expect(Dashboard.firstFrameDrawn(&s) == [.loadCommunity])
    }

    @Test func firstLoadSortsSelectsTheMostUrgentAndAsksForItsMatches() {
        var s = F.state()
        let effects = Dashboard.update(&s, .tasksLoaded(F.tasks))
        #expect(s.loaded)
        #expect(s.rows.first?.uuid == F.ci.uuid)        // active, H, due in 2 days
        #expect(s.rows.last?.uuid == F.someday.uuid)    // waiting
        #expect(s.rows.count == 5)
        #expect(s.selected == F.ci.uuid)
        #expect(effects == [.scanHelp(s.tasks), .match(F.ci, generation: 1)])
        #expect(s.help.task == F.ci.uuid && s.help.status == .loading)
    }

    @Test func movingAsksForTheNewTasksMatchesAndDropsStaleAnswers() {
        var s = F.state()
        _ = Dashboard.update(&s, .tasksLoaded(F.tasks))
        let second = s.rows[1]
        #expect(s.press("j") == [.match(second, generation: 2)])
        #expect(s.selected == second.uuid)
        // The answer for the task no longer selected arrives late: dropped.
        _ = Dashboard.update(&s, .matchesLoaded(task: F.ci.uuid, generation: 1, matches: F.strongMatches))
        #expect(s.help.matches.isEmpty && s.help.status == .loading)
        // An older generation for the right task: dropped too.
        _ = Dashboard.update(&s, .matchesLoaded(task: second.uuid, generation: 1, matches: F.weakMatches))
        #expect(s.help.matches.isEmpty)
        _ = Dashboard.update(&s, .matchesLoaded(task: second.uuid, generation: 2, matches: F.weakMatches))
        #expect(s.help.matches == F.weakMatches && s.help.status == .loaded)
        #expect(!s.strongHelp.contains(second.uuid))
    }

    @Test func movementStopsAtTheEnds() {
        var s = F.loaded()
        #expect(s.press("k") == [])
        #expect(s.selected == F.ci.uuid)
        _ = s.press("G")
        #expect(s.selected == F.someday.uuid)
        #expect(s.press("j") == [])
        _ = s.press("g")
        #expect(s.selected == F.ci.uuid)
    }

    @Test func selectionFollowsTheTaskAcrossReloadsNotTheRow() {
        var s = F.loaded()
        _ = s.press("j")
        let picked = s.selected!
        _ = Dashboard.update(&s, .matchesLoaded(task: picked, generation: s.matchGeneration, matches: F.weakMatches))
        // Another process adds an urgent task at the top: the selection stays on the same task.
        let urgent = WorkTask(uuid: F.uuid(9), title: "Prod is down", project: "ops", tags: ["ops", "incident"], priority: .H,
                              due: F.days(-7), status: .active, created: F.days(-30))
        let effects = Dashboard.update(&s, .tasksLoaded(F.tasks + [urgent]))
        #expect(s.selected == picked)
        #expect(s.rows.first?.uuid == urgent.uuid)
        #expect(s.selectedIndex == 2)
        #expect(effects == [.scanHelp(s.tasks)])      // same task, unchanged: no new match request
        #expect(s.help.matches == F.weakMatches)
    }

    @Test func aChangedSelectedTaskIsMatchedAgain() {
        var s = F.loaded()
        var edited = F.ci
        edited.title = "Fix flaky CI on arm64 runners"
        let effects = Dashboard.update(&s, .tasksLoaded([edited, F.review]))
        #expect(effects == [.scanHelp(s.tasks), .match(edited, generation: 2)])
        #expect(s.help.matches == F.strongMatches)    // shown while the new answer comes
    }

    @Test func whenTheSelectedTaskLeavesItsNeighbourTakesTheRow() {
        var s = F.loaded()
        _ = s.press("j")
        let index = s.selectedIndex!
        let gone = s.selected!
        let remaining = F.tasks.filter { $0.uuid != gone }
        _ = Dashboard.update(&s, .tasksLoaded(remaining))
        #expect(s.selectedIndex == index)
        #expect(s.selected != gone)
    }

    @Test func liveFilterNarrowsAndEscClearsKeepingTheSelection() {
        var s = F.loaded()
        _ = s.press("/")
        #expect(s.mode == .filter)
        let effects = s.type("certs")
        #expect(s.rows.map(\.uuid) == [F.certs.uuid])
        #expect(s.selected == F.certs.uuid)
        #expect(effects.last == .match(F.certs, generation: 2))
        _ = s.press("enter")
        #expect(s.mode == .normal && s.filterText == "certs")
        _ = s.press("esc")
        #expect(s.filterText.isEmpty && s.rows.count == 5)
        #expect(s.selected == F.certs.uuid)
    }

    @Test func filterUsesTheQueueLanguageKeepsWaitingTasksAndReportsBadTokens() {
        var s = F.loaded()
        _ = s.press("/")
        _ = s.type("+ops")
        #expect(s.rows.map(\.uuid) == [F.certs.uuid])
        _ = s.press("ctrl-u")
        _ = s.type("sqlite")
        #expect(s.rows.map(\.uuid) == [F.someday.uuid])     // waiting, still shown
        _ = s.press("ctrl-u")
        _ = s.type("due:fryday")
        #expect(s.filterError?.hasPrefix("due:fryday: not a date") == true)
        _ = s.press("enter")
        #expect(s.message?.text.hasPrefix("Filter: due:fryday: not a date") == true)
        _ = s.press("/", "ctrl-u")
        #expect(s.filterError == nil && s.rows.count == 5)
    }

    @Test func previewsReadTheLineWithTheQuickAddParser() {
        var s = F.loaded()
        _ = s.press("a")
        _ = s.type("Call bank due:tomorrow pri:H +home")
        #expect(s.promptPreview == "“Call bank” · pri H · due Mon 30 Nov (tmrw) · +home")
        _ = s.type(" wait:fryday")
        #expect(s.promptPreview?.hasPrefix("⚠ wait:fryday: not a date") == true)
        _ = s.press("esc", "m")
        _ = s.type("-ci pri:L")
        #expect(s.promptPreview == "“Fix flaky CI on arm64” · pri L · due Tue 1 Dec (2d) · project:infra")
        #expect(s.press("enter") == [.modify(F.ci.uuid, "-ci pri:L")])
    }

    @Test func addingShowsAPreviewAsksForDraftMatchesAndAddsOnEnter() {
        var s = F.loaded()
        _ = s.press("a")
        #expect(s.mode == .add)
        let typing = s.type("arm64 runner")
        #expect(typing.last == .matchDraft("arm64 runner", generation: s.draftGeneration))
        #expect(s.promptPreview?.contains("arm64 runner") == true)
        _ = Dashboard.update(&s, .draftMatchesLoaded(generation: s.draftGeneration - 1, matches: F.weakMatches))
        #expect(s.draftMatches.isEmpty)
        _ = Dashboard.update(&s, .draftMatchesLoaded(generation: s.draftGeneration, matches: F.strongMatches))
        #expect(s.draftMatches == F.strongMatches)
        #expect(s.press("enter") == [.addTask("arm64 runner")])
        #expect(s.mode == .normal && s.prompt == nil && s.draftMatches.isEmpty)
        // The runner reports the new task: it is selected once loaded.
        let new = WorkTask(uuid: F.uuid(42), title: "arm64 runner", created: F.now)
        #expect(Dashboard.update(&s, .effectSucceeded(.addTask("arm64 runner"), message: "Added 6", task: new.uuid)) == [.loadTasks])
        let effects = Dashboard.update(&s, .tasksLoaded(F.tasks + [new]))
        #expect(s.selected == new.uuid)
        #expect(effects.last == .match(new, generation: s.matchGeneration))
        #expect(s.message?.text == "Added 6")
    }

    @Test func promptsTakeReadlineKeysAndHistory() {
        var s = F.loaded()
        _ = s.press("A")
        _ = s.type("hello wide world")
        _ = s.press("ctrl-w")
        #expect(s.prompt?.text == "hello wide ")
        _ = s.press("ctrl-a")
        _ = s.type(">")
        #expect(s.prompt?.text == ">hello wide ")
        #expect(s.press("enter") == [.annotate(F.ci.uuid, ">hello wide")])
        _ = s.press("A")
        _ = s.press("up")
        #expect(s.prompt?.text == ">hello wide ")
        #expect(s.press("esc") == [])
        #expect(s.mode == .normal)
    }

    @Test func deleteAsksFirst() {
        var s = F.loaded()
        #expect(s.press("x") == [])
        #expect(s.mode == .confirmDelete && s.deleteTarget == F.ci.uuid)
        #expect(s.press("n") == [])
        #expect(s.mode == .normal && s.deleteTarget == nil)
        _ = s.press("x")
        #expect(s.press("y") == [.delete(F.ci.uuid)])
        #expect(s.mode == .normal)
    }

    @Test func taskActionsBecomeEffects() {
        var s = F.loaded()
        #expect(s.press("d") == [.markDone(F.ci.uuid)])
        #expect(s.press("s") == [.stop(F.ci.uuid)])       // ci is active
        #expect(s.press("e") == [.editNotes(F.ci.uuid)])
        #expect(s.press("u") == [.undo])
        // `p` opens the ask preview: nothing is sent from a key.
        #expect(s.press("p") == [])
        #expect(s.mode == .ask && s.askForm?.task == F.ci.uuid)
        #expect(s.press("esc") == [] && s.mode == .normal)
        #expect(s.press("q") == [.quit])
        _ = s.press("j")
        #expect(s.press("s") == [.start(s.selected!)])
        #expect(Dashboard.update(&s, .effectSucceeded(.markDone(F.ci.uuid), message: "Done 1", task: nil)) == [.loadTasks])
    }

    @Test func feedbackGoesToTheHighlightedThreadAndRematches() {
        var s = F.loaded()
        _ = s.press("l", "j")
        #expect(s.focus == .help && s.help.cursor == 1)
        #expect(s.press("-") == [.feedback(task: F.ci.uuid, post: 11, verdict: .hidden)])
        let effects = Dashboard.update(&s, .effectSucceeded(.feedback(task: F.ci.uuid, post: 11, verdict: .hidden), message: nil, task: nil))
        #expect(effects == [.match(F.ci, generation: 2)])
        #expect(s.help.matches == F.strongMatches && s.help.cursor == 1)
    }

    @Test func theReaderLoadsScrollsCopiesAndOpensLinks() {
        var s = F.loaded()
        #expect(s.press("enter") == [.loadThread(postID: 10)])
        #expect(s.mode == .reader)
        _ = Dashboard.update(&s, .threadLoaded(root: F.thread.root, replies: F.thread.replies))
        #expect(s.reader?.replies.count == 2)
        #expect(s.press("y") == [.copy(F.thread.replies[0].body)])
        #expect(s.press("o") == [.openURL("https://forum.example/t/10")])
        #expect(s.press("+") == [.feedback(task: F.ci.uuid, post: 10, verdict: .helpful)])
        _ = s.press("esc")
        #expect(s.mode == .normal && s.reader == nil)
        // A thread for a reader that was closed is ignored.
        _ = Dashboard.update(&s, .threadLoaded(root: F.thread.root, replies: []))
        #expect(s.reader == nil)
    }

    @Test func nextMatchJumpsToTasksWithStrongHelp() {
        var s = F.loaded()
        _ = Dashboard.update(&s, .strongHelpLoaded([F.ci.uuid, F.budget.uuid]))
        #expect(s.strongHelpCount == 2)
        _ = s.press("n")
        #expect(s.selected == F.budget.uuid)
        _ = s.press("n")
        #expect(s.selected == F.ci.uuid)
        _ = s.press("N")
        #expect(s.selected == F.budget.uuid)
        _ = Dashboard.update(&s, .strongHelpLoaded([]))
        #expect(s.press("n") == [])
        #expect(s.message?.text == "No task has strong help waiting")
    }

    @Test func messagesAgeOutAndFailuresAreShown() {
        var s = F.loaded()
        _ = Dashboard.update(&s, .effectFailed(.markDone(F.ci.uuid), message: "database is locked"))
        #expect(s.message == Message("database is locked", isError: true, at: F.now))
        _ = Dashboard.update(&s, .tick(F.now.addingTimeInterval(5)))
        #expect(s.message != nil)
        _ = Dashboard.update(&s, .tick(F.now.addingTimeInterval(11)))
        #expect(s.message == nil)
    }

    @Test func storeChangesReloadAndKeysOverlayOpensAndCloses() {
        var s = F.loaded()
        #expect(Dashboard.update(&s, .storeChanged) == [.loadTasks, .loadCommunity])
        _ = s.press("?")
        #expect(s.mode == .help)
        _ = s.press("j")
        #expect(s.overlayScroll == 1)
        _ = s.press("esc")
        #expect(s.mode == .normal)
    }

    @Test func nothingSelectedSaysSoInsteadOfActing() {
        var s = F.state()
        _ = Dashboard.update(&s, .tasksLoaded([]))
        #expect(s.press("d", "m", "x", "enter") == [])
        #expect(s.mode == .normal)
        #expect(s.message?.text == "No task selected")
    }
}

@Suite struct QueueRulesTests {
    @Test func titleSearchIgnoresCaseAndAccentsLikeTaskFilter() {
        let cases: [(String, String, Bool)] = [
            ("Fix flaky CI", "ci", true), ("Fix flaky CI", "FLAKY", true), ("Fix flaky CI", "flaw", false),
            ("Café menu", "cafe", true), ("Résumé", "resume", true), ("abc", "abcd", false), ("", "a", false),
        ]
        for (title, word, expected) in cases {
            #expect(QueueRules.titleContains(title, word) == expected, "\(title) / \(word)")
            #expect((title.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) != nil) == expected)
        }
    }
}

@Suite struct DescribeTests {
    @Test func dueIsRelativeToTheLocalDay() {
        let c = Fixtures.calendar, now = Fixtures.now
        #expect(Describe.due(now, now: now, calendar: c) == "today")
        #expect(Describe.due(now.addingTimeInterval(11.9 * 3600), now: now, calendar: c) == "today")
        #expect(Describe.due(now.addingTimeInterval(12.1 * 3600), now: now, calendar: c) == "tmrw")
        #expect(Describe.due(now.addingTimeInterval(-3 * 86400), now: now, calendar: c) == "-3d")
        #expect(Describe.due(now.addingTimeInterval(21 * 86400), now: now, calendar: c) == "3w")
        var tokyo = c
        tokyo.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        // 12:00 UTC is 21:00 on the 29th in Tokyo; 03:30 UTC on the 30th is 12:30 on the 30th there.
        #expect(Describe.due(now.addingTimeInterval(15.5 * 3600), now: now, calendar: tokyo) == "tmrw")
        #expect(Describe.age(now.addingTimeInterval(-2 * 3600), now: now) == "2 hours ago")
    }
}

@Suite struct LiveFilterNarrowingTests {
    typealias F = Fixtures

    @Test func typingNarrowsLikeAFullRecomputeWouldAndBackspaceWidens() {
        var tasks: [WorkTask] = []
        let titles = ["fix flaky ci", "fix docs", "fixture cleanup", "overdue report", "prefix tree", "café fixes"]
        for (i, t) in titles.enumerated() { tasks.append(WorkTask(uuid: F.uuid(200 + i), title: t, due: i == 3 ? F.days(-1) : nil, created: F.now)) }
        var s = F.state()
        _ = Dashboard.update(&s, .tasksLoaded(tasks))
        _ = s.press("/")
        for text in ["f", "fi", "fix", "fix ", "fix d", "fix do", "fix doc"] {
            _ = s.press("ctrl-u")
            var live = s
            _ = live.type(text)                 // typed letter by letter (narrowing)
            let expected = tasks.filter { t in
                text.split(separator: " ").allSatisfy { t.title.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
            }.map(\.uuid)
            #expect(Set(live.rows.map(\.uuid)) == Set(expected), "\(text)")
        }
        // "overdu" is a word but "overdue" is the overdue term: not a narrowing, recomputed.
        _ = s.press("ctrl-u")
        _ = s.type("overdu")
        #expect(s.rows.map(\.title) == ["overdue report"])
        _ = s.type("e")
        #expect(s.rows.map(\.title) == ["overdue report"])
        _ = s.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        #expect(s.rows.count == tasks.count)
    }
}

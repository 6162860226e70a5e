import Foundation
import Testing
import PicnicCore
import TermUI
@testable import Dashboard

/// The give-and-receive loop through `update`: one event, the exact state and effects.
@Suite struct CommunityUpdateTests {
    typealias F = Fixtures

    @Test func askShowsAPreviewAndSendsExactlyWhatItShows() {
        var s = F.joined()
        #expect(s.press("p") == [])
        #expect(s.mode == .ask)
        let form = s.askForm!
        #expect(form.title.text == F.ci.title && form.tagList == ["ci"])
        // The task's project (infra) is no space of this community: the default one.
        #expect(form.space.text == "general" && form.community == "team")
        // The task's matches are offered as "already answered?" at once.
        #expect(form.matches == F.strongMatches)
        var effects = s.press("ctrl-u")
        effects += s.type("Why do arm64 runners time out?")
        #expect(effects.last == .matchDraft("Why do arm64 runners time out? +ci", generation: s.draftGeneration))
        _ = s.press("tab")
        _ = s.type(" arm64")
        _ = s.press("tab", "right")
        #expect(s.askForm?.space.text == "ops")
        _ = s.press("tab")
        #expect(s.askForm?.field == .body)
        _ = s.type("Jobs hang")
        _ = s.press("enter")
        _ = s.type("after the cache step.")
        #expect(s.press("ctrl-d") == [.ask(AskDraft(task: F.ci.uuid, title: "Why do arm64 runners time out?",
                                                         body: "Jobs hang\nafter the cache step.", tags: ["ci", "arm64"],
                                                         space: "ops"))])
        #expect(s.mode == .normal && s.askForm == nil)
    }

    @Test func nothingIsSentWithoutTheSendKeyAndABadDraftIsRefusedPlainly() {
        var s = F.joined()
        _ = s.press("p", "ctrl-u")
        #expect(s.press("ctrl-d") == [])
        #expect(s.mode == .ask && s.message?.text == "title: empty")
        _ = s.type("ok title")
        _ = s.press("tab", "tab", "ctrl-u")
        _ = s.type("nowhere")
        #expect(s.press("ctrl-d") == [])
        #expect(s.message?.text.hasPrefix("space: no space “nowhere” here") == true)
        #expect(s.press("esc") == [])
        #expect(s.mode == .normal && s.message?.text == "Not asked: nothing was sent.")
    }

    @Test func aPreviewOpenedBeforeTheCommunityStateArrivedGoesToTheCommunityOnceItDoes() {
        var s = F.loaded()
        _ = s.press("p")
        #expect(s.askForm?.community == nil && s.askForm?.space.text == "infra")
        _ = Dashboard.update(&s, .communityLoaded(F.community()))
        // The project (infra) is no space there: the default one; the person's edits stay.
        #expect(s.askForm?.community == "team" && s.askForm?.space.text == "general" && s.askForm?.spaces == ["general", "ops"])
        #expect(s.askForm?.title.text == F.ci.title)
        // A space typed meanwhile is kept.
        var t = F.loaded()
        _ = t.press("p", "tab", "tab", "ctrl-u")
        _ = t.type("ops")
        _ = Dashboard.update(&t, .communityLoaded(F.community()))
        #expect(t.askForm?.community == "team" && t.askForm?.space.text == "ops")
    }

    @Test func withoutACommunityTheQuestionStaysLocalAndKeepsTheProject() {
        var s = F.loaded()
        _ = s.press("p")
        #expect(s.askForm?.community == nil && s.askForm?.space.text == "infra")
        let effects = s.press("ctrl-d")
        #expect(effects == [.ask(AskDraft(task: F.ci.uuid, title: F.ci.title, body: "", tags: ["ci"], space: "infra"))])
        // After it is written the task is matched again, and the community state read again.
        let after = Dashboard.update(&s, .effectSucceeded(effects[0], message: "Asked", task: F.ci.uuid))
        #expect(after == [.match(F.ci, generation: s.matchGeneration), .loadCommunity])
    }

    @Test func theBodyCanBeEditedInTheEditor() {
        var s = F.joined()
        _ = s.press("p")
        #expect(s.press("ctrl-o") == [.editText(.askBody(task: F.ci.uuid), "")])
        let effects = Dashboard.update(&s, .textEdited(.askBody(task: F.ci.uuid), "From the editor\nline two"))
        #expect(s.askForm?.body.text == "From the editor\nline two")
        #expect(effects == [.matchDraft(s.askForm!.matchText, generation: s.draftGeneration)])
    }

    @Test func ownQuestionsAreNeverHelpButShowAtTheTopOfTheHelpPane() {
        var s = F.joined(width: 120, height: 40)
        let own = F.match(F.myQuestion, confidence: 0.97, strong: true, reason: "“arm64” “flaky” in title", answers: 0)
        let weak = F.strongMatches[1]
        _ = s.press("j", "k")
        _ = Dashboard.update(&s, .matchesLoaded(task: F.ci.uuid, generation: s.matchGeneration, matches: [own, weak]))
        #expect(s.help.matches == [weak])
        #expect(!s.strongHelp.contains(F.ci.uuid) && s.strongHelpCount == 0)
        #expect(s.help.questions.map(\.post.id) == [30])
        let text = Dashboard.render(s).text
        #expect(text.contains("your question · asked 2 h ago · 0 answers"))
        // The cursor goes over the own question first; Enter reads it.
        _ = s.press("l")
        #expect(s.help.selectedQuestion?.post.id == 30)
        #expect(s.press("enter") == [.loadThread(postID: 30)])
        #expect(s.reader?.forTask == F.ci.uuid && s.mode == .reader)
    }

    @Test func anAnswerArrivesIsMarkedJumpedToReadAcceptedAndMarkedHelpful() {
        var s = F.joined()
        _ = s.press("j")
        #expect(s.selected != F.ci.uuid)
        _ = Dashboard.update(&s, .communityLoaded(F.community(answers: 1, position: 101)))
        #expect(s.newAnswerTasks == [F.ci.uuid])
        #expect(QueueView.mark(F.ci.uuid, s).glyph == "◆")
        #expect(StatusView.counts(s, width: 80).plainText.contains("1 new answer"))
        let effects = s.press("w")
        #expect(s.selected == F.ci.uuid && s.mode == .reader)
        #expect(effects.suffix(2) == [.loadThread(postID: 30), .markSeen(question: 30)])
        #expect(s.reader?.selectedAnswer == 31)
        _ = Dashboard.update(&s, .threadLoaded(root: F.myQuestion, replies: [F.samsAnswer]))
        #expect(s.press("a") == [.accept(question: 30, answer: 31)])
        #expect(s.press("+") == [.markHelped(post: 31, task: F.ci.uuid)])
        // Answering one's own question is not offered.
        #expect(s.press("r") == [] && s.message?.text == "This is your own question")
    }

    @Test func acceptIsOnlyForTheQuestionsAuthor() {
        var s = F.joined()
        _ = s.press("l", "enter")   // someone else's thread
        _ = Dashboard.update(&s, .threadLoaded(root: F.thread.root, replies: F.thread.replies))
        #expect(s.press("a") == [])
        #expect(s.message?.text == "Only the question's author accepts an answer")
        // `+` marks the selected answer (the accepted one, drawn first), `n` selects the next.
        #expect(s.press("+") == [.markHelped(post: 12, task: F.ci.uuid)])
        _ = s.press("n")
        #expect(s.press("+") == [.markHelped(post: 13, task: F.ci.uuid)])
    }

    @Test func couldHelpListsOthersQuestionsAndTheReaderAnswersThem() {
        var s = F.joined()
        #expect(s.couldHelp.strongCount == 2)
        #expect(StatusView.counts(s, width: 120).plainText.contains("2 you could answer"))
        #expect(s.press("H") == [])          // already loaded
        #expect(s.mode == .couldHelp)
        _ = s.press("j")
        #expect(s.press("enter") == [.loadThread(postID: 41)])
        #expect(s.reader?.returnMode == .couldHelp)
        _ = Dashboard.update(&s, .threadLoaded(root: F.othersQuestions[1].post, replies: []))
        #expect(s.press("r") == [])
        #expect(s.mode == .answer)
        _ = s.type("Use the finance sheet,")
        _ = s.press("enter")
        _ = s.type("tab Q4.")
        #expect(s.press("ctrl-d") == [.answer(question: 41, body: "Use the finance sheet,\ntab Q4.")])
        #expect(s.mode == .reader)
        let after = Dashboard.update(&s, .effectSucceeded(.answer(question: 41, body: "x"), message: nil, task: nil))
        #expect(after == [.loadCommunity, .loadThread(postID: 41)])
        _ = s.press("esc")
        #expect(s.mode == .couldHelp)
        _ = s.press("esc")
        #expect(s.mode == .normal)
    }

    @Test func anAnswerLeftWithEscIsKeptAndTheEditorIsUsedWhenPreferred() {
        var s = F.joined()
        _ = s.press("H", "enter")
        _ = Dashboard.update(&s, .threadLoaded(root: F.othersQuestions[0].post, replies: []))
        _ = s.press("r")
        _ = s.type("half an answer")
        _ = s.press("esc")
        #expect(s.mode == .reader && s.message?.text == "Answer kept, not sent: r goes on with it.")
        _ = s.press("r")
        #expect(s.answerDraft?.text == "half an answer")
        _ = s.press("esc")
        s.prefersEditor = true
        #expect(s.press("r") == [.editText(.answer(question: 40), "half an answer")])
        _ = Dashboard.update(&s, .textEdited(.answer(question: 40), "a whole answer"))
        #expect(s.mode == .answer && s.answerDraft?.text == "a whole answer")
    }

    @Test func newQuestionsAreAskedForOnlyWhenTheFeedMoved() {
        var s = F.joined()
        let g = s.couldHelp.generation
        #expect(Dashboard.update(&s, .communityLoaded(F.community())) == [])
        #expect(Dashboard.update(&s, .communityLoaded(F.community(position: 120))) == [.loadCouldHelp(generation: g + 1)])
        // A stale answer is dropped.
        _ = Dashboard.update(&s, .couldHelpLoaded(generation: g, matches: []))
        #expect(s.couldHelp.matches.count == 3)
    }

    @Test func whatHelpedOffersTheThreadsReadAndOneKeyMarksOne() {
        var s = F.joined(answers: 1)
        _ = s.press("l", "j", "enter", "esc")      // read Sam's thread 10 for the CI task
        _ = s.press("h")
        #expect(s.press("d") == [.markDone(F.ci.uuid)])
        #expect(s.mode == .whatHelped)
        #expect(s.whatHelped?.threads.map(\.post) == [10, 31])   // the own question's answer, not the question
        #expect(Dashboard.render(s).text.contains("What helped?"))
        #expect(s.press("2") == [.markHelped(post: 31, task: F.ci.uuid)])
        #expect(s.mode == .normal)
    }

    @Test func anyOtherKeySkipsWhatHelpedAndStillDoesItsWork() {
        var s = F.joined()
        _ = s.press("l", "enter", "esc", "h", "d")
        #expect(s.mode == .whatHelped)
        let effects = s.press("j")
        #expect(s.mode == .normal && s.whatHelped == nil && s.selectedIndex == 1)
        #expect(effects.contains { if case .match = $0 { true } else { false } })
        // Finishing a task no thread was read for asks nothing.
        _ = s.press("d")
        #expect(s.mode == .normal)
    }

    @Test func offlineWithWritesWaitingIsShownAndNothingOtherwise() {
        var s = F.joined()
        #expect(!StatusView.counts(s, width: 120).plainText.contains("offline"))
        _ = Dashboard.update(&s, .communityLoaded(F.community(online: false, toSend: 3)))
        #expect(StatusView.counts(s, width: 120).plainText.hasPrefix("offline · 3 to send"))
        _ = Dashboard.update(&s, .communityLoaded(F.community(online: false, toSend: 0)))
        #expect(!StatusView.counts(s, width: 120).plainText.contains("offline"))
    }

    @Test func aRefusedWriteIsShownOnceAndItsTextCanBeCopied() {
        var s = F.joined()
        let refused = RefusedWrite(id: 7, what: "your answer to “Old thread”", reason: "the question was deleted",
                                   text: "Pin the image.")
        _ = Dashboard.update(&s, .communityLoaded(F.community(refused: [refused])))
        #expect(s.message == Message("Not sent: your answer to “Old thread”: the question was deleted; Y copies its text",
                                     isError: true, at: F.now))
        s.message = nil
        _ = Dashboard.update(&s, .communityLoaded(F.community()))
        #expect(s.message == nil)
        #expect(s.press("Y") == [.copy("Pin the image.")])
    }

    @Test func theLedgerOverlayLoadsAndCloses() {
        var s = F.joined()
        #expect(s.press("L") == [.loadLedger])
        #expect(s.mode == .ledger)
        _ = Dashboard.update(&s, .ledgerLoaded(F.ledger))
        let text = Dashboard.render(s).text
        #expect(text.contains("answers given") && text.contains("38 min") && text.contains("71 %"))
        _ = s.press("esc")
        #expect(s.mode == .normal)
        var alone = F.loaded()
        #expect(alone.press("L", "H") == [])
        #expect(alone.mode == .normal && alone.message?.text == "No community joined (picnic community join URL)")
    }

    @Test func anotherWritersPostIsMatchedForTheSelectedTask() {
        var s = F.joined()
        #expect(Dashboard.update(&s, .storeChanged) == [.loadTasks, .loadCommunity])
        let effects = Dashboard.update(&s, .tasksLoaded(F.tasks))
        #expect(effects.contains(.match(F.ci, generation: s.matchGeneration)))
        // The old list stays while the new one is on its way.
        #expect(s.help.matches == F.strongMatches && s.help.status == .loading)
    }
}

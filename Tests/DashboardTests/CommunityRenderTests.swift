import Foundation
import Testing
import PicnicCore
import TermUI
@testable import Dashboard

/// Golden snapshots of the loop's screens at 80×24 and 120×40.
@Suite struct CommunityRenderTests {
    typealias F = Fixtures

    @Test(arguments: [(80, 24), (120, 40)])
    func askPreview(width: Int, height: Int) {
        var s = F.joined(width: width, height: height)
        _ = s.press("p")
        _ = s.press("tab", "tab", "tab")
        _ = s.type("Jobs hang after the cache step, about one run in five.")
        let weak = F.match(F.post(50, "Cache keys for monorepos", votes: 2), confidence: 0.41, strong: false,
                           reason: "“cache” in body", answers: 1)
        _ = Dashboard.update(&s, .draftMatchesLoaded(generation: s.draftGeneration, matches: [F.strongMatches[0], weak]))
        let buffer = Dashboard.render(s)
        let text = buffer.text
        #expect(text.contains("Sent only with Ctrl-d."))
        #expect(text.contains("Weak guesses, probably not answers:"))
        #expect(buffer.cursor != nil)
        Snapshot.assert(buffer, named: "ask-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func helpPaneWithANewAnswer(width: Int, height: Int) {
        let s = F.joined(width: width, height: height, answers: 1)
        let text = Dashboard.render(s).text
        #expect(text.contains("◆"))
        #expect(text.contains("1 new answer"))
        Snapshot.assert(Dashboard.render(s), named: "community-new-answer-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func couldHelp(width: Int, height: Int) {
        var s = F.joined(width: width, height: height)
        _ = s.press("H", "j")
        Snapshot.assert(Dashboard.render(s), named: "could-help-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func answering(width: Int, height: Int) {
        var s = F.joined(width: width, height: height)
        _ = s.press("H", "enter")
        _ = Dashboard.update(&s, .threadLoaded(root: F.othersQuestions[0].post, replies: []))
        _ = s.press("r")
        _ = s.type("Renew them with the Thursday job:")
        _ = s.press("enter")
        _ = s.type("it runs certbot two days early.")
        let buffer = Dashboard.render(s)
        #expect(buffer.text.contains("Your answer (sent with Ctrl-d, not before)"))
        #expect(buffer.cursor != nil)
        Snapshot.assert(buffer, named: "answer-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func ledger(width: Int, height: Int) {
        var s = F.joined(width: width, height: height)
        _ = s.press("L")
        _ = Dashboard.update(&s, .ledgerLoaded(F.ledger))
        Snapshot.assert(Dashboard.render(s), named: "ledger-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func whatHelpedAndOffline(width: Int, height: Int) {
        var s = F.joined(width: width, height: height, answers: 1)
        _ = Dashboard.update(&s, .communityLoaded({ var c = F.community(answers: 1, online: false, toSend: 3); c.position = 100; return c }()))
        _ = s.press("l", "j", "enter", "esc", "h", "d")
        let text = Dashboard.render(s).text
        #expect(text.contains("What helped?") && text.contains("offline"))
        Snapshot.assert(Dashboard.render(s), named: "what-helped-\(width)x\(height)")
    }

    @Test func hostileTextInCommunityScreensIsNeutralised() {
        var s = F.joined(width: 120, height: 40)
        let evil = "\u{1b}]52;c;ZXZpbA==\u{07}\u{202e}gnp.exe\u{1b}[2J"
        var c = F.community()
        c.questions[0].post.title = evil
        _ = Dashboard.update(&s, .communityLoaded(c))
        _ = Dashboard.update(&s, .couldHelpLoaded(generation: s.couldHelp.generation,
                                                  matches: [F.match(F.post(60, evil), confidence: 0.9, strong: true, reason: evil, answers: 0)]))
        for keys in [[String](), ["H"], ["H", "enter"], ["esc", "esc", "p"]] {
            for k in keys { _ = s.press(k) }
            for line in Dashboard.render(s).lines {
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
            }
        }
    }
}

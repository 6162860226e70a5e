import Foundation
import Testing
import TestSupport
import PicnicCore
import TermUI
@testable import Dashboard

@Suite struct RenderTests {
    typealias F = Fixtures

    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: [(80, 24), (120, 40)])
    func queueWithStrongHelp(width: Int, height: Int) {
        let s = F.loaded(width: width, height: height)
        Snapshot.assert(Dashboard.render(s), named: "normal-strong-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func noStrongMatchSaysSoAndOffersToAsk(width: Int, height: Int) {
        var s = F.loaded(width: width, height: height, matches: F.weakMatches)
        _ = s.press("tab")
        let buffer = Dashboard.render(s)
        #expect(buffer.text.contains("No strong match."))
        #expect(buffer.text.contains("Press p to ask the community."))
        Snapshot.assert(buffer, named: "normal-weak-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func reader(width: Int, height: Int) {
        var s = F.loaded(width: width, height: height)
        _ = s.press("enter")
        _ = Dashboard.update(&s, .threadLoaded(root: F.thread.root, replies: F.thread.replies))
        Snapshot.assert(Dashboard.render(s), named: "reader-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func keysOverlay(width: Int, height: Int) {
        var s = F.loaded(width: width, height: height)
        _ = s.press("?")
        Snapshot.assert(Dashboard.render(s), named: "keys-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func addPromptWithPreviewAndAlreadyAnswered(width: Int, height: Int) {
        var s = F.loaded(width: width, height: height)
        _ = s.press("a")
        _ = s.type("Pin arm64 runner +ci pri:H")
        _ = Dashboard.update(&s, .draftMatchesLoaded(generation: s.draftGeneration, matches: F.strongMatches))
        let buffer = Dashboard.render(s)
        #expect(buffer.cursor != nil)
        Snapshot.assert(buffer, named: "add-\(width)x\(height)")
    }

    @Test func filterAndDeleteConfirmation() {
        var s = F.loaded()
        _ = s.press("/")
        _ = s.type("re")
        Snapshot.assert(Dashboard.render(s), named: "filter-80x24")
        _ = s.press("enter", "x")
        Snapshot.assert(Dashboard.render(s), named: "confirm-delete-80x24")
    }

    @Test func emptyQueueAndLoading() {
        var s = F.state()
        #expect(Dashboard.render(s).text.contains("Loading…"))
        _ = Dashboard.update(&s, .tasksLoaded([]))
        let text = Dashboard.render(s).text
        #expect(text.contains("Nothing in the queue."))
        #expect(text.contains("Press a to add a task."))
    }

    @Test func statusBarHintsComeFromTheKeymap() throws {
        let keymap = try Keymap.parse(configText: "[keys.normal]\n\"ctrl-a\" = \"add\"\na = \"none\"\n", file: "c.toml")
        var s = AppState(keymap: keymap, width: 100, height: 24, now: F.now, calendar: F.calendar)
        _ = Dashboard.update(&s, .tasksLoaded(F.tasks))
        let status = Dashboard.render(s).lines.last!
        #expect(status.hasPrefix(" Ctrl-a add  d done"))
        #expect(status.contains("? keys"))
        #expect(status.hasSuffix("1 due today · 1 overdue · 0 helps "))
    }

    @Test func tooSmallShowsANotice() {
        let s = F.loaded(width: 25, height: 6)
        let text = Dashboard.render(s).text
        #expect(text.contains("Terminal too small"))
        #expect(text.contains("25×6, needs 30×8"))
    }

    @Test func resizeSweepNeverCrashesAndFillsExactlyTheScreen() {
        var base = F.loaded()
        _ = Dashboard.update(&base, .strongHelpLoaded([F.ci.uuid]))
        var reader = base
        _ = reader.press("enter")
        _ = Dashboard.update(&reader, .threadLoaded(root: F.thread.root, replies: F.thread.replies))
        var overlay = base; _ = overlay.press("?")
        var add = base; _ = add.press("a"); _ = add.type("x y z")
        var confirm = base; _ = confirm.press("x")
        let widths = [0, 1, 19, 20, 29, 30, 31, 45, 63, 64, 80, 121, 200, 400]
        let heights = [0, 1, 5, 6, 7, 8, 9, 13, 14, 24, 40, 120]
        for state in [base, reader, overlay, add, confirm] {
            for w in widths {
                for h in heights {
                    var s = state
                    _ = Dashboard.update(&s, .resize(width: w, height: h))
                    _ = s.press("j")
                    let b = Dashboard.render(s)
                    #expect(b.width == w && b.height == h)
                    if let c = b.cursor { #expect(c.x >= 0 && c.x < w && c.y >= 0 && c.y < h) }
                }
            }
        }
    }

    @Test func theHostileCorpusCannotDriveTheTerminal() {
        let tasks = HostileText.corpus.enumerated().map { i, t in
            WorkTask(uuid: F.uuid(500 + i), number: i + 1, title: t, project: "p\u{202E}\(i)", tags: ["t\u{1B}[1m"], created: F.now)
        }
        let posts = HostileText.corpus.enumerated().map { i, t in F.match(F.post(Int64(600 + i), t, body: t), confidence: 0.9, strong: true, reason: t, answers: 1) }
        var s = F.state(width: 100, height: 30)
        _ = Dashboard.update(&s, .tasksLoaded(tasks))
        _ = Dashboard.update(&s, .matchesLoaded(task: s.selected!, generation: s.matchGeneration, matches: posts))
        var frames = [Dashboard.render(s)]
        _ = s.press("tab"); frames.append(Dashboard.render(s))
        _ = s.press("enter")
        _ = Dashboard.update(&s, .threadLoaded(root: posts[0].post, replies: posts.map(\.post)))
        frames.append(Dashboard.render(s))
        for b in frames {
            for cell in b.cells { for v in cell.text.unicodeScalars.map(\.value) { #expect(!HostileText.isForbidden(v), "U+\(String(v, radix: 16))") } }
            for p in HostileText.payloads { #expect(!b.text.contains(p), "\(p)") }
        }
    }

    @Test func untrustedTextCannotDriveTheTerminal() {
        let evil = "Pwn\u{1B}]52;c;ZWNobyBoaQ==\u{07}ed\u{1B}]2;title\u{07} \u{202E}gnp.exe\u{9B}31m red \u{1B}[2J"
        var task = F.ci
        task.title = evil
        task.tags = ["x\u{1B}[31m"]
        var post = F.post(10, evil, body: evil + "\n\u{0}\u{7F}" + String(repeating: "long ", count: 200))
        post.author = evil
        let match = F.match(post, confidence: 0.9, strong: true, reason: evil, answers: 1)
        var s = F.state(width: 120, height: 40)
        _ = Dashboard.update(&s, .tasksLoaded([task]))
        _ = Dashboard.update(&s, .matchesLoaded(task: task.uuid, generation: s.matchGeneration, matches: [match]))
        var frames = [Dashboard.render(s)]
        _ = s.press("enter")
        _ = Dashboard.update(&s, .threadLoaded(root: post, replies: [post]))
        frames.append(Dashboard.render(s))
        for b in frames {
            for cell in b.cells {
                for v in cell.text.unicodeScalars.map(\.value) {
                    #expect(v >= 0x20 && !(0x7F..<0xA0).contains(v) && !(0x202A...0x202E).contains(v), "U+\(String(v, radix: 16))")
                }
            }
            #expect(!b.text.contains("ZWNobyBoaQ"))
            #expect(!b.text.contains("52;"))
            #expect(b.text.contains("Pwned"))
        }
    }
}

@Suite struct HighlightTests {
    @Test func matchedWordsAreMarkedAtWordStartsOnly() {
        let line = Highlight.words(["arm64", "run"], in: StyledLine("Pin the ARM64 runner; rerun", .normal))
        #expect(line.plainText == "Pin the ARM64 runner; rerun")
        let marked = line.spans.filter { $0.style.role == .match }.map(\.text)
        #expect(marked == ["ARM64", "run"])
    }
}

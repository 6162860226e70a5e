import Foundation
import Testing
import PicnicCore
import TermUI
@testable import Dashboard

/// Key scripts through update and render for each community mode, with an in-memory community
/// standing in for the store and the sync engine (what the runner would answer).
@Suite struct CommunityScenarioTests {
    typealias F = Fixtures

    /// A tiny community: questions, answers, the outbox; answers effects like the runner.
    struct Community {
        var tasks = F.tasks
        var posts: [Int64: Post] = [:]
        var links: [Int64: UUID] = [:]     // question → task
        var seen: Set<Int64> = []
        var accepted: [Int64: Int64] = [:]
        var helped: [Int64] = []
        var position: Int64 = 1
        var nextID: Int64 = 100
        var log: [Effect] = []

        func answers(_ q: Int64) -> [Post] {
            posts.values.filter { $0.parent == q }.map { p in var p = p; p.accepted = accepted[q] == p.id; return p }
                .sorted { $0.id < $1.id }
        }

        var snapshot: CommunitySnapshot {
            let mine = posts.values.filter { $0.author == F.me && $0.kind == .question }
            let questions = mine.compactMap { q -> TaskQuestion? in
                guard let task = links[q.id] else { return nil }
                let others = answers(q.id).filter { $0.author != F.me }
                return TaskQuestion(task: task, post: q, answers: others.count, unseen: others.filter { !seen.contains($0.id) }.count,
                                    accepted: accepted[q.id] != nil, bestAnswer: accepted[q.id] ?? others.last?.id)
            }
            let new = mine.flatMap { q in
                answers(q.id).filter { $0.author != F.me && !seen.contains($0.id) }
                    .map { NewAnswer(answer: $0.id, question: q.id, task: links[q.id], author: $0.author, created: $0.created) }
            }
            return CommunitySnapshot(joined: true, name: "team", user: F.me, spaces: ["general", "ops"], position: position,
                                     mine: Set(mine.map(\.id)), questions: questions, newAnswers: new)
        }

        /// Someone else writes (what a pull brings in).
        mutating func arrives(_ post: Post) {
            var p = post
            p.id = nextID; nextID += 1
            posts[p.id] = p
            position += 1
        }

        mutating func run(_ effects: [Effect], _ state: inout AppState) {
            var queue = effects
            while !queue.isEmpty {
                let effect = queue.removeFirst()
                log.append(effect)
                var events: [Event] = []
                switch effect {
                case .loadTasks: events = [.tasksLoaded(tasks)]
                case .loadQueueHead(let limit, let end):
                    events = [Dashboard.queueHead(of: tasks, limit: limit, dueBefore: end, now: state.now)]
                case .match(let task, let g): events = [.matchesLoaded(task: task.uuid, generation: g, matches: matches(for: task))]
                case .matchDraft(_, let g): events = [.draftMatchesLoaded(generation: g, matches: [])]
                case .scanHelp: events = [.strongHelpLoaded([])]
                case .loadCommunity: events = [.communityLoaded(snapshot)]
                case .loadCouldHelp(let g):
                    let open = posts.values.filter { $0.kind == .question && $0.author != F.me }.sorted { $0.id < $1.id }
                    events = [.couldHelpLoaded(generation: g, matches: open.map {
                        F.match($0, confidence: 0.8, strong: true, reason: "tag ci", answers: answers($0.id).count)
                    })]
                case .loadThread(let id):
                    if let root = posts[id] { events = [.threadLoaded(root: root, replies: answers(id))] }
                case .ask(let d):
                    let q = Post(id: nextID, kind: .question, title: d.title, body: d.body, tags: d.tags, author: F.me,
                                 space: d.space, created: state.now)
                    nextID += 1
                    posts[q.id] = q
                    links[q.id] = d.task
                    events = [.effectSucceeded(effect, message: "Asked", task: d.task)]
                case .answer(let q, let body):
                    posts[nextID] = Post(id: nextID, kind: .answer, title: "", body: body, author: F.me, space: "ops",
                                         created: state.now, parent: q)
                    nextID += 1
                    events = [.effectSucceeded(effect, message: "Answered", task: nil)]
                case .accept(let q, let a):
                    accepted[q] = a
                    events = [.effectSucceeded(effect, message: "Accepted", task: nil)]
                case .markSeen(let q):
                    for a in answers(q) { seen.insert(a.id) }
                    events = [.effectSucceeded(effect, message: nil, task: nil)]
                case .markHelped(let post, _):
                    helped.append(post)
                    events = [.effectSucceeded(effect, message: "Marked helpful", task: nil)]
                case .markDone(let id):
                    tasks.removeAll { $0.uuid == id }
                    events = [.effectSucceeded(effect, message: "Done", task: id)]
                case .loadLedger:
                    events = [.ledgerLoaded(F.ledger)]
                default: break
                }
                for e in events { queue += Dashboard.update(&state, e) }
            }
        }

        func matches(for task: WorkTask) -> [ThreadMatch] {
            // Every question matches (own ones too): the dashboard must leave its own out.
            posts.values.filter { $0.kind == .question }.sorted { $0.id < $1.id }.map {
                F.match($0, confidence: 0.9, strong: true, reason: "title", answers: answers($0.id).count)
            }
        }

        mutating func keys(_ names: [String], _ state: inout AppState) {
            for name in names {
                let key = Key(name: name) ?? .char(Character(name))
                run(Dashboard.update(&state, .key(key)), &state)
            }
        }

        mutating func type(_ text: String, _ state: inout AppState) {
            for c in text { run(Dashboard.update(&state, .key(.char(c))), &state) }
        }

        /// What the data_version poll does when another writer committed.
        mutating func storeChanged(_ state: inout AppState) { run(Dashboard.update(&state, .storeChanged), &state) }
    }

    @Test func askFromATaskAnAnswerArrivesAcceptItAndSayWhatHelped() {
        var s = F.state(width: 120, height: 40)
        var c = Community()
        c.run(Dashboard.start(&s) + Dashboard.firstFrameDrawn(&s), &s)
        #expect(s.selected == F.ci.uuid && s.community.joined)
        c.keys(["p"], &s)
        #expect(Dashboard.render(s).text.contains("Sent only with Ctrl-d."))
        c.keys(["ctrl-d"], &s)
        let question = c.posts.values.first { $0.author == F.me }!
        #expect(question.title == F.ci.title && c.links[question.id] == F.ci.uuid)
        var text = Dashboard.render(s).text
        #expect(text.contains("your question · asked just now · 0 answers"))
        #expect(!s.strongHelp.contains(F.ci.uuid))       // it is not help for its own task
        // Sam answers; the pull lands; the store poll notices.
        c.arrives(Post(kind: .answer, title: "", body: "Pin the image digest.", author: "sam", space: "ops",
                       created: s.now, parent: question.id))
        c.storeChanged(&s)
        text = Dashboard.render(s).text
        #expect(text.contains("1 new answer") && text.contains("◆"))
        c.keys(["w"], &s)
        #expect(s.mode == .reader && Dashboard.render(s).text.contains("Pin the image digest."))
        #expect(!Dashboard.render(s).text.contains("1 new answer"))
        c.keys(["a"], &s)
        #expect(c.accepted[question.id] != nil)
        #expect(Dashboard.render(s).text.contains("✓ Accepted answer"))
        c.keys(["esc", "d"], &s)
        #expect(s.mode == .whatHelped)
        c.keys(["1"], &s)
        #expect(c.helped == [c.accepted[question.id]!])
        #expect(s.mode == .normal)
    }

    @Test func seeAQuestionYouCouldAnswerAnswerItAndGoBack() {
        var s = F.state(width: 80, height: 24)
        var c = Community()
        c.arrives(Post(kind: .question, title: "Runner images drift", body: "Which digest?", author: "lee", space: "ops", created: F.now))
        c.run(Dashboard.start(&s) + Dashboard.firstFrameDrawn(&s), &s)
        #expect(Dashboard.render(s).text.contains("1 you could answer") || Dashboard.render(s).text.contains("1 to answer"))
        c.keys(["l", "H"], &s)
        #expect(s.mode == .couldHelp && Dashboard.render(s).text.contains("Runner images drift"))
        // Live: a new question shows without a key.
        c.arrives(Post(kind: .question, title: "Flaky arm64 cache", author: "kim", space: "ops", created: F.now))
        c.storeChanged(&s)
        #expect(Dashboard.render(s).text.contains("Flaky arm64 cache"))
        c.keys(["enter", "r"], &s)
        #expect(s.mode == .answer)
        c.type("Use the pinned digest", &s)
        c.keys(["enter"], &s)
        c.type("from the ops wiki.", &s)
        c.keys(["ctrl-d"], &s)
        let answer = c.posts.values.first { $0.author == F.me && $0.kind == .answer }
        #expect(answer?.body == "Use the pinned digest\nfrom the ops wiki." && answer?.parent == 100)
        #expect(s.mode == .reader && Dashboard.render(s).text.contains("from the ops wiki."))
        c.keys(["esc", "esc"], &s)
        #expect(s.mode == .normal)
    }

    @Test func theLedgerOverlayAndCancellingTheAskPreview() {
        var s = F.state()
        var c = Community()
        c.run(Dashboard.start(&s) + Dashboard.firstFrameDrawn(&s), &s)
        c.keys(["L"], &s)
        #expect(Dashboard.render(s).text.contains("people helped"))
        c.keys(["q", "p"], &s)
        c.type(" now", &s)
        c.keys(["esc"], &s)
        #expect(c.posts.isEmpty && s.mode == .normal)
        #expect(!c.log.contains { if case .ask = $0 { true } else { false } })
    }
}

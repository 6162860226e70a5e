import ArgumentParser
import Dashboard
import Foundation
import PicnicCore
import TermUI

/// Per-key cost of the dashboard's pure core: `Dashboard.update` + `Dashboard.render` on a large
/// queue, for a scripted session of movement, filtering, prompts, the reader and the overlay.
struct DashboardKeysBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard-keys",
        abstract: "Per-key update + render time (p50/p99/max) on N tasks, no terminal.")

    @Option(help: "Open tasks in the queue.") var tasks = 10_000
    @Option(help: "Terminal width.") var width = 120
    @Option(help: "Terminal height.") var height = 40
    @Option(help: "Times the key script is repeated.") var rounds = 20

    func run() throws {
        var rng = SplitMix(seed: 42)
        let now = Date()
        let words = ["fix", "flaky", "ci", "arm64", "review", "budget", "deploy", "certs", "rotate", "docs",
                     "migrate", "database", "payments", "api", "latency", "cache", "tests", "release", "notes", "plan"]
        let statuses: [TaskStatus] = [.pending, .pending, .pending, .active, .waiting]
        let priorities: [Priority?] = [nil, .L, .M, .H]
        var all: [WorkTask] = []
        for i in 0..<tasks {
            let count = 3 + Int(rng.next() % 5)
            var titleWords: [String] = []
            for _ in 0..<count { titleWords.append(words[Int(rng.next() % UInt64(words.count))]) }
            var due: Date?
            if rng.next() % 3 == 0 { due = now.addingTimeInterval(Double(Int(rng.next() % 40) - 10) * 86400) }
            let status = statuses[Int(rng.next() % 5)]
            let project: String? = rng.next() % 2 == 0 ? "infra" : nil
            let tag = words[Int(rng.next() % 20)]
            let priority = priorities[Int(rng.next() % 4)]
            let created = now.addingTimeInterval(-Double(rng.next() % 10_000_000))
            all.append(WorkTask(number: i + 1, title: titleWords.joined(separator: " "), project: project, tags: [tag],
                                priority: priority, due: due, status: status, created: created))
        }
        var matches: [ThreadMatch] = []
        for i in 0..<10 {
            let title = "Thread \(i) about " + words[i] + " and " + words[i + 5]
            let post = Post(id: Int64(i + 1), title: title, body: String(repeating: "Body text with details. ", count: 40),
                            space: "ops", created: now.addingTimeInterval(-86400 * Double(i)), votes: i)
            let confidence = 1 - Double(i) / 10
            matches.append(ThreadMatch(post: post, answers: i % 3, accepted: i % 2 == 0, score: 10 - Double(i),
                                       confidence: confidence, strong: i < 2, reason: "“" + words[i] + "” in title",
                                       matched: [TermMatch(word: words[i], fields: [.title])]))
        }
        let replies: [Post] = (0..<8).map { i in
            Post(id: 100 + Int64(i), kind: .answer, title: "", body: String(repeating: "An answer line with words. ", count: 30),
                 created: now, votes: i, accepted: i == 0, parent: 1)
        }

        var state = AppState(width: width, height: height, now: now)
        let loadStart = DispatchTime.now().uptimeNanoseconds
        var pending = Dashboard.start(&state)
        pending = answer(pending, &state, all, matches, replies)
        pending = answer(Dashboard.firstFrameDrawn(&state), &state, all, matches, replies)
        _ = Dashboard.render(state)
        let loadMs = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e6

        let script: [Key] = Array(repeating: .char("j"), count: 30) + [.ctrl("d"), .ctrl("d"), .ctrl("u"), .char("G"), .char("g")]
            + [.char("/")] + "fix ci".map { .char($0) } + [.enter, .escape]
            + [.tab, .char("j"), .char("j"), .enter, .char("j"), .char("G"), .escape, .tab]
            + [.char("a")] + "Deploy api +ops due:fri".map { .char($0) } + [.escape]
            + [.char("?"), .char("j"), .escape, .char("n"), .char("N")]
        var samples: [Double] = []
        var cpu: [Double] = []
        var byMode: [String: [Double]] = [:]
        for _ in 0..<rounds {
            for key in script {
                let mode = state.mode.rawValue
                let c0 = DashboardBench.threadCPUNanoseconds()
                let t0 = DispatchTime.now().uptimeNanoseconds
                let effects = Dashboard.update(&state, .key(key))
                let frame = Dashboard.render(state)
                let t1 = DispatchTime.now().uptimeNanoseconds
                let c1 = DashboardBench.threadCPUNanoseconds()
                precondition(frame.width == width)
                samples.append(Double(t1 - t0) / 1e6)
                cpu.append(Double(c1 - c0) / 1e6)
                byMode["\(mode) \(key.name)", default: []].append(Double(c1 - c0) / 1e6)
                _ = answer(effects, &state, all, matches, replies)
            }
        }
        samples.sort()
        cpu.sort()
        func pct(_ p: Double, _ v: [Double] = samples) -> Double { v[min(v.count - 1, Int(Double(v.count) * p))] }
        print("dashboard-keys: \(tasks) tasks, \(width)x\(height), \(samples.count) keys")
        print(String(format: "  load + sort + first render: %.2f ms", loadMs))
        print(String(format: "  per key update+render: p50 %.3f ms  p99 %.3f ms  max %.3f ms", pct(0.5), pct(0.99), samples.last ?? 0))
        print(String(format: "  per key, thread CPU:   p50 %.3f ms  p99 %.3f ms  max %.3f ms", pct(0.5, cpu), pct(0.99, cpu), cpu.last ?? 0))
        let slowest = byMode.map { ($0.key, $0.value.reduce(0, +) / Double($0.value.count)) }.sorted { $0.1 > $1.1 }.prefix(5)
        print("  slowest keys by CPU (mode key: mean ms): " + slowest.map { String(format: "%@ %.2f", $0.0, $0.1) }.joined(separator: ", "))
    }

    /// Answers effects the way the runner would, with canned data (not timed per key).
    private func answer(_ effects: [Effect], _ state: inout AppState, _ all: [WorkTask], _ matches: [ThreadMatch], _ replies: [Post]) -> [Effect] {
        var queue = effects
        while !queue.isEmpty {
            let e = queue.removeFirst()
            switch e {
            case .loadTasks: queue += Dashboard.update(&state, .tasksLoaded(all))
            case .loadQueueHead(let limit, let end):
                queue += Dashboard.update(&state, Dashboard.queueHead(of: all, limit: limit, dueBefore: end, now: state.now))
            case .match(let t, let g): queue += Dashboard.update(&state, .matchesLoaded(task: t.uuid, generation: g, matches: matches))
            case .matchDraft(_, let g): queue += Dashboard.update(&state, .draftMatchesLoaded(generation: g, matches: matches))
            case .scanHelp(let ts): queue += Dashboard.update(&state, .strongHelpLoaded(Set(ts.prefix(50).map(\.uuid))))
            case .loadThread(let id):
                var root = matches[0].post; root.id = id
                queue += Dashboard.update(&state, .threadLoaded(root: root, replies: replies))
            default: break
            }
        }
        return []
    }
}


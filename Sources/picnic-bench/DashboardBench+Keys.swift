import Dashboard
import Foundation
import PicnicCore
import PicnicStore
import TermUI
#if canImport(Glibc)
import Glibc
#endif

extension DashboardBench {
    /// The key script: moving, paging, jumping, filtering, the help pane, the overlay, the add
    /// prompt with its live preview — what a person does in a minute, over and over.
    static var keyScript: [Key] {
        var keys: [Key] = []
        keys += Array(repeating: .char("j"), count: 150) + Array(repeating: .char("k"), count: 40)
        keys += Array(repeating: .ctrl("d"), count: 20) + Array(repeating: .ctrl("u"), count: 10)
        keys += [.char("G"), .char("k"), .char("k"), .char("g")]
        keys += [.char("/")] + "build cache".map { .char($0) } + [.enter]
        keys += Array(repeating: .char("j"), count: 20)
        keys += [.char("/")] + Array(repeating: .backspace, count: 11) + [.enter]
        keys += [.tab, .char("j"), .char("j"), .char("k"), .tab]
        keys += [.char("?"), .char("j"), .char("j"), .escape]
        keys += [.char("a")] + "Fix flaky build cache on arm64 due:fri +ci pri:H".map { .char($0) } + [.escape]
        keys += Array(repeating: .down, count: 60) + Array(repeating: .up, count: 30)
        return keys
    }

    /// Times `Dashboard.update` + `Dashboard.render` per key over the loaded state, in ms.
    /// Match answers are applied between keys (untimed), as the runner would deliver them.
    static func keyTimes(db: AppDatabase, tasks: [WorkTask], width: Int, height: Int, rounds: Int) throws -> (wall: [Double], cpu: [Double], slowest: [(key: String, ms: Double)]) {
        var state = AppState(keymap: .defaults, width: width, height: height, now: Date())
        var cache: [UUID: [ThreadMatch]] = [:]
        func answer(_ effects: [Effect]) throws {
            for effect in effects {
                if case .match(let task, let generation) = effect {
                    let matches = try cache[task.uuid] ?? db.match(task: task, options: MatchOptions(recordCache: false))
                    cache[task.uuid] = matches
                    _ = Dashboard.update(&state, .matchesLoaded(task: task.uuid, generation: generation, matches: matches))
                }
            }
        }
        _ = Dashboard.start(&state)
        try answer(Dashboard.update(&state, .tasksLoaded(tasks)))
        _ = Dashboard.render(state)
        var times: [Double] = []
        var cpu: [Double] = []
        var byKey: [String: [Double]] = [:]
        let script = keyScript
        times.reserveCapacity(script.count * rounds)
        for _ in 0..<rounds {
            for key in script {
                let mode = state.mode.rawValue
                let c0 = threadCPUNanoseconds()
                let t0 = DispatchTime.now().uptimeNanoseconds
                let effects = Dashboard.update(&state, .key(key))
                let frame = Dashboard.render(state)
                let t1 = DispatchTime.now().uptimeNanoseconds
                let c1 = threadCPUNanoseconds()
                precondition(frame.width == width)
                times.append(Double(t1 - t0) / 1e6)
                cpu.append(Double(c1 - c0) / 1e6)
                byKey["\(mode) \(key.name)", default: []].append(Double(c1 - c0) / 1e6)
                try answer(effects)
            }
        }
        let slowest = byKey.map { ($0.key, $0.value.max() ?? 0) }.sorted { $0.1 > $1.1 }.prefix(5)
        return (times, cpu, Array(slowest))
    }

    /// CPU time of the calling thread: per-key figures that a busy machine does not inflate.
    static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
    }
}

import TermUI
import Foundation
import PicnicCore

/// The queue rules the dashboard leans on (urgency order, live filter, quick-add preview).
/// Interim versions until the queue engineer's PicnicCore API lands.
enum Domain {
    static func sorted(_ tasks: [WorkTask], now: Date) -> [WorkTask] {
        tasks.filter { $0.status.isOpen }.sorted { a, b in
            let ua = score(a, now), ub = score(b, now)
            return ua != ub ? ua > ub : a.created < b.created
        }
    }

    static func score(_ t: WorkTask, _ now: Date) -> Double {
        var s = 0.0
        if t.status == .active { s += 4 }
        if t.status == .waiting { s -= 3 }
        s += Double(t.priority?.rank ?? 0) * 2
        if let due = t.due { s += max(0, 12 - due.timeIntervalSince(now) / 86400) }
        return s
    }

    /// Nil when the filter text is malformed (then the message says why).
    static func filter(_ text: String, now: Date, calendar: Calendar) -> Result<(WorkTask) -> Bool, PicnicError> {
        let words = text.split(separator: " ").map { $0.lowercased() }
        return .success { task in
            let hay = ([task.title, task.project ?? ""] + task.tags.map { "+" + $0 }).joined(separator: " ").lowercased()
            return words.allSatisfy { hay.contains($0) }
        }
    }

    /// A one-line reading of a quick-add line, or the reason it does not parse.
    static func preview(_ text: String, now: Date, calendar: Calendar) -> Result<WorkTask, PicnicError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .failure(.usage("type a title")) }
        return .success(WorkTask(title: t, created: now))
    }
}

import Foundation
import PicnicCore

extension TodoTxtFormat {
    /// The tasks as todo.txt lines (deleted tasks are left out), one per line.
    public static func export(_ tasks: [WorkTask], timeZone: TimeZone = .current) -> String {
        var occurrences: [String: Int] = [:]
        var out = ""
        for task in tasks where task.status != .deleted {
            let key = derivationKey(task)
            let n = occurrences[key, default: 0]
            occurrences[key] = n + 1
            let derived = ContentHash.uuid(n == 0 ? key : key + "#\(n)")
            out += line(for: task, writeUUID: derived != task.uuid, timeZone: timeZone) + "\n"
        }
        return out
    }

    /// One task as a todo.txt line.
    /// `due:` and `t:` name the local day (`timeZone`) the dates fall in, as they were read.
    public static func line(for task: WorkTask, writeUUID: Bool = true, timeZone: TimeZone = .current) -> String {
        var parts: [String] = []
        let letter = priorityLetter(task)
        if task.status == .done {
            parts.append("x")
            if let c = task.completed { parts.append(Timestamps.dayString(c)) }
            parts.append(Timestamps.dayString(task.created))
        } else {
            if let letter { parts.append("(\(letter))") }
            parts.append(Timestamps.dayString(task.created))
        }
        parts.append(word(task.title, keepSpaces: true))
        if let p = task.project, !p.isEmpty { parts.append("+" + word(p)) }
        if case .array(let more)? = task.extra["projects"] {
            parts += more.compactMap(\.stringValue).map { "+" + word($0) }
        }
        parts += task.tags.map { "@" + word($0) }
        if let d = task.due { parts.append("due:" + Timestamps.localDayString(d, timeZone)) }
        if let w = task.wait { parts.append("t:" + Timestamps.localDayString(w, timeZone)) }
        if task.status == .done, let letter { parts.append("pri:" + letter) }
        for (k, v) in task.extra.sorted(by: { $0.key < $1.key }) where !["projects", "pri", "uuid"].contains(k) {
            guard let s = v.stringValue, keyValue(k + ":" + s) != nil, !s.contains(" ") else { continue }
            parts.append(k + ":" + s)
        }
        if writeUUID { parts.append("uuid:" + task.uuid.uuidString.lowercased()) }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func priorityLetter(_ task: WorkTask) -> String? {
        switch task.priority {
        case .H?: return "A"
        case .M?: return "B"
        case .L?:
            if let l = task.extra["pri"]?.stringValue, l.count == 1, l >= "C", l <= "Z" { return l }
            return "C"
        case nil: return nil
        }
    }

    /// Text made safe for one todo.txt word (or, for the title, one line).
    static func word(_ s: String, keepSpaces: Bool = false) -> String {
        let line = SafeText.line(s)
        return keepSpaces ? line : line.replacingOccurrences(of: " ", with: "-")
    }
}

import Foundation
import PicnicCore

extension TaskwarriorFormat {
    /// `task export` style output: a JSON array with one task object per line, keys sorted,
    /// which `task import` (2.6) accepts.
    public static func export(_ tasks: [WorkTask]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = tasks.map { task -> String in
            let data = (try? encoder.encode(JSONValue.object(object(for: task)))) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }
        return "[\n" + lines.joined(separator: ",\n") + (lines.isEmpty ? "" : "\n") + "]\n"
    }

    /// One task as a Taskwarrior JSON object.
    public static func object(for task: WorkTask) -> [String: JSONValue] {
        var o = task.extra
        for k in known { o.removeValue(forKey: k) }
        if let p = task.extra["priority"], task.priority == nil { o["priority"] = p }
        func ts(_ d: Date) -> JSONValue { .string(Timestamps.taskwarriorString(d)) }
        o["uuid"] = .string(task.uuid.uuidString.lowercased())
        o["description"] = .string(task.title)
        o["entry"] = ts(task.created)
        o["modified"] = ts(task.modified)
        let status: String
        switch task.status {
        case .pending, .active: status = task.extra["mask"] != nil ? "recurring" : "pending"
        case .waiting: status = task.wait == nil ? "pending" : "waiting"
        case .done: status = "completed"
        case .deleted: status = "deleted"
        }
        o["status"] = .string(status)
        if status == "completed" || status == "deleted" { o["end"] = ts(task.completed ?? task.modified) }
        if let s = task.started, task.status.isOpen || task.status == .done { o["start"] = ts(s) }
        if let d = task.due { o["due"] = ts(d) }
        if let w = task.wait { o["wait"] = ts(w) }
        if let p = task.project, !p.isEmpty { o["project"] = .string(p) }
        if let p = task.priority { o["priority"] = .string(p.rawValue) }
        if !task.tags.isEmpty { o["tags"] = .array(task.tags.map { .string($0) }) }
        if !task.notes.isEmpty { o["notes"] = .string(task.notes) }
        if !task.annotations.isEmpty {
            o["annotations"] = .array(task.annotations.map {
                .object(["entry": ts($0.entry), "description": .string($0.text)])
            })
        }
        if !task.depends.isEmpty { o["depends"] = .array(task.depends.map { .string($0.uuidString.lowercased()) }) }
        return o
    }
}

import Foundation
import PicnicCore

extension TaskwarriorFormat {
    /// `task export` style output: a JSON array with one task object per line, keys sorted,
    /// which `task import` (2.6) accepts. Recurring templates come first (`status: recurring`
    /// while the series runs), then the tasks; instances name their template as `parent` with
    /// their occurrence as `imask`, so Taskwarrior continues the same series without duplicates.
    public static func export(_ tasks: [WorkTask], series: [TaskSeries] = []) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var byID: [UUID: TaskSeries] = [:]
        for s in series { byID[s.uuid] = s }
        let objects = series.map { object(for: $0) } + tasks.map { object(for: $0, series: $0.series.flatMap { byID[$0] }) }
        let lines = objects.map { o -> String in
            let data = (try? encoder.encode(JSONValue.object(o))) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }
        return "[\n" + lines.joined(separator: ",\n") + (lines.isEmpty ? "" : "\n") + "]\n"
    }

    /// One task as a Taskwarrior JSON object; an instance gets its series' `recur` (and `until`).
    public static func object(for task: WorkTask, series: TaskSeries? = nil) -> [String: JSONValue] {
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
        case .pending, .active: status = "pending"
        case .waiting: status = task.wait == nil ? "pending" : "waiting"
        case .done: status = "completed"
        case .deleted: status = "deleted"
        }
        o["status"] = .string(status)
        if status == "completed" || status == "deleted" { o["end"] = ts(task.completed ?? task.modified) }
        if let s = task.started, task.status.isOpen || task.status == .done { o["start"] = ts(s) }
        if let d = task.due { o["due"] = ts(d) }
        if let w = task.wait { o["wait"] = ts(w) }
        if let s = task.scheduled { o["scheduled"] = ts(s) }
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
        if let parent = task.series {
            o["parent"] = .string(parent.uuidString.lowercased())
            if let k = task.occurrence { o["imask"] = .number(Double(k)) }
            if let series {
                o["recur"] = .string(series.recur)
                if let until = series.until { o["until"] = ts(until) } else { o.removeValue(forKey: "until") }
            }
        }
        return o
    }

    /// A series as Taskwarrior's hidden template: `recurring` while it runs, `deleted` with an
    /// end date once it stopped or ran out (Taskwarrior then makes no more instances).
    public static func object(for series: TaskSeries) -> [String: JSONValue] {
        var template = series.template
        template.series = nil
        template.occurrence = nil
        var o = object(for: template)
        o["status"] = .string(series.isRunning ? "recurring" : "deleted")
        if series.isRunning { o.removeValue(forKey: "end") } else { o["end"] = .string(Timestamps.taskwarriorString(series.template.completed ?? series.template.modified)) }
        o["recur"] = .string(series.recur)
        o["mask"] = .string(series.mask)
        if let until = series.until { o["until"] = .string(Timestamps.taskwarriorString(until)) }
        return o
    }
}

import Foundation

/// The one voice of messages about tasks, in the dashboard, the command line and undo labels:
/// `Finished 3 “Fix flaky CI”.` — a past-tense verb, the task's number (the first 8 characters
/// of its UUID when it holds none), its title in curly quotes (long ones cut inside the quotes).
public enum TaskWords {
    /// Longest title quoted, in characters.
    public static let titleLimit = 40

    /// `3 “Fix flaky CI”`; `number` overrides the task's own (a finished task gave its up).
    public static func name(_ task: WorkTask, number: Int? = nil) -> String {
        let id = (number ?? task.number).map(String.init) ?? String(task.uuid.uuidString.lowercased().prefix(8))
        return id + " " + quoted(task.title)
    }

    /// `“Fix flaky CI”`, cut to `titleLimit` characters with `…` inside the quotes.
    public static func quoted(_ title: String) -> String {
        let t = title.count > titleLimit ? String(title.prefix(titleLimit - 1)) + "…" : title
        return "“" + t + "”"
    }

    /// `finished 3 “Fix flaky CI”`, or `finished 3 tasks` for several; lower case (undo labels).
    public static func did(_ verb: String, _ tasks: [WorkTask], numbers: [UUID: Int] = [:]) -> String {
        if tasks.count == 1 { return verb + " " + name(tasks[0], number: numbers[tasks[0].uuid]) }
        return "\(verb) \(tasks.count) tasks"
    }

    /// `Finished 3 “Fix flaky CI”.`: `did` as a sentence.
    public static func said(_ verb: String, _ tasks: [WorkTask], numbers: [UUID: Int] = [:]) -> String {
        sentence(did(verb, tasks, numbers: numbers))
    }

    /// The text with a capital first letter and a full stop (unless it ends in one already).
    public static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let s = first.uppercased() + text.dropFirst()
        return s.hasSuffix(".") || s.hasSuffix("?") || s.hasSuffix("!") ? s : s + "."
    }
}

import Foundation

/// A named filter that narrows the whole queue (`picnic context define work +work or project:infra`):
/// while it is active, `list`, `status` and the dashboard show only its tasks, and new tasks get
/// what the filter asks of them (its tags, project and priority), as in Taskwarrior.
public struct QueueContext: Equatable, Sendable {
    public var name: String
    /// The filter as typed (`TaskFilter` syntax).
    public var filter: String
    public var isActive: Bool

    public init(name: String, filter: String, isActive: Bool = false) {
        self.name = name
        self.filter = filter
        self.isActive = isActive
    }

    /// Whether `name` can name a context: letters, digits, `-` and `_`, not `none` or `list`.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter, name.count <= 40 else { return false }
        guard !["none", "list", "define", "delete", "show"].contains(name.lowercased()) else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// The filter read now; throws its usage error.
    public func parsed(now: Date, calendar: Calendar) throws(PicnicError) -> TaskFilter {
        try TaskFilter.parse([filter], now: now, calendar: calendar)
    }

    /// What a task added in this context gets: the `+tag`, `project:` and `pri:` terms every
    /// task of the context has, and where the filter offers alternatives (`or`), those of the
    /// first one. Tags it excludes (`-tag`), words and dates add nothing.
    public static func additions(_ filter: TaskFilter) -> TaskModification {
        var m = TaskModification()
        func take(_ terms: [TaskFilter.Term]) {
            for term in terms {
                switch term {
                case .tag(let t, true) where !m.addTags.contains(t): m.addTags.append(t)
                case .project(let p?) where m.project == .keep: m.project = .set(p)
                case .priority(let p?) where m.priority == .keep: m.priority = .set(p)
                case .anyOf(let alternatives):
                    if let first = alternatives.first { take(first) }
                default: break
                }
            }
        }
        take(filter.terms)
        return m
    }

    /// `additions` merged into a new task's line: what the line says itself wins.
    public static func merge(_ additions: TaskModification, into draft: inout TaskModification) {
        for t in additions.addTags where !draft.addTags.contains(t) && !draft.removeTags.contains(t) {
            draft.addTags.append(t)
        }
        if draft.project == .keep { draft.project = additions.project }
        if draft.priority == .keep { draft.priority = additions.priority }
    }
}

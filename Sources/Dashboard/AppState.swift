import TermUI
import Foundation
import PicnicCore

/// Everything the dashboard shows, as plain data; changed only by `Dashboard.update`.
public struct AppState: Equatable, Sendable {
    /// The key bindings in force.
    public var keymap: Keymap
    /// What the keyboard is talking to.
    public var mode: Mode = .normal
    /// Which pane has the keyboard in normal mode.
    public var focus: Focus = .queue
    /// Terminal size in cells.
    public var width: Int
    public var height: Int
    /// The clock used for relative dates and urgency.
    public var now: Date
    /// The calendar (and time zone) for "today" and relative dates.
    public var calendar: Calendar

    /// Whether the first task list has arrived.
    public var loaded = false
    /// All open tasks, most urgent first.
    public var tasks: [WorkTask] = []
    /// The tasks shown (after the filter), most urgent first.
    public var rows: [WorkTask] = [] {
        didSet { rowIndex = Dictionary(rows.enumerated().map { ($1.uuid, $0) }, uniquingKeysWith: { a, _ in a }) }
    }
    /// Row of each shown task, so selection lookups stay O(1) on a 10k queue.
    var rowIndex: [UUID: Int] = [:]
    /// The selected task, kept by uuid so reloads and re-sorting never move the selection.
    public var selected: UUID?
    /// First row of the queue shown.
    public var queueScroll = 0

    /// The applied (or live, while typing) filter text.
    public var filterText = ""
    /// Why the filter text does not parse, if it does not.
    public var filterError: String?
    /// The filter the rows were last computed with.
    var appliedFilter: TaskFilter?

    /// The line being typed in a prompt mode.
    public var prompt: PromptLine?
    /// The parsed reading of the add/modify line, or why it does not parse.
    public var promptPreview: String?
    /// Earlier prompt lines per mode, oldest first (Up/Down recall them).
    public var history: [Mode: [String]] = [:]

    /// The help pane: threads matched to the selected task.
    public var help = HelpPane()
    /// Increases with each match request; answers of older generations are dropped.
    public var matchGeneration = 0
    /// Threads matched to the add prompt's text.
    public var draftMatches: [ThreadMatch] = []
    /// Generation of the latest draft match request.
    public var draftGeneration = 0
    /// Tasks known to have strong help waiting.
    public var strongHelp: Set<UUID> = []

    /// The open thread, in reader mode.
    public var reader: Reader?
    /// Scroll offset of the keys overlay.
    public var overlayScroll = 0
    /// Keys typed so far of a multi-key binding.
    public var pendingKeys: [Key] = []
    /// The task awaiting delete confirmation.
    public var deleteTarget: UUID?
    /// A one-line message in the status bar, and when it was set.
    public var message: Message?

    /// A state for a terminal of the given size.
    public init(keymap: Keymap = .defaults, width: Int = 80, height: Int = 24, now: Date = Date(),
                calendar: Calendar = .current) {
        self.keymap = keymap
        self.width = width
        self.height = height
        self.now = now
        self.calendar = calendar
    }

    /// The selected task, if any.
    public var selectedTask: WorkTask? {
        guard let selected, let i = rowIndex[selected] else { return nil }
        return rows[i]
    }

    /// The selected row index, if any.
    public var selectedIndex: Int? {
        guard let selected else { return nil }
        return rowIndex[selected]
    }

    /// Open tasks due today or overdue (kept current by `recount`).
    public private(set) var dueTodayCount = 0
    /// Open tasks with strong help waiting (kept current by `recount`).
    public private(set) var strongHelpCount = 0
    /// Start of the day `dueTodayCount` was counted for.
    private var countedDay: Date?

    /// Recounts the status-bar figures; cheap unless the tasks or the day changed.
    mutating func recount(tasksChanged: Bool) {
        let day = calendar.startOfDay(for: now)
        if tasksChanged || countedDay != day {
            let end = day.addingTimeInterval(86400)
            var n = 0
            for i in tasks.indices where (tasks[i].due ?? .distantFuture) < end { n += 1 }
            dueTodayCount = n
            countedDay = day
        }
        if tasksChanged { taskIDs = Set(tasks.map(\.uuid)) }
        strongHelpCount = strongHelp.reduce(0) { $0 + (taskIDs.contains($1) ? 1 : 0) }
    }

    /// The uuids of all open tasks.
    var taskIDs: Set<UUID> = []
}

/// The help pane's content for the selected task.
public struct HelpPane: Equatable, Sendable {
    /// Where the matches stand.
    public enum Status: Equatable, Sendable {
        case idle, loading, loaded, failed(String)
    }
    /// The task these matches are for.
    public var task: UUID?
    public var status: Status = .idle
    /// Threads best first.
    public var matches: [ThreadMatch] = []
    /// The highlighted thread.
    public var cursor = 0
    /// First line shown.
    public var scroll = 0

    public init() {}

    /// The highlighted thread, if any.
    public var selectedMatch: ThreadMatch? { matches.indices.contains(cursor) ? matches[cursor] : nil }
    /// Whether any match is strong.
    public var hasStrong: Bool { matches.contains { $0.strong } }
}

/// The thread reader's state.
public struct Reader: Equatable, Sendable {
    /// The thread's root post id.
    public var postID: Int64
    /// The match that opened it (title shown while loading).
    public var match: ThreadMatch?
    public var root: Post? { didSet { wrapWidth = -1 } }
    public var replies: [Post] = [] { didSet { wrapWidth = -1 } }
    /// First line shown.
    public var scroll = 0
    /// Why it could not be loaded, if so.
    public var error: String? { didSet { wrapWidth = -1 } }
    /// The thread wrapped at `wrapWidth`, kept so scrolling does not re-wrap long threads.
    var wrapped: [StyledLine] = []
    var wrapWidth = -1

    public init(postID: Int64, match: ThreadMatch?) {
        self.postID = postID
        self.match = match
    }
}

/// A status-bar message.
public struct Message: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var at: Date
    public init(_ text: String, isError: Bool = false, at: Date) {
        self.text = text; self.isError = isError; self.at = at
    }
}

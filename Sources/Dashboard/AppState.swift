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

    /// Whether the first task list (or the head of it) has arrived.
    public var loaded = false
    /// Whether `tasks` holds every open task; false while only the first screen of the queue
    /// (`Event.queueHeadLoaded`) is known.
    public internal(set) var queueComplete = false
    /// How many tasks are open (more than `tasks.count` while the queue is not complete).
    public internal(set) var openCount = 0
    /// All open tasks, most urgent first.
    public internal(set) var tasks: [WorkTask] = [] {
        didSet { titles = TitleIndex(tasks); refreshContextRows() }
    }
    /// The positions in `tasks` of the active context's tasks (nil: no context).
    var contextRows: [Int32]?
    /// The tasks shown (after the filter), most urgent first.
    public internal(set) var rows = QueueRows(all: [])
    /// The titles of `tasks` prepared for the live filter.
    var titles = TitleIndex()
    /// The selected task, kept by uuid so reloads and re-sorting never move the selection.
    public var selected: UUID?
    /// The row the selection was last found at: checked first, so lookups stay O(1) on a 10k queue.
    var selectedRowHint = 0
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
    /// How a capture ended (`Mode.capture`); nil while it runs.
    public var captured: CaptureEnd?
    /// Every context, and the active one, whose filter narrows the queue and the counts.
    public internal(set) var contexts: [QueueContext] = []
    public internal(set) var context: QueueContext?
    /// The active context's filter as read when the contexts arrived (nil: none or unreadable).
    var contextFilter: TaskFilter? {
        didSet { refreshContextRows() }
    }
    /// Where `b` went: the task that waits, its open blockers, and the one selected.
    public internal(set) var blockerTrail: BlockerTrail?
    /// Whether the modify prompt changes the whole series (`M`).
    public internal(set) var modifyWholeSeries = false

    /// The team community as last read (empty when none is joined).
    public internal(set) var community = CommunitySnapshot()
    /// The community's questions per task they were asked from.
    public internal(set) var questionsByTask: [UUID: [TaskQuestion]] = [:]
    /// Tasks whose questions have answers not read yet (marked in the queue).
    public internal(set) var newAnswerTasks: Set<UUID> = []
    /// The ask preview, in ask mode.
    public var askForm: AskForm?
    /// The answer being typed, in answer mode (for the reader's question).
    public var answerDraft: TextArea?
    /// Answers left unsent with Esc, per question: `r` brings them back.
    public var answerDrafts: [Int64: TextArea] = [:]
    /// "You could help": others' open questions matched to what the person knows.
    public var couldHelp = CouldHelpList()
    /// The ledger overlay's figures.
    public var ledger: LedgerOverlay = .loading
    /// "What helped?" after finishing a task that had help.
    public var whatHelped: WhatHelped?
    /// Threads opened in the reader for each task this session, newest last (what "What helped?" offers).
    public var opened: [UUID: [HelpedThread]] = [:]
    /// The last write the server refused (`Y` copies its text).
    public var lastRefused: RefusedWrite?
    /// Match the selected task again when the next task list arrives (another writer changed the store).
    var rematchOnLoad = false
    /// Whether `r` hands the answer to `$VISUAL`/`$EDITOR` (set by the runner when one is set).
    public var prefersEditor = false

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
        selectedIndex.map { rows[$0] }
    }

    /// The selected row index, if any.
    public var selectedIndex: Int? {
        guard let selected else { return nil }
        if selectedRowHint < rows.count, rows.uuid(at: selectedRowHint) == selected { return selectedRowHint }
        return rows.row(of: selected)
    }

    /// Selects a row (and remembers where, for the next lookup).
    mutating func select(row: Int) {
        selected = rows.uuid(at: row)
        selectedRowHint = row
    }

    /// Open tasks overdue and due today, as `picnic status` counts them (kept current by `recount`).
    public private(set) var due = DueCounts()
    /// Open tasks with strong help waiting (kept current by `recount`).
    public private(set) var strongHelpCount = 0
    /// When `due` was counted: it is counted again when the tasks change, at the next minute
    /// (a task due at 15:00 turns overdue then) and at the next day.
    private var countedMinute: Int?

    /// Recounts the status-bar figures; cheap unless the tasks or the day changed. While only the
    /// head of the queue is known, the due count comes with it (`setHeadCounts`).
    mutating func recount(tasksChanged: Bool) {
        let minute = Int((now.timeIntervalSince1970 / 60).rounded(.down))
        if queueComplete && (tasksChanged || countedMinute != minute) {
            // In a context, its tasks alone (as `picnic status` counts them).
            let all = tasks
            due = contextRows.map { rows in DueCounts(rows.lazy.map { all[Int($0)] }, now: now, endOfDay: Dashboard.dayEnd(now, calendar)) }
                ?? DueCounts(tasks, now: now, endOfDay: Dashboard.dayEnd(now, calendar))
            countedMinute = minute
        }
        if tasksChanged { taskIDs = Set(contextRows.map { rows in rows.map { tasks[Int($0)].uuid } } ?? tasks.map(\.uuid)) }
        strongHelpCount = strongHelp.reduce(0) { $0 + (taskIDs.contains($1) ? 1 : 0) }
    }

    /// The due count sent with the head of the queue.
    mutating func setHeadCounts(open: Int, due: DueCounts) {
        openCount = open
        self.due = due
        countedMinute = Int((now.timeIntervalSince1970 / 60).rounded(.down))
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

    /// The person's own questions asked from this task, drawn above the matches and selectable
    /// (the cursor counts them first).
    public var questions: [TaskQuestion] = []

    /// How many rows the cursor moves over: the own questions, then the matches.
    public var count: Int { questions.count + matches.count }
    /// The highlighted thread, if any.
    public var selectedMatch: ThreadMatch? {
        let i = cursor - questions.count
        return matches.indices.contains(i) ? matches[i] : nil
    }
    /// The highlighted own question, if the cursor is on one.
    public var selectedQuestion: TaskQuestion? { questions.indices.contains(cursor) ? questions[cursor] : nil }
    /// Whether any match is strong.
    public var hasStrong: Bool { matches.contains { $0.strong } }
}

/// The reader's state: a thread, or a task's details (its notes, annotations and dates).
public struct Reader: Equatable, Sendable {
    /// The thread's root post id; nil when the reader shows a task.
    public var postID: Int64?
    /// The task shown, when the reader shows one (`i`) instead of a thread.
    public var task: WorkTask? { didSet { wrapWidth = -1 } }
    /// The match that opened it (title shown while loading).
    public var match: ThreadMatch?
    public var root: Post? { didSet { wrapWidth = -1 } }
    public var replies: [Post] = [] { didSet { wrapWidth = -1 } }
    /// First line shown.
    public var scroll = 0
    /// Why it could not be loaded, if so.
    public var error: String? { didSet { wrapWidth = -1 } }
    /// Where Esc goes back to.
    public var returnMode: Mode = .normal
    /// The task a thread was opened for, if any (for `+` and "What helped?").
    public var forTask: UUID?
    /// The selected answer (`n`/`N`), acted on by `a` and `+`.
    public var selectedAnswer: Int64?
    /// Scroll to the selected answer once the thread is wrapped.
    var revealAnswer = false
    /// Where each answer starts in `wrapped`.
    var answerStarts: [Int64: Int] = [:]
    /// The thread wrapped at `wrapWidth`, kept so scrolling does not re-wrap long threads.
    var wrapped: [StyledLine] = []
    var wrapWidth = -1

    public init(postID: Int64, match: ThreadMatch?) {
        self.postID = postID
        self.match = match
    }

    /// The reader on a task's details.
    public init(task: WorkTask) {
        self.task = task
    }

    /// The answers in the order they are drawn: accepted first, then by votes, then oldest first.
    public var orderedReplies: [Post] {
        replies.sorted { a, b in
            a.accepted != b.accepted ? a.accepted : a.votes != b.votes ? a.votes > b.votes : a.created < b.created
        }
    }

    /// The selected answer, if any.
    public var selectedReply: Post? { replies.first { $0.id == selectedAnswer } }
}

/// How `picnic capture` ended.
public enum CaptureEnd: Equatable, Sendable {
    /// The task was saved.
    case saved(UUID)
    /// The person cancelled; nothing was saved.
    case cancelled
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

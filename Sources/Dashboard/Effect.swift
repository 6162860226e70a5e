import TermUI
import Foundation
import PicnicCore

/// Work the dashboard asks the effect runner (in the `picnic` executable) to do.
///
/// `Dashboard.update` never touches the store, the matcher, the clipboard or processes: it returns
/// effects, and the runner executes them off the input path, reporting back with events:
///
/// | effect | the runner answers with |
/// |---|---|
/// | `loadTasks` | `.contextsLoaded(every context)`, then `.tasksLoaded(openTasks)` (any order; the dashboard sorts by urgency; tasks marked blocked/blocking as the store's loaders mark them) |
/// | `loadQueueHead(limit, dueBefore)` | `.contextsLoaded(every context)`, then `.queueHeadLoaded(the limit most urgent open tasks in `Urgency.sorted` order, openCount:, due: DueCounts of the open tasks with dueBefore as the day's end)` (`Dashboard.queueHead(of:…)` is the reference) |
/// | `match(task, generation)` | `.matchesLoaded(task: task.uuid, generation:, matches)`; may be skipped when a newer generation is asked for |
/// | `matchDraft(text, generation)` | `.draftMatchesLoaded(generation:, matches)`; same coalescing |
/// | `scanHelp(tasks)` | `.strongHelpLoaded(uuids of those tasks with a strong match)` |
/// | `loadThread(postID)` | `.threadLoaded(root:, replies:)` or `.effectFailed` |
/// | `loadCommunity` | `.communityLoaded(snapshot)`; a refused write is in exactly one snapshot (the runner takes it from the store) |
/// | `loadCouldHelp(generation)` | `.couldHelpLoaded(generation:, matches)`: others' open questions matched to what the person knows; may be skipped when a newer generation is asked for |
/// | `loadLedger` | `.ledgerLoaded(ledger)` or `.effectFailed` |
/// | `editText(purpose, text)` | `.textEdited(purpose, new text or nil when unchanged)` or `.effectFailed` |
/// | `appendHistory(line)` | nothing (a capture's saved line goes to the history file) |
/// | `quit` | nothing: the loop ends and the terminal is restored |
/// | every other effect | exactly one `.effectSucceeded(effect, message:, task:)` or `.effectFailed(effect, message:)` |
///
/// `editNotes` suspends curses, runs `$EDITOR` (or `vi`) on the notes and restores the screen.
/// `openURL` runs `$BROWSER` or `xdg-open`; `copy` uses OSC 52 when allowed, else `tmux load-buffer`.
public enum Effect: Equatable, Sendable {
    /// Load the open tasks (pending, active, waiting).
    case loadTasks
    /// Load only the most urgent open tasks, for the first frame, with the open and due counts.
    case loadQueueHead(limit: Int, dueBefore: Date)
    /// Match community threads to a task (tagged with a generation to drop stale answers).
    case match(WorkTask, generation: Int)
    /// Match threads to a task being typed in the add prompt ("already answered?").
    case matchDraft(String, generation: Int)
    /// Find which of these tasks have a strong match waiting (for the status-bar count and `n`/`N`).
    case scanHelp([WorkTask])
    /// Load a whole thread: the root post and its replies.
    case loadThread(postID: Int64)
    /// Add a task from a quick-add line (`"Fix CI +ci due:fri pri:H"`); answer with the new uuid in `task:`.
    case addTask(String)
    /// Apply quick-add modifications (`"pri:H +tag -old due:mon"`) to a task.
    case modify(UUID, String)
    /// Apply quick-add modifications to a recurring task's whole series (its template and every
    /// open instance), as `picnic modify --series`.
    case modifySeries(UUID, String)
    /// Make a context active (nil: none); answer as a queue change, so the queue reloads.
    case setContext(String?)
    /// Add an annotation to a task.
    case annotate(UUID, String)
    /// Mark a task done.
    case markDone(UUID)
    /// Start a task (make it active).
    case start(UUID)
    /// Stop an active task.
    case stop(UUID)
    /// Delete a task (after the person confirmed).
    case delete(UUID)
    /// Undo the last change to the queue.
    case undo
    /// Record `+` (`.helpful`) or `-` (`.hidden`: not for this task) on a thread for a task.
    case feedback(task: UUID, post: Int64, verdict: FeedbackVerdict)
    /// Ask the community the question exactly as the preview shows it, and link it to its task
    /// (locally): written to the store first, sent from the outbox.
    case ask(AskDraft)
    /// Answer a question (local first, then the outbox).
    case answer(question: Int64, body: String)
    /// Accept an answer to one's own question (nil takes the acceptance back).
    case accept(question: Int64, answer: Int64?)
    /// Mark a post helpful: a "helped" mark to its author (never the task's text); with a task,
    /// also the local `+` feedback for that task.
    case markHelped(post: Int64, task: UUID?)
    /// The answers to one's own question were read (they are no longer new).
    case markSeen(question: Int64)
    /// Read the community state from the store (cheap, local).
    case loadCommunity
    /// Others' open questions matched to what the person knows.
    case loadCouldHelp(generation: Int)
    /// The ledger's figures (the same as `picnic ledger`).
    case loadLedger
    /// Edit text in `$VISUAL`/`$EDITOR` (curses suspended around it).
    case editText(EditPurpose, String)
    /// Open a link with `$BROWSER` or `xdg-open`.
    case openURL(String)
    /// Copy text to the clipboard.
    case copy(String)
    /// Edit a task's notes in `$EDITOR`.
    case editNotes(UUID)
    /// Append a saved capture line to the capture history file (the next capture's ↑).
    case appendHistory(String)
    /// End the program.
    case quit

    /// Whether the effect changes the queue (so the tasks are reloaded afterwards).
    public var changesQueue: Bool {
        switch self {
        case .addTask, .modify, .modifySeries, .setContext, .annotate, .markDone, .start, .stop, .delete, .undo, .editNotes: true
        default: false
        }
    }

    /// Whether the effect writes community data (so the community state is read again afterwards).
    public var changesCommunity: Bool {
        switch self {
        case .ask, .answer, .accept, .markHelped, .markSeen: true
        default: false
        }
    }
}

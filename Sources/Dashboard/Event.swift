import TermUI
import Foundation
import PicnicCore
import CommunityAPI

/// Everything that can happen to the dashboard: input, time, and answers to effects.
public enum Event: Equatable, Sendable {
    /// A key press.
    case key(Key)
    /// The terminal has a new size.
    case resize(width: Int, height: Int)
    /// Time passed (about once a second): relative dates and status messages age.
    case tick(Date)
    /// Another process (or the runner) changed the store: reload.
    case storeChanged
    /// The open tasks, in any order.
    case tasksLoaded([WorkTask])
    /// Every defined context, the active one marked (sent before each task load).
    case contextsLoaded([QueueContext])
    /// The most urgent open tasks in urgency order (the first screen), how many tasks are open
    /// and what is due before the date asked for (`DueCounts`).
    case queueHeadLoaded([WorkTask], openCount: Int, due: DueCounts)
    /// Threads matched to a task, for the request of that generation.
    case matchesLoaded(task: UUID, generation: Int, matches: [ThreadMatch])
    /// Threads matched to the add prompt's text, for that generation.
    case draftMatchesLoaded(generation: Int, matches: [ThreadMatch])
    /// The tasks (of those scanned) that have a strong match waiting.
    case strongHelpLoaded(Set<UUID>)
    /// A whole thread for the reader.
    case threadLoaded(root: Post, replies: [Post])
    /// The community state, read from the store (`Effect.loadCommunity`).
    case communityLoaded(CommunitySnapshot)
    /// Others' open questions matched to what the person knows, for that generation.
    case couldHelpLoaded(generation: Int, matches: [ThreadMatch])
    /// The ledger's figures.
    case ledgerLoaded(APILedger)
    /// Text back from `$EDITOR` (nil: unchanged).
    case textEdited(EditPurpose, String?)
    /// An effect finished; `message` is shown in the status bar, `task` is the task it made.
    case effectSucceeded(Effect, message: String?, task: UUID?)
    /// An effect failed; the message is shown in the status bar.
    case effectFailed(Effect, message: String)
}

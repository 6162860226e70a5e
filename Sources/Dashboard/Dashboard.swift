import TermUI
import Foundation
import PicnicCore

/// The dashboard's two pure functions: `update` (state + event → new state + effects) and
/// `render` (state → screen buffer). The `picnic` executable owns the terminal and the effect
/// runner; see `Effect` for what each effect must answer.
///
/// A run looks like:
///
///     var state = AppState(keymap: try Keymap.parse(configText: text, file: path), width: w, height: h)
///     run(Dashboard.start(&state))                 // [.loadQueueHead(…)]: the first screen of the queue
///     draw(Dashboard.render(state))                // the first frame
///     run(Dashboard.firstFrameDrawn(&state))       // [.loadTasks] unless the head was the whole queue
///     loop: for each key / resize / tick / result:
///         let effects = Dashboard.update(&state, event)
///         draw(Dashboard.render(state))            // diff against the last frame
///         run(effects)                             // `.quit` ends the loop
public enum Dashboard {
    /// The effects to run when the dashboard opens: only the rows the first frame shows, so it
    /// is drawn without waiting for the whole queue.
    public static func start(_ state: inout AppState) -> [Effect] {
        let rows = Layout(width: state.width, height: state.height, mode: state.mode, focus: state.focus).queueRows
        return [.loadQueueHead(limit: max(1, rows), dueBefore: dayEnd(state.now, state.calendar))]
    }

    /// The effects to run once the first frame is on screen: the rest of the queue, if any, then
    /// the community's state (never before the first frame: the first frame keeps its figure).
    public static func firstFrameDrawn(_ state: inout AppState) -> [Effect] {
        // In capture: the words Tab completes. Then the community's state.
        (state.queueComplete ? [] : [.loadTasks]) + (state.mode == .capture ? [] : [.loadCommunity])
    }

    /// The end of the day `now` falls in (the next local midnight): tasks due before it count
    /// as due today (`DueCounts`).
    public static func dayEnd(_ now: Date, _ calendar: Calendar) -> Date {
        DueCounts.endOfDay(now, calendar)
    }

    /// How a store answers `.loadQueueHead`, computed from a whole task list (for runners that
    /// hold the tasks in memory, and to check a store's answer against).
    public static func queueHead(of tasks: [WorkTask], limit: Int, dueBefore: Date, now: Date) -> Event {
        let open = QueueRules.sorted(tasks, now: now)
        return .queueHeadLoaded(Array(open.prefix(limit)), openCount: open.count,
                                due: DueCounts(open, now: now, endOfDay: dueBefore))
    }

    /// Applies one event to the state and returns the effects to run. Pure: no I/O, no clock.
    public static func update(_ state: inout AppState, _ event: Event) -> [Effect] {
        var effects: [Effect]
        switch event {
        case .key(let key): effects = handleKey(&state, key)
        case .resize(let w, let h):
            state.width = max(0, w); state.height = max(0, h)
            effects = []
        case .tick(let date):
            state.now = date
            if let m = state.message, date.timeIntervalSince(m.at) >= (m.isError ? 10 : 5) { state.message = nil }
            effects = []
        case .storeChanged:
            // Another writer (a capture, the sync engine pulling posts): a post that matches the
            // selected task must show, so it is matched again once the tasks are in.
            state.rematchOnLoad = true
            effects = [.loadTasks, .loadCommunity]
        case .tasksLoaded(let tasks): effects = tasksLoaded(&state, tasks)
        case .contextsLoaded(let contexts):
            contextsLoaded(&state, contexts)
            effects = []
        case .queueHeadLoaded(let head, let open, let due): effects = queueHeadLoaded(&state, head, openCount: open, due: due)
        case .matchesLoaded(let task, let generation, let matches):
            matchesLoaded(&state, task: task, generation: generation, matches: matches)
            effects = []
        case .draftMatchesLoaded(let generation, let matches):
            if (state.mode == .add || state.mode == .capture) && generation == state.draftGeneration { state.draftMatches = matches }
            if state.mode == .ask && generation == state.draftGeneration {
                let kept = withoutOwn(matches, state)
                state.askForm?.matches = kept
            }
            effects = []
        case .strongHelpLoaded(let set):
            state.strongHelp = set
            effects = []
        case .threadLoaded(let root, let replies):
            if state.reader?.postID == root.id {
                state.reader?.root = root
                state.reader?.replies = replies
                state.reader?.error = nil
                threadArrived(&state)
            }
            effects = []
        case .effectSucceeded(let effect, let message, let task):
            effects = effectSucceeded(&state, effect, message: message, task: task)
        case .communityLoaded(let snapshot): effects = communityLoaded(&state, snapshot)
        case .couldHelpLoaded(let generation, let matches):
            couldHelpLoaded(&state, generation: generation, matches: matches)
            effects = []
        case .ledgerLoaded(let ledger):
            state.ledger = .loaded(ledger)
            effects = []
        case .textEdited(let purpose, let text): effects = textEdited(&state, purpose, text)
        case .effectFailed(let effect, let message):
            effectFailed(&state, effect, message: message)
            effects = []
        }
        switch event {
        case .tasksLoaded, .queueHeadLoaded, .contextsLoaded: state.recount(tasksChanged: true)
        case .strongHelpLoaded, .matchesLoaded, .tick, .communityLoaded: state.recount(tasksChanged: false)
        default: break
        }
        state.normalize()
        return effects
    }

    /// Sets a status-bar message.
    static func say(_ state: inout AppState, _ text: String, error: Bool = false) {
        state.message = Message(text, isError: error, at: state.now)
    }
}

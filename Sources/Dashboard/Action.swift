import TermUI
/// Something the person can ask the dashboard to do; keys are bound to actions, never to code.
///
/// The raw value is the kebab-case name used in `config.toml` and in `docs/Keybindings.md`.
public enum Action: String, CaseIterable, Hashable, Sendable {
    case moveDown = "move-down"
    case moveUp = "move-up"
    case moveTop = "move-top"
    case moveBottom = "move-bottom"
    case halfPageDown = "half-page-down"
    case halfPageUp = "half-page-up"
    case nextPane = "next-pane"
    case focusQueue = "focus-queue"
    case focusHelp = "focus-help"
    case open = "open"
    case back = "back"
    case filter = "filter"
    case nextHelped = "next-match"
    case previousHelped = "previous-match"
    case add = "add"
    case annotate = "annotate"
    case editNotes = "edit-notes"
    case modify = "modify"
    case done = "done"
    case delete = "delete"
    case undo = "undo"
    case startStop = "start-stop"
    case openLink = "open-link"
    case copy = "copy"
    case helpful = "helpful"
    case notForThis = "not-for-this"
    case ask = "ask"
    case keys = "keys"
    case quit = "quit"
    case submit = "submit"
    case cancel = "cancel"
    case confirm = "confirm"

    /// The kebab-case name.
    public var name: String { rawValue }

    /// One line saying what it does, for the help overlay and the docs.
    public var summary: String {
        switch self {
        case .moveDown: "Next row (scroll down in the reader)"
        case .moveUp: "Previous row (scroll up in the reader)"
        case .moveTop: "First row"
        case .moveBottom: "Last row"
        case .halfPageDown: "Half a page down"
        case .halfPageUp: "Half a page up"
        case .nextPane: "Switch between the queue and the help pane"
        case .focusQueue: "Focus the queue pane"
        case .focusHelp: "Focus the help pane"
        case .open: "Open the selected thread in the reader"
        case .back: "Back: close the reader or overlay, clear the filter"
        case .filter: "Filter the queue as you type"
        case .nextHelped: "Next task with strong help waiting"
        case .previousHelped: "Previous task with strong help waiting"
        case .add: "Add a task (quick-add syntax, live preview)"
        case .annotate: "Annotate the selected task"
        case .editNotes: "Edit the task's notes in $EDITOR"
        case .modify: "Modify the task (e.g. pri:H +tag due:fri)"
        case .done: "Mark the task done"
        case .delete: "Delete the task (asks first)"
        case .undo: "Undo the last change"
        case .startStop: "Start or stop the task"
        case .openLink: "Open the thread's link with $BROWSER / xdg-open"
        case .copy: "Copy the answer (or the task) to the clipboard"
        case .helpful: "This thread helps with this task"
        case .notForThis: "This thread is not for this task"
        case .ask: "Ask the community: post a question from the task"
        case .keys: "Show all keys"
        case .quit: "Quit"
        case .submit: "Accept the input"
        case .cancel: "Cancel the input"
        case .confirm: "Yes, do it"
        }
    }

    /// A short label for status-bar hints.
    public var hint: String {
        switch self {
        case .add: "add"
        case .done: "done"
        case .startStop: "start"
        case .filter: "filter"
        case .open: "open"
        case .helpful: "helpful"
        case .notForThis: "not for this"
        case .keys: "keys"
        case .quit: "quit"
        case .ask: "ask"
        case .back: "back"
        case .openLink: "link"
        case .copy: "copy"
        case .submit: "ok"
        case .cancel: "cancel"
        case .confirm: "yes"
        case .moveDown: "scroll"
        default: name
        }
    }

    /// Looks an action up by its kebab-case name.
    public init?(name: String) { self.init(rawValue: name) }
}

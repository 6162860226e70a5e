import TermUI
/// Something the person can ask the dashboard to do; keys are bound to actions, never to code.
///
/// The raw value is the kebab-case name used in `config.toml` and in `docs/Keybindings.md`; what
/// it does, its default keys and hints are its record in `Binding.all`.
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
    case showTask = "show-task"
    case back = "back"
    case filter = "filter"
    case nextHelped = "next-match"
    case previousHelped = "previous-match"
    case add = "add"
    case annotate = "annotate"
    case editNotes = "edit-notes"
    case modify = "modify"
    case modifySeries = "modify-series"
    case blockers = "blockers"
    case dependant = "dependant"
    case nextContext = "context"
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
    case newAnswer = "new-answer"
    case couldHelp = "could-help"
    case ledger = "ledger"
    case copyRefused = "copy-refused"
    case answer = "answer"
    case accept = "accept"
    case nextAnswer = "next-answer"
    case previousAnswer = "previous-answer"
    case nextField = "next-field"
    case previousField = "previous-field"
    case send = "send"
    case editInEditor = "edit-in-editor"
    case helped1 = "helped-first"
    case helped2 = "helped-second"
    case helped3 = "helped-third"

    /// The kebab-case name.
    public var name: String { rawValue }

    /// Looks an action up by its kebab-case name.
    public init?(name: String) { self.init(rawValue: name) }
}

import TermUI
/// What the keyboard is talking to right now; each mode has its own key bindings.
///
/// The raw value names the mode's table in `config.toml` (`[keys.normal]`, `[keys.reader]`, …).
public enum Mode: String, CaseIterable, Hashable, Sendable {
    /// Moving around the queue and the help pane.
    case normal
    /// Typing a live filter for the queue (`/`).
    case filter
    /// Typing a new task in quick-add syntax (`a`).
    case add
    /// Typing modifications for the selected task (`m`).
    case modify
    /// Typing an annotation for the selected task (`A`).
    case annotate
    /// Asking whether to delete the selected task (`x`).
    case confirmDelete = "confirm-delete"
    /// Reading a whole thread (`⏎`).
    case reader
    /// The key overlay (`?`).
    case help
    /// `picnic capture`: one quick-add line in a small screen (a tmux popup), then the program ends.
    case capture
    /// The ask preview (`p`): the question built from the task, editable, not sent until sent.
    case ask
    /// Typing an answer to the thread in the reader (`r`).
    case answer
    /// "You could help": others' open questions matched to what the person knows.
    case couldHelp = "could-help"
    /// The ledger overlay: giving and receiving, for the person and the community.
    case ledger
    /// "What helped?" after finishing a task that had help: one key marks a thread helpful.
    case whatHelped = "what-helped"

    /// Whether the mode edits a line of text (unbound keys go to the line editor).
    public var isPrompt: Bool {
        switch self {
        case .filter, .add, .modify, .annotate, .capture: true
        default: false
        }
    }

    /// How the mode is named to people.
    public var title: String {
        switch self {
        case .normal: "Normal"
        case .filter: "Filter"
        case .add: "Add"
        case .modify: "Modify"
        case .annotate: "Annotate"
        case .confirmDelete: "Confirm delete"
        case .reader: "Reader"
        case .help: "Keys overlay"
        case .capture: "Capture"
        case .ask: "Ask preview"
        case .answer: "Answer"
        case .couldHelp: "You could help"
        case .ledger: "Ledger"
        case .whatHelped: "What helped?"
        }
    }
}

/// Which pane has the keyboard in normal mode.
public enum Focus: String, Hashable, Sendable {
    case queue, help
}

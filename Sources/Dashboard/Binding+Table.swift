import TermUI
import Foundation

extension Binding {
    /// Movement keys, the same in the queue, the reader and the keys overlay.
    private static func moves(_ n: [KeySequence], reader: [KeySequence]? = nil, help: [KeySequence]? = nil,
                              filter: [KeySequence] = []) -> [Mode: [KeySequence]] {
        var keys: [Mode: [KeySequence]] = [.normal: n, .reader: reader ?? n, .help: help ?? n]
        if !filter.isEmpty { keys[.filter] = filter }
        return keys
    }

    private static let noTask: @Sendable (AppState) -> String? = { $0.selectedTask == nil ? "No task selected" : nil }

    /// The thread the feedback keys (`+`/`-`) are about: the reader's, else the help pane's.
    private static let noThread: @Sendable (AppState) -> String? = { s in
        let match = s.mode == .reader ? s.reader?.match : s.help.selectedMatch
        return s.selectedTask == nil || match == nil ? "Select a thread first (Tab to the help pane)" : nil
    }

    private static let prompts: Set<Mode> = [.filter, .add, .modify, .annotate, .capture]

    private static func inPrompts(_ keys: [KeySequence]) -> [Mode: [KeySequence]] {
        Dictionary(uniqueKeysWithValues: prompts.map { ($0, keys) })
    }

    /// Every binding, in the order of the hints, the overlay and the docs (the community's
    /// records and keys merged in from `Binding+Community.swift`).
    public static let all: [Binding] = merged(table)

    /// The main table.
    static let table: [Binding] = [
        Binding(.back, [.normal: ["esc"], .reader: ["esc", "q", "h", "left"], .help: ["esc", "q", "?", "enter"]],
                "Back: close the reader or overlay, clear the filter", hint: "back", hintedIn: [.reader, .overlay]),
        Binding(.moveDown, moves(["j", "down"], help: ["j", "down"], filter: ["down"]),
                "Next row (scroll down in the reader)", hint: "scroll", hintedIn: [.reader]),
        Binding(.moveUp, moves(["k", "up"], filter: ["up"]), "Previous row (scroll up in the reader)"),
        Binding(.moveTop, moves(["g", "home"], help: ["g"]), "First row"),
        Binding(.moveBottom, moves(["G", "end"], help: ["G"]), "Last row"),
        Binding(.halfPageDown, moves(["ctrl-d", "pagedown"], reader: ["ctrl-d", "pagedown", "space"], help: ["ctrl-d"],
                                     filter: ["pagedown"]), "Half a page down"),
        Binding(.halfPageUp, moves(["ctrl-u", "pageup"], help: ["ctrl-u"], filter: ["pageup"]), "Half a page up"),
        Binding(.add, [.normal: ["a"]], "Add a task (quick-add syntax, live preview)", hint: "add", hintedIn: [.queue]),
        Binding(.done, [.normal: ["d"]], "Mark the task done", hint: "done", hintedIn: [.queue], unavailable: noTask),
        Binding(.startStop, [.normal: ["s"]], "Start or stop the task", hint: "start", hintedIn: [.queue], unavailable: noTask),
        Binding(.filter, [.normal: ["/"]], "Filter the queue as you type", hint: "filter", hintedIn: [.queue]),
        Binding(.open, [.normal: ["enter"]], "Open the selected thread in the reader", hint: "open", hintedIn: [.queue, .help],
                unavailable: { s in
                    guard s.mode == .normal else { return nil }
                    if s.selectedTask == nil { return "No task selected" }
                    return s.help.selectedMatch == nil && s.help.selectedQuestion == nil ? "No thread to open for this task" : nil
                }),
        Binding(.showTask, [.normal: ["i"]], "Show the task: its notes, annotations and dates", hint: "notes",
                hintedIn: [.queue], unavailable: noTask),
        Binding(.helpful, [.normal: ["+"], .reader: ["+"]], "This thread helps with this task", hint: "helpful",
                hintedIn: [.queue, .help, .reader], unavailable: noThread),
        Binding(.notForThis, [.normal: ["-"], .reader: ["-"]], "This thread is not for this task", hint: "not for this",
                hintedIn: [.queue, .help, .reader], unavailable: noThread),
        Binding(.ask, [.normal: ["p"]], "Ask the community: post a question from the task", hint: "ask", hintedIn: [.help],
                unavailable: noTask),
        Binding(.openLink, [.normal: ["o"], .reader: ["o"]], "Open the thread's (or the task's) link in a browser",
                hint: "link", hintedIn: [.help, .reader], unavailable: { s in
                    switch s.mode {
                    case .reader:
                        guard s.reader.flatMap({ Links.first(in: $0) }) == nil else { return nil }
                        return s.reader?.task != nil ? "No link in this task" : "No link in this thread"
                    case .normal:
                        return Links.toOpen(s) == nil ? "No link in this task or its selected thread" : nil
                    default: return nil
                    }
                }),
        Binding(.copy, [.normal: ["y"], .reader: ["y"]], "Copy the answer (or the task) to the clipboard", hint: "copy",
                hintedIn: [.help, .reader], unavailable: { s in
                    guard s.mode == .normal, !(s.focus == .help && s.help.selectedMatch != nil) else { return nil }
                    return s.selectedTask == nil ? "Nothing to copy" : nil
                }),
        Binding(.nextPane, [.normal: ["tab", "shift-tab"]], "Switch between the queue and the help pane", hintedIn: [.help]),
        Binding(.focusQueue, [.normal: ["h", "left"]], "Focus the queue pane"),
        Binding(.focusHelp, [.normal: ["l", "right"]], "Focus the help pane"),
        Binding(.nextHelped, [.normal: ["n"]], "Next task with strong help waiting",
                unavailable: { $0.strongHelpCount == 0 ? "No task has strong help waiting" : nil }),
        Binding(.previousHelped, [.normal: ["N"]], "Previous task with strong help waiting",
                unavailable: { $0.strongHelpCount == 0 ? "No task has strong help waiting" : nil }),
        Binding(.annotate, [.normal: ["A"]], "Annotate the selected task", unavailable: noTask),
        Binding(.editNotes, [.normal: ["e"]], "Edit the task's notes in $EDITOR", unavailable: noTask),
        Binding(.modify, [.normal: ["m"]], "Modify the task (e.g. pri:H +tag due:fri)", unavailable: noTask),
        Binding(.modifySeries, [.normal: ["M"]], "Modify the whole recurring series",
                unavailable: { s in
                    guard let t = s.selectedTask else { return "No task selected" }
                    return t.series == nil ? "Not a recurring task (m modifies it; recur:weekly makes it recur)" : nil
                }),
        Binding(.blockers, [.normal: ["b"]], "Jump to what the task waits on (again: the next)",
                unavailable: { s in
                    guard let t = s.selectedTask else { return "No task selected" }
                    if s.blockerTrail?.current == t.uuid { return nil }
                    return t.blocked ? nil : "This task waits on nothing open"
                }),
        Binding(.dependant, [.normal: ["B"]], "Back to the task that waits on it",
                unavailable: { $0.blockerTrail == nil ? "Jump to a blocker first (b)" : nil }),
        Binding(.nextContext, [.normal: ["c"]], "Next context (none after the last)",
                unavailable: { $0.contexts.isEmpty ? "No contexts: picnic context define work +work" : nil }),
        Binding(.delete, [.normal: ["x"]], "Delete the task (asks first)", unavailable: noTask),
        Binding(.undo, [.normal: ["u"]], "Undo the last change"),
        Binding(.keys, [.normal: ["?"], .reader: ["?"]], "Show all keys", hint: "keys"),
        Binding(.quit, [.normal: ["q"]], "Quit", hint: "quit"),
        Binding(.confirm, [.confirmDelete: ["y"]], "Yes, do it", hint: "yes", hintedIn: [.confirm]),
        Binding(.submit, inPrompts(["enter"]), "Accept the input", hint: "ok", hintedIn: [.filter, .prompt, .capture]),
        Binding(.cancel, inPrompts(["esc", "ctrl-c"]).merging([.confirmDelete: ["n", "esc", "q"], .capture: ["esc", "ctrl-c", "ctrl-g"]]) { _, b in b },
                "Cancel the input", hint: "cancel", hintedIn: [.filter, .prompt, .confirm, .capture]),
    ]
}

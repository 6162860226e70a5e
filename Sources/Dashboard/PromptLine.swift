import TermUI
import Foundation

/// The line being typed in a prompt (filter, add, modify, annotate): TermUI's `LineEditor` —
/// readline keys, a kill ring, history and Tab completion — tagged with the prompt's mode.
public struct PromptLine: Equatable, Sendable {
    /// What the prompt is for.
    public var mode: Mode
    /// The editor holding the line.
    public private(set) var editor: LineEditor

    /// A line for a prompt mode, pre-filled with `text` (cursor at its end), with the mode's
    /// past lines (oldest first) and the words Tab completes.
    public init(mode: Mode, text: String = "", history: [String] = [], completer: LineEditor.CompletionProvider? = nil) {
        self.mode = mode
        editor = LineEditor(text: text, history: history, historyLimit: Dashboard.historyLimit, completer: completer)
    }

    /// The text typed so far.
    public var text: String { editor.text }
    /// The cursor, in characters from the start.
    public var cursor: Int { editor.cursor }
    /// The Tab candidates being cycled through, if any.
    public var completions: [String] { editor.completion?.candidates ?? [] }

    /// Applies an editing key; false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        // Controls never enter the line (the editor drops them); bidi overrides neither: the
        // line is drawn and stored.
        if case .char(let c) = key, c.unicodeScalars.contains(where: { Sanitizer.isBidiControl($0.value) }) {
            return true
        }
        switch editor.handleKey(key) {
        case .handled, .endOfInput: return true
        case .ignored: return false
        }
    }

    /// Ends a Tab cycle, putting back the word as typed; false when none was in progress.
    public mutating func cancelCompletion() -> Bool {
        editor.cancelCompletion()
    }

    /// Replaces what Tab completes.
    public mutating func setCompleter(_ completer: LineEditor.CompletionProvider?) {
        editor.completer = completer
    }

    /// Replaces the whole line, cursor at the end.
    public mutating func setText(_ new: String) {
        editor.setText(new)
    }

    public static func == (a: PromptLine, b: PromptLine) -> Bool {
        a.mode == b.mode && a.text == b.text && a.cursor == b.cursor
            && a.editor.completion == b.editor.completion && a.editor.history == b.editor.history
            && a.editor.killBuffer == b.editor.killBuffer
    }
}

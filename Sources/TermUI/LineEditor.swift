import Foundation

/// A single-line text editor with readline keys, a kill ring, history and Tab completion.
///
/// Pure state: feed it `Input`s, read back `text` and `cursor`. The cursor counts grapheme
/// clusters (Swift `Character`s), so CJK, emoji and combining marks move and delete as one unit.
/// Enter, Esc and anything else the editor does not own come back as `.ignored` for the caller.
public struct LineEditor: Sendable {
    /// One key press as the editor understands it.
    public enum Input: Equatable, Sendable {
        /// Typed or pasted text (inserted at the cursor; control characters are dropped).
        case text(String)
        /// Ctrl plus a letter, e.g. `.ctrl("a")`.
        case ctrl(Character)
        /// Alt (Meta) plus a key, e.g. `.alt("b")`.
        case alt(Character)
        case left, right, up, down, home, end, backspace, delete, tab, backTab
    }

    /// What handling an input did.
    public enum Outcome: Equatable, Sendable {
        /// The editor consumed the key (the text or cursor may have changed).
        case handled
        /// Ctrl-D on an empty line: the caller treats it as end of input.
        case endOfInput
        /// Not an editing key (Enter, Esc, …): the caller decides.
        case ignored
    }

    /// Returns the full replacement candidates for the word before the cursor
    /// (e.g. `"+ta"` → `["+tag", "+tally"]`). The word is the run of non-spaces ending at the cursor.
    public typealias CompletionProvider = @Sendable (_ word: String) -> [String]

    /// An in-progress Tab cycle: which candidates, which one is shown, and what it replaced.
    public struct Completion: Equatable, Sendable {
        public var candidates: [String]
        public var index: Int
        /// Where the completed word starts (in characters) and the word as typed.
        var start: Int
        var original: String
    }

    /// The line being edited.
    public private(set) var text: String = ""
    /// The cursor, in grapheme clusters from the start (0...text.count).
    public private(set) var cursor: Int = 0
    /// Past entries, oldest first.
    public private(set) var history: [String]
    /// The Tab cycle in progress, if any (the UI may list the candidates).
    public private(set) var completion: Completion?
    /// How many history entries are kept.
    public var historyLimit: Int
    /// Supplies Tab completions; nil disables Tab.
    public var completer: CompletionProvider?

    /// The most recent kill (Ctrl-W / Ctrl-U / Ctrl-K / Alt-D), yanked back by Ctrl-Y.
    public private(set) var killBuffer: String = ""
    private var lastWasKill = false
    /// Position while browsing history (`history.count` means the draft), and the draft itself.
    private var historyIndex: Int
    private var draft: String = ""

    /// An editor holding `text` (cursor at its end), with `history` oldest first.
    public init(text: String = "", history: [String] = [], historyLimit: Int = 1000,
                completer: CompletionProvider? = nil) {
        self.text = text
        self.cursor = text.count
        self.history = Array(history.suffix(historyLimit))
        self.historyLimit = historyLimit
        self.historyIndex = self.history.count
        self.completer = completer
    }

    /// Replaces the whole line and puts the cursor at its end.
    public mutating func setText(_ newText: String) {
        text = newText
        cursor = newText.count
        completion = nil
        lastWasKill = false
    }

    /// Records the current line in history (skipping empty lines and an immediate repeat),
    /// clears the line and returns what it held.
    @discardableResult
    public mutating func commit() -> String {
        let line = text
        if !line.trimmingCharacters(in: .whitespaces).isEmpty, history.last != line {
            history.append(line)
            if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
        }
        setText("")
        historyIndex = history.count
        draft = ""
        return line
    }

    /// Applies one key press.
    @discardableResult
    public mutating func handle(_ input: Input) -> Outcome {
        let wasKill = lastWasKill
        lastWasKill = false
        if input != .tab && input != .backTab { completion = nil }
        switch input {
        case .text(let s):
            insert(s)
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1)
        case .right, .ctrl("f"):
            cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"):
            cursor = 0
        case .end, .ctrl("e"):
            cursor = text.count
        case .alt("b"), .alt("B"):
            cursor = wordStart(before: cursor)
        case .alt("f"), .alt("F"):
            cursor = wordEnd(after: cursor)
        case .backspace, .ctrl("h"):
            if cursor > 0 { remove(cursor - 1..<cursor) }
        case .delete:
            if cursor < text.count { remove(cursor..<cursor + 1) }
        case .ctrl("d"):
            if text.isEmpty { return .endOfInput }
            if cursor < text.count { remove(cursor..<cursor + 1) }
        case .ctrl("w"):
            kill(spaceWordStart(before: cursor)..<cursor, appending: wasKill, prepend: true)
        case .alt("d"):
            kill(cursor..<wordEnd(after: cursor), appending: wasKill, prepend: false)
        case .alt("\u{7f}"), .alt("\u{08}"):
            kill(wordStart(before: cursor)..<cursor, appending: wasKill, prepend: true)
        case .ctrl("u"):
            kill(0..<cursor, appending: wasKill, prepend: true)
        case .ctrl("k"):
            kill(cursor..<text.count, appending: wasKill, prepend: false)
        case .ctrl("y"):
            insert(killBuffer)
        case .ctrl("t"):
            transpose()
        case .up, .ctrl("p"):
            browseHistory(by: -1)
        case .down, .ctrl("n"):
            browseHistory(by: 1)
        case .tab:
            return complete(step: 1)
        case .backTab:
            return complete(step: -1)
        default:
            return .ignored
        }
        return .handled
    }

    // MARK: - Editing primitives

    private var characters: [Character] { Array(text) }

    private mutating func insert(_ s: String) {
        let clean = String(String.UnicodeScalarView(s.unicodeScalars.filter {
            !($0.properties.generalCategory == .control)
        }))
        guard !clean.isEmpty else { return }
        let chars = characters
        // Re-count after joining: a combining mark typed alone merges with the cluster before it.
        let before = String(chars[..<cursor]) + clean
        text = before + String(chars[cursor...])
        cursor = before.count
    }

    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        var chars = characters
        chars.removeSubrange(range)
        text = String(chars)
        cursor = min(range.lowerBound, text.count)
    }

    private mutating func kill(_ range: Range<Int>, appending: Bool, prepend: Bool) {
        guard !range.isEmpty else { lastWasKill = appending; return }
        let killed = String(characters[range])
        if appending {
            killBuffer = prepend ? killed + killBuffer : killBuffer + killed
        } else {
            killBuffer = killed
        }
        remove(range)
        lastWasKill = true
    }

    private mutating func transpose() {
        let chars = characters
        guard chars.count >= 2, cursor > 0 else { return }
        let i = cursor == chars.count ? cursor - 1 : cursor
        var c = chars
        c.swapAt(i - 1, i)
        text = String(c)
        cursor = min(i + 1, text.count)
    }

    // MARK: - Word boundaries

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    /// Alt-B target: the start of the alphanumeric word at or before `i`.
    private func wordStart(before i: Int) -> Int {
        let chars = characters
        var j = i
        while j > 0, !Self.isWordCharacter(chars[j - 1]) { j -= 1 }
        while j > 0, Self.isWordCharacter(chars[j - 1]) { j -= 1 }
        return j
    }

    /// Alt-F target: the end of the alphanumeric word at or after `i`.
    private func wordEnd(after i: Int) -> Int {
        let chars = characters
        var j = i
        while j < chars.count, !Self.isWordCharacter(chars[j]) { j += 1 }
        while j < chars.count, Self.isWordCharacter(chars[j]) { j += 1 }
        return j
    }

    /// Ctrl-W target: back over spaces, then back to the previous space (readline's unix-word-rubout).
    private func spaceWordStart(before i: Int) -> Int {
        let chars = characters
        var j = i
        while j > 0, chars[j - 1].isWhitespace { j -= 1 }
        while j > 0, !chars[j - 1].isWhitespace { j -= 1 }
        return j
    }

    // MARK: - History

    private mutating func browseHistory(by step: Int) {
        let target = historyIndex + step
        guard target >= 0, target <= history.count, target != historyIndex else { return }
        if historyIndex == history.count { draft = text }
        historyIndex = target
        text = target == history.count ? draft : history[target]
        cursor = text.count
    }

    // MARK: - Completion

    /// Ends a Tab cycle by putting back the word as it was typed (Esc during completion).
    /// Returns false when no cycle was in progress.
    @discardableResult
    public mutating func cancelCompletion() -> Bool {
        guard let c = completion else { return false }
        replaceWord(from: c.start, with: c.original, trailingSpace: false)
        completion = nil
        return true
    }

    private mutating func complete(step: Int) -> Outcome {
        if var c = completion {
            guard !c.candidates.isEmpty else { return .handled }
            c.index = (c.index + step + c.candidates.count) % c.candidates.count
            replaceWord(from: c.start, with: c.candidates[c.index], trailingSpace: false)
            completion = c
            return .handled
        }
        guard let completer else { return .ignored }
        let start = spaceWordStart(before: cursor)
        // Only complete a word the cursor sits at the end of.
        let chars = characters
        if cursor < chars.count, !chars[cursor].isWhitespace { return .handled }
        let word = String(chars[start..<cursor])
        let candidates = completer(word)
        guard !candidates.isEmpty else { return .handled }
        if candidates.count == 1 {
            replaceWord(from: start, with: candidates[0], trailingSpace: true)
            return .handled
        }
        let first = step > 0 ? 0 : candidates.count - 1
        replaceWord(from: start, with: candidates[first], trailingSpace: false)
        completion = Completion(candidates: candidates, index: first, start: start, original: word)
        return .handled
    }

    /// Replaces the characters from `start` to the cursor with `word`.
    private mutating func replaceWord(from start: Int, with word: String, trailingSpace: Bool) {
        var chars = characters
        chars.replaceSubrange(start..<cursor, with: Array(word))
        var end = start + word.count
        if trailingSpace, end == chars.count || !chars[end].isWhitespace {
            chars.insert(" ", at: end)
            end += 1
        }
        text = String(chars)
        cursor = end
    }
}

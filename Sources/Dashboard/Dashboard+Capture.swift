import TermUI
import Foundation
import PicnicCore

/// `picnic capture` is the dashboard in `Mode.capture`: the same prompt, completion, quick-add
/// preview, "already answered?" matches and effect runner, drawn by `CaptureView` for a popup.
/// ⏎ on a line that reads adds the task and ends (`.quit`); one that does not read stays open
/// with the reason; Esc or Ctrl-C ends without saving.
extension Dashboard {
    /// Opens the capture line with the capture history (oldest first). Draw the first frame,
    /// then run `firstFrameDrawn` for the words Tab completes.
    public static func startCapture(_ state: inout AppState, history: [String]) -> [Effect] {
        state.mode = .capture
        state.history[.capture] = Array(history.suffix(historyLimit))
        state.prompt = promptLine(state, .capture)
        state.promptPreview = nil
        state.draftMatches = []
        return []
    }

    /// The open tasks arrived: only their words matter here (Tab completion); no queue, no matching.
    static func captureTasksLoaded(_ state: inout AppState, _ loaded: [WorkTask]) -> [Effect] {
        state.tasks = loaded
        state.openCount = loaded.count
        state.queueComplete = true
        state.loaded = true
        // The line was opened before the tasks came: complete from these.
        state.prompt?.setCompleter(PromptCompletion.completer(for: .capture, tasks: loaded))
        return []
    }

    static func submitCapture(_ state: inout AppState, _ text: String) -> [Effect] {
        // The same reading as the preview's (a dependency on a number no open task holds too).
        if text.isEmpty || refusal(state, text) != nil {
            // The preview above already says what does not read.
            say(&state, text.isEmpty ? "Type a task first; Esc cancels" : "Not saved: fix the line above, or Esc cancels", error: true)
            return []
        }
        remember(&state, text, in: .capture)
        return [.addTask(text)]
    }

    static func captureSucceeded(_ state: inout AppState, _ effect: Effect, task: UUID?) -> [Effect] {
        guard case .addTask(let line) = effect, let task else { return [] }
        state.captured = .saved(task)
        return [.appendHistory(line), .quit]
    }
}

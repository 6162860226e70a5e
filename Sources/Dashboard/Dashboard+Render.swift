import TermUI
import Foundation

extension Dashboard {
    /// Draws the state at its own size (`state.width` × `state.height`).
    public static func render(_ state: AppState) -> ScreenBuffer {
        render(state, width: state.width, height: state.height)
    }

    /// Draws the state into a fresh buffer of the given size. Pure; any size is safe (below
    /// 30×8 it shows a "too small" notice). All untrusted text goes through `Sanitizer`.
    public static func render(_ state: AppState, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: max(0, width), height: max(0, height))
        let layout = Layout(width: width, height: height, mode: state.mode, focus: state.focus)
        if layout.tooSmall {
            drawTooSmall(&buffer, width: max(0, width), height: max(0, height))
            return buffer
        }
        var state = state
        if state.width != width || state.height != height {
            state.width = width; state.height = height
            state.normalize()
        }
        if state.mode == .capture {
            CaptureView.draw(&buffer, state)
            return buffer
        }
        switch state.mode {
        case .reader, .answer:
            ReaderView.draw(&buffer, state, layout.body)
        case .ask:
            AskView.draw(&buffer, state, layout.body)
        case .couldHelp:
            CouldHelpView.draw(&buffer, state, layout.body)
        default:
            QueueView.draw(&buffer, state, layout.queue, focused: state.focus == .queue || state.mode == .filter)
            if state.mode == .add || state.mode == .modify {
                DraftView.draw(&buffer, state, layout.help.isEmpty ? layout.queue : layout.help)
            } else {
                HelpView.draw(&buffer, state, layout.help, focused: state.focus == .help && state.mode == .normal)
            }
        }
        if state.mode == .help {
            OverlayView.draw(&buffer, state, layout.body)
        }
        if state.mode == .ledger {
            LedgerView.draw(&buffer, state, layout.body)
        }
        PromptView.draw(&buffer, state, layout.prompt)
        if state.mode == .whatHelped {
            WhatHelpedView.draw(&buffer, state, layout.prompt)
        }
        StatusView.draw(&buffer, state, layout.status)
        return buffer
    }

    static func drawTooSmall(_ buffer: inout ScreenBuffer, width: Int, height: Int) {
        guard width > 0, height > 0 else { return }
        let lines = ["Terminal too small", "\(width)×\(height), needs \(Layout.minWidth)×\(Layout.minHeight)", "q quits"]
        let top = max(0, (height - lines.count) / 2)
        for (i, l) in lines.enumerated() where top + i < height {
            let text = TextLayout.clip(l, to: width)
            buffer.write(text, x: max(0, (width - text.displayWidth) / 2), y: top + i, style: i == 0 ? Style.warning.with(.bold) : .dim)
        }
    }
}

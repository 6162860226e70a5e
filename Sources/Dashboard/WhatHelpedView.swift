import TermUI
import Foundation

/// "What helped?": one line on the prompt row after a task with help was finished. One key marks
/// a thread helpful; any other key skips it (and does what it always does).
enum WhatHelpedView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
        guard let offer = state.whatHelped, !rect.isEmpty else { return }
        buffer.fill(rect, style: .input)
        var line = StyledLine(" What helped? ", Style.accent.with(.bold))
        let actions: [Action] = [.helped1, .helped2, .helped3]
        let tail = " · any other key skips"
        let each = max(8, (rect.width - line.width - tail.displayWidth) / max(1, offer.threads.count) - 4)
        for (i, thread) in offer.threads.enumerated() {
            let key = state.keymap.label(for: actions[i], in: .whatHelped) ?? "\(i + 1)"
            line.append(key + " ", Style.keyHint.with(.bold))
            line.append(TextLayout.clip(Sanitizer.line(thread.title), to: each) + "  ", .input)
        }
        line.append(tail, .dim)
        buffer.write(line.clipped(to: rect.width), x: rect.x, y: rect.y, clip: rect)
    }
}

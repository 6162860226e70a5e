import TermUI
import Foundation

/// The capture popup (`Mode.capture`): the quick-add line on top, then how it reads and the
/// threads that may already answer it (as in the add prompt), the hints or a message at the bottom.
enum CaptureView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState) {
        let w = buffer.width, h = buffer.height
        PromptView.draw(&buffer, state, Rect(x: 0, y: 0, width: w, height: 1))
        let statusRows = h >= 3 ? 1 : 0
        if statusRows > 0 { StatusView.draw(&buffer, state, Rect(x: 0, y: h - 1, width: w, height: 1)) }
        DraftView.drawBody(&buffer, state, Rect(x: 0, y: 1, width: w, height: max(0, h - 1 - statusRows)))
    }
}

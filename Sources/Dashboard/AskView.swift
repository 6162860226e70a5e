import TermUI
import Foundation
import PicnicCore

/// The ask preview: the question as it will be sent, field by field, and beside it the threads
/// that may already answer it (strong ones as answers, weak ones plainly as weak guesses).
enum AskView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
        guard let form = state.askForm, !rect.isEmpty else { return }
        buffer.fill(rect)
        let whereTo = form.community.map { "Ask \(Sanitizer.line($0))" } ?? "Ask (kept on this machine)"
        Frame.draw(&buffer, rect, title: whereTo, figure: "preview", focused: true)
        let inner = rect.inset(by: 1)
        guard inner.width >= 10, inner.height >= 3 else { return }
        if inner.width >= 90 {
            let formWidth = inner.width * 3 / 5
            drawForm(&buffer, state, form, Rect(x: inner.x, y: inner.y, width: formWidth, height: inner.height))
            for y in inner.y..<inner.maxY { buffer.write("│", x: inner.x + formWidth, y: y, style: .border) }
            drawMatches(&buffer, state, form, Rect(x: inner.x + formWidth + 1, y: inner.y, width: inner.width - formWidth - 1,
                                                  height: inner.height))
        } else {
            let formHeight = max(8, inner.height * 3 / 5)
            drawForm(&buffer, state, form, Rect(x: inner.x, y: inner.y, width: inner.width, height: min(formHeight, inner.height)))
            if formHeight + 2 < inner.height {
                let y = inner.y + formHeight
                buffer.write(String(repeating: "─", count: inner.width), x: inner.x, y: y, style: .border)
                drawMatches(&buffer, state, form, Rect(x: inner.x, y: y + 1, width: inner.width, height: inner.maxY - y - 1))
            }
        }
    }

    static let labelWidth = 7

    /// The fields, the body, and where it goes.
    static func drawForm(_ buffer: inout ScreenBuffer, _ state: AppState, _ form: AskForm, _ rect: Rect) {
        var y = rect.y
        func put(_ line: StyledLine) {
            guard y < rect.maxY else { return }
            buffer.write(line.clipped(to: rect.width), x: rect.x, y: y, clip: rect)
            y += 1
        }
        for field in [AskForm.Field.title, .tags, .space] {
            let line = field == .title ? form.title : field == .tags ? form.tags : form.space
            let focused = form.field == field
            var head = StyledLine(" " + TextLayout.pad(field.label, to: labelWidth - 1), focused ? Style.accent.with(.bold) : .dim)
            head.append(focused ? "› " : "  ", .accent)
            let textX = rect.x + head.width
            let room = max(1, rect.width - head.width - 1)
            let chars = Array(Sanitizer.line(line.text))
            let cursor = min(line.cursor, chars.count)
            var start = 0
            while focused && start < cursor && String(chars[start..<cursor]).displayWidth >= room { start += 1 }
            let visible = TextLayout.prefix(String(chars[start...]), width: room)
            head.append(visible, field == .title ? Style.normal.with(.bold) : field == .tags ? .tag : .project)
            if field == .space && !form.spaces.isEmpty && visible.displayWidth + 4 < room {
                head.append("   ←/→ " + form.spaces.map { Sanitizer.line($0) }.joined(separator: " · "), .dim)
            }
            if focused && y < rect.maxY { buffer.cursor = Point(x: textX + String(chars[start..<cursor]).displayWidth, y: y) }
            put(head)
        }
        let focusedBody = form.field == .body
        put(StyledLine(" " + AskForm.Field.body.label + (focusedBody ? "  ›" : ""), focusedBody ? Style.accent.with(.bold) : .dim))
        let footer = 3
        let bodyRows = max(1, rect.maxY - y - footer)
        let wrapped = form.body.wrapped(width: max(1, rect.width - 3))
        let rows = wrapped.rows.map { Sanitizer.line($0) }
        var first = 0
        if focusedBody && wrapped.cursor.y >= bodyRows { first = wrapped.cursor.y - bodyRows + 1 }
        if form.body.isBlank && !focusedBody {
            put(StyledLine("   (no body: Tab to it, or \(state.keymap.label(for: .editInEditor, in: .ask) ?? "ctrl-o") for $EDITOR)", .dim))
        } else {
            for (i, row) in rows.dropFirst(first).prefix(bodyRows).enumerated() {
                let last = i == bodyRows - 1 && first + bodyRows < rows.count
                if focusedBody && first + i == wrapped.cursor.y {
                    buffer.cursor = Point(x: rect.x + 3 + wrapped.cursor.x, y: y)
                }
                put(StyledLine("   " + row + (last ? " …" : "")))
            }
        }
        y = max(y, rect.maxY - footer)
        put("")
        let send = state.keymap.label(for: .send, in: .ask) ?? "send"
        if let community = form.community {
            let space = Sanitizer.line(form.draft.space)
            put(StyledLine([Span(" To \(Sanitizer.line(community)) · \(space), as \(Sanitizer.line(state.community.user)). ", .info),
                            Span("Sent only with \(send).", Style.info.with(.bold))]))
        } else {
            put(StyledLine(" No community joined: \(send) keeps the question on this machine.", .info))
        }
        if let problem = form.problem { put(StyledLine(" ⚠ " + Sanitizer.line(problem), .warning)) }
    }

    /// "Already answered?": the strong matches as answers, the weak ones plainly as weak guesses.
    static func drawMatches(_ buffer: inout ScreenBuffer, _ state: AppState, _ form: AskForm, _ rect: Rect) {
        var y = rect.y
        func put(_ line: StyledLine) {
            guard y < rect.maxY else { return }
            buffer.write(line.clipped(to: rect.width), x: rect.x, y: y, clip: rect)
            y += 1
        }
        put(StyledLine(" Already answered?", Style.title.with(.bold)))
        for line in lines(form.matches, width: rect.width, state: state) { put(line) }
    }

    /// The lines of the "already answered?" list, shared with the add prompt's draft pane.
    static func lines(_ matches: [ThreadMatch], width: Int, state: AppState) -> [StyledLine] {
        let strong = matches.filter(\.strong)
        let weak = matches.filter { !$0.strong }
        var out: [StyledLine] = []
        if strong.isEmpty {
            out.append(StyledLine(" Nothing here answers it yet.", .dim))
        }
        for m in strong {
            out += HelpView.lines(m, width: width, state: state, selected: false)
        }
        if !weak.isEmpty {
            out.append("")
            out.append(StyledLine(" Weak guesses, probably not answers:", .weak))
            for m in weak.prefix(5) {
                let conf = String(format: "%.2f", m.confidence)
                let title = TextLayout.clip(Sanitizer.line(m.post.title), to: max(1, width - 4 - conf.count - 1))
                let pad = String(repeating: " ", count: max(0, width - 4 - title.displayWidth - conf.count))
                out.append(StyledLine([Span("  · ", .weak), Span(title, .dim), Span(pad + conf, .weak)]))
            }
        }
        return out
    }
}

import CNcursesw
import Glibc
import TermUI

extension Terminal {
    /// Draws a screen buffer: only the cells that differ from the last drawn buffer (all of them
    /// after a resize, `resume()` or `invalidate()`), then places or hides the cursor.
    public func draw(_ buffer: ScreenBuffer) {
        guard !closed, !suspended else { return }
        let (w, h) = size
        if w != buffer.width || h != buffer.height { invalidate() }
        let runs = ScreenBuffer.diff(lastDrawn, buffer, mergeGap: 3)
        if lastDrawn == nil { werase(picnic_stdscr()) }
        let win = picnic_stdscr()
        var wchars = [wchar_t](repeating: 0, count: Int(picnic_CCHARW_MAX()) + 1)
        var cc = cchar_t()
        for run in runs where run.y < h {
            for (i, cell) in run.cells.enumerated() where !cell.isContinuation {
                let x = run.x + i
                guard x < w else { break }
                let (attrs, pair) = attributes(for: cell.style)
                let width = Int(cell.width)
                var drawnWidth = 0
                for (text, partWidth) in Self.drawable(cell.text, width: width) where x + drawnWidth < w {
                    fill(&wchars, text)
                    picnic_setcchar(&cc, wchars, attrs, pair)
                    mvwadd_wch(win, Int32(run.y), Int32(x + drawnWidth), &cc)
                    drawnWidth += partWidth
                }
                // Our width and the C library's disagree (e.g. VS16 on a text-default symbol):
                // pad with blanks so every later column stays where the buffer says.
                if drawnWidth < width {
                    fill(&wchars, " ")
                    picnic_setcchar(&cc, wchars, attrs, pair)
                    for k in drawnWidth..<width where x + k < w { mvwadd_wch(win, Int32(run.y), Int32(x + k), &cc) }
                }
            }
        }
        if let c = buffer.cursor, c.x >= 0, c.y >= 0, c.x < w, c.y < h {
            wmove(win, Int32(c.y), Int32(c.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(win)
        doupdate()
        lastDrawn = buffer
    }

    private func fill(_ wchars: inout [wchar_t], _ text: String) {
        var i = 0
        for s in text.unicodeScalars where i < wchars.count - 1 {
            wchars[i] = wchar_t(bitPattern: s.value); i += 1
        }
        wchars[i] = 0
    }

    /// What to hand ncurses for a cluster we measured at `width`: cchar texts drawn side by side
    /// and the columns the C library gives each. A flag (two regional indicators, each one column
    /// to the C library) goes as two cells the terminal may join; a cluster longer than a cchar
    /// holds (CCHARW_MAX scalars, e.g. a ZWJ family) falls back to its first scalar; a VS16
    /// cluster the C library sees as narrow is drawn without the selector; anything it sees as
    /// wider than we do becomes U+FFFD.
    static func drawable(_ text: String, width: Int) -> [(String, Int)] {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else { return [(" ", 1)] }
        if scalars.count == 1 && first.value < 0x7F { return [(text, 1)] }
        let libWidth = Int(picnic_wcwidth(first.value))
        if libWidth < 0 || libWidth > width { return [("\u{FFFD}", 1)] }
        if scalars.count == 2 && DisplayWidth.isRegionalIndicatorPair(scalars[0], scalars[1]) && libWidth == 1 {
            return [(String(scalars[0]), 1), (String(scalars[1]), 1)]
        }
        var chosen = scalars
        if chosen.count > Int(picnic_CCHARW_MAX()) { chosen = [first] }
        // After the first, a cchar may hold only characters the C library counts as zero-width.
        chosen = [first] + chosen.dropFirst().filter { picnic_wcwidth($0.value) == 0 && (libWidth == width || $0.value != 0xFE0F) }
        var s = ""
        s.unicodeScalars.append(contentsOf: chosen)
        return [(s, max(1, libWidth))]
    }

    /// The curses attributes and colour pair for a style, made once per style.
    func attributes(for style: Style) -> (attr_t, Int32) {
        if let cached = styleCache[style] { return cached }
        let look = Palette.look(style, depth: colorDepth)
        var attrs = picnic_A_NORMAL()
        if look.attributes.contains(.bold) { attrs |= picnic_A_BOLD() }
        if look.attributes.contains(.underline) { attrs |= picnic_A_UNDERLINE() }
        if look.attributes.contains(.reverse) { attrs |= picnic_A_REVERSE() }
        if look.attributes.contains(.dim) { attrs |= picnic_A_DIM() }
        if look.attributes.contains(.italic) { attrs |= picnic_A_ITALIC() }
        var pair: Int32 = 0
        if colorDepth != .monochrome && (look.foreground != -1 || look.background != -1) {
            let colorKey = Look(foreground: look.foreground, background: look.background)
            if let p = pairs[colorKey] {
                pair = p
            } else if pairs.count + 1 < Int(picnic_COLOR_PAIRS()) {
                pair = Int32(pairs.count + 1)
                init_pair(Int16(pair), Int16(look.foreground), Int16(look.background))
                pairs[colorKey] = pair
            }
        }
        styleCache[style] = (attrs, pair)
        return (attrs, pair)
    }
}

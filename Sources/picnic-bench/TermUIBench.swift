import ArgumentParser
import Foundation
import TermUI

/// `picnic-bench termui`: the cost of TermUI's pure parts on the per-key path — rendering a full
/// two-pane frame (boxes, a list, wrapped text, a status line), diffing it against the previous
/// frame — and the throughput of display width and the sanitizer on mixed-script text.
struct TermUIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "termui",
        abstract: "Render + diff a two-pane frame (80x24, 200x60, 400x120) and measure width/sanitizer throughput.")

    @Option(help: "Frames per size.")
    var frames = 300

    func run() throws {
        let titles = (0..<10_000).map { i in
            ["Fix flaky CI on arm64 #\(i)", "日本語のタスク \(i) 👨‍👩‍👧‍👦", "Review payments PR \(i) +review",
             "Rotate staging certs \(i) e\u{301}t\u{E9}", "Q3 budget draft \(i) 🇯🇵"][i % 5]
        }
        let body = String(repeating: "Pinning the arm64 runner image fixed it — 固定する and ✨ done. ", count: 40)
        for (w, h) in [(80, 24), (200, 60), (400, 120)] {
            var previous: ScreenBuffer?
            var renderTimes: [Double] = [], diffTimes: [Double] = []
            var cells = 0
            for f in 0..<frames {
                let t0 = ContinuousClock.now
                let buffer = Self.frame(width: w, height: h, selected: f % 200, titles: titles, body: body)
                let t1 = ContinuousClock.now
                let runs = ScreenBuffer.diff(previous, buffer, mergeGap: 3)
                let t2 = ContinuousClock.now
                cells += runs.reduce(0) { $0 + $1.cells.count }
                renderTimes.append(Self.ms(t0, t1)); diffTimes.append(Self.ms(t1, t2))
                previous = buffer
            }
            print(String(format: "%3dx%-3d render p50 %.2f ms p99 %.2f ms | diff p50 %.3f ms p99 %.3f ms | %d cells redrawn/frame",
                         w, h, Self.pct(renderTimes, 0.5), Self.pct(renderTimes, 0.99),
                         Self.pct(diffTimes, 0.5), Self.pct(diffTimes, 0.99), cells / frames))
        }
        var text = ""
        for i in 0..<20_000 { text += titles[i % titles.count] + " \u{1B}[31mred\u{1B}[0m\t\u{202E}x\n" }
        let bytes = Double(text.utf8.count)
        var t0 = ContinuousClock.now
        let width = text.displayWidth
        let wTime = Self.ms(t0, .now)
        t0 = .now
        let clean = Sanitizer.clean(text)
        let sTime = Self.ms(t0, .now)
        print(String(format: "display width: %.1f MB/s (%d columns)   sanitizer: %.1f MB/s (%d → %d bytes)",
                     bytes / 1e3 / wTime, width, bytes / 1e3 / sTime, text.utf8.count, clean.utf8.count))
    }

    static func frame(width: Int, height: Int, selected: Int, titles: [String], body: String) -> ScreenBuffer {
        var b = ScreenBuffer(width: width, height: height)
        let rows = Rect(width: width, height: height).rows([.fill, .fixed(1)])
        let panes = rows[0].columns([.ratio(2, min: 30), .ratio(3)])
        b.render(Box(title: "Queue", count: "\(titles.count)", focused: true), in: panes[0])
        let list = Box.inner(panes[0])
        let first = max(0, selected - 5)
        let right = StyledLine([Span("+ops ", .tag), Span("2d", .due)])
        for i in 0..<list.height where first + i < titles.count {
            let left = StyledLine([Span("○ ", .dim), Span(titles[first + i])]).clipped(to: list.width - right.width - 1)
            b.write(left, x: list.x, y: list.y + i, clip: list)
            b.write(right, x: list.maxX - right.width, y: list.y + i, clip: list)
            if first + i == selected { b.restyle(list.row(i)) { $0.selected() } }
        }
        b.render(Box(title: StyledLine("Help for “\(titles[selected])”"), count: "3"), in: panes[1])
        let inner = Box.inner(panes[1])
        for (i, line) in TextLayout.wrap(StyledLine(body), width: inner.width).prefix(inner.height).enumerated() {
            b.write(line, x: inner.x, y: inner.y + i, clip: inner)
        }
        b.fill(rows[1], style: .statusBar)
        b.write(StyledLine([Span("a", .keyHint), Span(" add  ", .statusBar), Span("d", .keyHint), Span(" done  ", .statusBar),
                            Span("/", .keyHint), Span(" filter  ", .statusBar), Span("?", .keyHint), Span(" keys", .statusBar)]),
                x: 1, y: rows[1].y, clip: rows[1])
        let counts = StyledLine("2 due · 3 helps", .statusBar)
        b.write(counts, x: rows[1].maxX - 1 - counts.width, y: rows[1].y, clip: rows[1])
        return b
    }

    static func ms(_ a: ContinuousClock.Instant, _ b: ContinuousClock.Instant) -> Double {
        let d = a.duration(to: b).components
        return Double(d.seconds) * 1000 + Double(d.attoseconds) / 1e15
    }

    static func pct(_ xs: [Double], _ p: Double) -> Double {
        let s = xs.sorted()
        return s[min(s.count - 1, Int(Double(s.count) * p))]
    }
}

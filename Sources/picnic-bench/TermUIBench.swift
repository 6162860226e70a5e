import ArgumentParser
import Foundation
import TermUI

/// `picnic-bench termui`: the cost of TermUI's pure parts on the per-key path — rendering a full
/// two-pane frame of widgets, diffing it against the previous frame — and the throughput of
/// display width and the sanitizer on mixed-script text.
struct TermUIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "termui",
        abstract: "Render + diff a widget frame (80x24, 200x60, 400x120) and measure width/sanitizer throughput.")

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
        let list = ListView(count: titles.count, selected: selected, offset: max(0, selected - 5)) { i in
            ListItem(StyledLine([Span("○ ", .dim), Span(titles[i])]), right: StyledLine([Span("+ops ", .tag), Span("2d", .due)]))
        }
        b.render(list, in: Box.inner(panes[0]))
        b.render(Box(title: StyledLine("Help for “\(titles[selected])”"), count: "3"), in: panes[1])
        let inner = Box.inner(panes[1])
        b.render(TextView(paragraphs: [StyledLine(body)], width: inner.width), in: inner)
        b.render(StatusBar(hints: [KeyHint("a", "add"), KeyHint("d", "done"), KeyHint("/", "filter"), KeyHint("?", "keys")],
                           right: StyledLine("2 due · 3 helps")), in: rows[1])
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

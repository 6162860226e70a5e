// A small program that drives TermUI through the real curses backend: a playground for widths,
// colour roles and key names, and the subject of the backend's tmux smoke tests.
//   termui-demo [--frames FIFO] [--mouse] [--depth monochrome|eight|sixteen|full256]
import CursesBackend
import Foundation
import TermUI

var framesPath: String?
var options = Terminal.Options()
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--frames": framesPath = args.popFirst()
    case "--mouse": options.mouse = true
    case "--depth": options.colorDepth = args.popFirst().flatMap(ColorDepth.init(rawValue:))
    default:
        FileHandle.standardError.write(Data("termui-demo: unknown argument \(a)\n".utf8))
        exit(64)
    }
}

// Frames are announced on a FIFO (one line each) so tests wait for a frame, never sleep.
let frames: FileHandle? = framesPath.flatMap { FileHandle(forWritingAtPath: $0) }

let hostile = "Pinning the arm64 runner\u{1B}]52;c;ZXZpbA==\u{07} image\u{1B}]2;pwned\u{07} \u{202E}desab\u{202C} \u{9B}31mok"
let rows: [ListItem] = [
    ListItem(StyledLine([Span("● ", .priorityHigh), Span("Fix flaky CI on arm64")]), right: StyledLine([Span("H ", .priorityHigh), Span("2d", .overdue)])),
    ListItem(StyledLine([Span("○ ", .dim), Span("Review payments PR")]), right: StyledLine("+review", .tag)),
    ListItem(StyledLine([Span("○ ", .dim), Span("日本語のタスク 👨‍👩‍👧‍👦 🇯🇵")]), right: StyledLine("due fr", .due)),
    ListItem(StyledLine([Span("○ ", .dim), Span(Sanitizer.line(hostile))]), right: StyledLine("+ops", .tag)),
]
let roles = Style.Role.allCases

var selected = 0
var lastKey = "none"
var frameCount = 0

func render(width: Int, height: Int) -> ScreenBuffer {
    var b = ScreenBuffer(width: width, height: height)
    guard width >= 20, height >= 6 else {
        b.write(TextLayout.clip("Terminal too small", to: width), x: 0, y: 0, style: .warning)
        return b
    }
    let body = Rect(width: width, height: height - 1)
    let panes = body.columns([.ratio(1, min: 20), .ratio(1)])
    b.render(Box(title: "Queue", count: "\(rows.count)", focused: true), in: panes[0])
    b.render(ListView(items: rows, selected: selected, offset: 0), in: Box.inner(panes[0]))
    b.render(Box(title: "Roles", count: "\(roles.count)"), in: panes[1])
    let lines = roles.map { StyledLine([Span($0.rawValue, Style($0)), Span(" sel", Style($0).selected())]) }
    b.render(TextView(wrapped: lines), in: Box.inner(panes[1]))
    b.render(StatusBar(hints: [KeyHint("j/k", "move"), KeyHint("q", "quit")],
                       right: StyledLine("key: \(lastKey)")), in: Rect(x: 0, y: height - 1, width: width, height: 1))
    return b
}

do {
    try Terminal.withTerminal(options) { term in
        while true {
            let (w, h) = term.size
            term.draw(render(width: w, height: h))
            frameCount += 1
            frames?.write(Data("frame \(frameCount) \(w)x\(h) key=\(lastKey) depth=\(term.colorDepth.rawValue) pid=\(getpid())\n".utf8))
            guard let key = term.readKey(timeout: -1) else { continue }
            lastKey = key.name
            switch key {
            case .char("q"): return
            case .char("j"), .down: selected = min(rows.count - 1, selected + 1)
            case .char("k"), .up: selected = max(0, selected - 1)
            case .char("!"): fatalError("crash requested")
            default: break
            }
        }
    }
} catch {
    FileHandle.standardError.write(Data("termui-demo: \(error)\n".utf8))
    exit(78)
}

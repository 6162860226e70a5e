// A small program that drives TermUI through the real curses backend: a playground for widths,
// colour roles and key names, and the subject of the backend's tmux smoke tests.
//   termui-demo [--mouse] [--depth monochrome|eight|sixteen|full256]
// Follows the ready contract of docs/Testing.md (PICNIC_READY_FIFO) after its first frame.
import CursesBackend
import Foundation
import TermUI

var options = Terminal.Options()
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--mouse": options.mouse = true
    case "--depth": options.colorDepth = args.popFirst().flatMap(ColorDepth.init(rawValue:))
    default:
        FileHandle.standardError.write(Data("termui-demo: unknown argument \(a)\n".utf8))
        exit(64)
    }
}

/// Writes `ready PID` to $PICNIC_READY_FIFO once, without ever blocking (docs/Testing.md).
func signalReady() {
    guard let path = ProcessInfo.processInfo.environment["PICNIC_READY_FIFO"], !path.isEmpty else { return }
    let fd = open(path, O_WRONLY | O_NONBLOCK)
    guard fd >= 0 else { return }
    let line = Array("ready \(getpid())\n".utf8)
    _ = line.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

let hostile = "Pinning the arm64 runner\u{1B}]52;c;ZXZpbA==\u{07} image\u{1B}]2;pwned\u{07} \u{202E}desab\u{202C} \u{9B}31mok"
/// One row of the demo's list: left text, right-aligned text.
let rows: [(left: StyledLine, right: StyledLine)] = [
    (StyledLine([Span("● ", .priorityHigh), Span("Fix flaky CI on arm64")]), StyledLine([Span("H ", .priorityHigh), Span("2d", .overdue)])),
    (StyledLine([Span("○ ", .dim), Span("Review payments PR")]), StyledLine("+review", .tag)),
    (StyledLine([Span("○ ", .dim), Span("日本語のタスク 👨‍👩‍👧‍👦 🇯🇵")]), StyledLine("due fr", .due)),
    (StyledLine([Span("○ ", .dim), Span(Sanitizer.line(hostile))]), StyledLine("+ops", .tag)),
]
let roles = Style.Role.allCases

var selected = 0
var lastKey = "none"
var frameCount = 0

func render(width: Int, height: Int, depth: ColorDepth) -> ScreenBuffer {
    var b = ScreenBuffer(width: width, height: height)
    guard width >= 20, height >= 6 else {
        b.write(TextLayout.clip("Terminal too small", to: width), x: 0, y: 0, style: .warning)
        return b
    }
    let body = Rect(width: width, height: height - 1)
    let panes = body.columns([.ratio(1, min: 20), .ratio(1)])
    b.render(Box(title: "Queue", count: "\(rows.count)", focused: true), in: panes[0])
    let list = Box.inner(panes[0])
    for (i, row) in rows.enumerated() where i < list.height {
        // Left text clipped first, right text aligned right, the selected row restyled across.
        let right = row.right.clipped(to: max(0, list.width - 2))
        let left = row.left.clipped(to: list.width - right.width - (right.width > 0 ? 1 : 0))
        b.write(left, x: list.x, y: list.y + i, clip: list)
        b.write(right, x: list.maxX - right.width, y: list.y + i, clip: list)
        if i == selected { b.restyle(list.row(i)) { $0.selected() } }
    }
    b.render(Box(title: "Roles", count: "\(roles.count)"), in: panes[1])
    let inner = Box.inner(panes[1])
    for (i, role) in roles.enumerated() where i < inner.height {
        b.write(StyledLine([Span(role.rawValue, Style(role)), Span(" sel", Style(role).selected())]).clipped(to: inner.width),
                x: inner.x, y: inner.y + i, clip: inner)
    }
    let status = Rect(x: 0, y: height - 1, width: width, height: 1)
    b.fill(status, style: .statusBar)
    b.write(StyledLine([Span("j/k", .keyHint), Span(" move  ", .statusBar), Span("q", .keyHint), Span(" quit", .statusBar)]),
            x: 1, y: height - 1, clip: status)
    let right = StyledLine("key: \(lastKey) · \(depth.rawValue)", .statusBar).clipped(to: max(0, width - 20))
    b.write(right, x: width - 1 - right.width, y: height - 1, clip: status)
    return b
}

do {
    try Terminal.withTerminal(options) { term in
        while true {
            let (w, h) = term.size
            term.draw(render(width: w, height: h, depth: term.colorDepth))
            frameCount += 1
            if frameCount == 1 { signalReady() }
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

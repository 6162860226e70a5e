import Foundation
import PicnicCore
import PicnicStore

/// The human table of `picnic list`: id, age, project, tags, due, priority, urgency, title.
enum TaskTable {
    static let header = ["ID", "Age", "Project", "Tags", "Due", "P", "Urg", "Title"]
    static let columns = 8

    /// Renders rows as UTF-8; with a `width` (a terminal) each line is cut to fit, the title
    /// giving way first.
    static func render(_ tasks: [WorkTask], now: Date, width: Int?) -> [UInt8] {
        render(TaskListing(tasks, now: now), now: now, width: width)
    }

    /// `render` of rows listed by the store. Two passes and no String per cell: the first
    /// measures every cell (text of printable ASCII is as wide as its bytes; only other text is
    /// made safe and measured by Characters), the second writes the cells straight into a buffer
    /// sized by the first.
    static func render(_ tasks: TaskListing, now: Date, width: Int?) -> [UInt8] {
        tasks.text.withUnsafeBufferPointer { text in
            let layout = Layout(tasks, text, now: now)
            var widths = layout.columnWidths
            var visible: [Int] = []
            for c in 0..<columns where c == 0 || c == 7 || widths[c] > layout.cellWidth[c] || layout.nonEmpty[c] {
                visible.append(c)
            }
            if let width { giveWayToTitle(&widths, visible: visible, width: width) }
            let last = visible.last!
            let n = tasks.count + 1
            // Cells, padding, separators, a cut cell's or line's `…`, the newline.
            let bound = layout.cellBytes + n * (widths.reduce(0, +) + 4 * columns + 8)
            return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                var out = ByteWriter(buffer)
                for r in 0..<n {
                    let start = out.count
                    for c in visible {
                        let rightAligned = c == 0 || c == 6
                        let w = layout.cellWidth[r * columns + c]
                        if w > widths[c] {
                            // Wider than its column (a long project or tags): cut by Characters.
                            let at = out.count
                            layout.write(r, c, tasks, text, into: &out)
                            let cell = Terminal.truncate(out.string(from: at), to: widths[c])
                            out.count = at
                            let padding = c == last ? 0 : max(0, widths[c] - Terminal.width(of: cell))
                            if rightAligned { out.spaces(padding) }
                            out.append(cell)
                            if !rightAligned { out.spaces(padding) }
                        } else {
                            let padding = c == last ? 0 : widths[c] - w
                            if rightAligned { out.spaces(padding) }
                            layout.write(r, c, tasks, text, into: &out)
                            if !rightAligned { out.spaces(padding) }
                        }
                        if c != last { out.append(UInt8(ascii: " ")) }
                    }
                    if let width { fit(&out, from: start, to: width) }
                    out.append(UInt8(ascii: "\n"))
                }
                count = out.count
            }
        }
    }

    /// When a line would be wider than `width`, tags and then project give up columns (down to
    /// their headers' width) before the title is cut: the title is the last column to shrink.
    static func giveWayToTitle(_ widths: inout [Int], visible: [Int], width: Int) {
        var over = visible.reduce(visible.count - 1) { $0 + widths[$1] } - width
        for c in [3, 2] where over > 0 && visible.contains(c) {
            let give = min(over, max(0, widths[c] - header[c].count))
            widths[c] -= give
            over -= give
        }
    }

    /// Cuts the line from `start` to the end of `out` to `width` columns, as `Terminal.truncate`
    /// does; a line of ASCII is as wide as its bytes and is cut without building a String.
    static func fit(_ out: inout ByteWriter, from start: Int, to width: Int) {
        let ascii = !out.bytes(from: start).contains { $0 >= 0x80 }
        if ascii && out.count - start <= width { return }
        if ascii && width > 0 {
            out.count = start + width - 1
            out.append("…")
            return
        }
        let line = Terminal.truncate(out.string(from: start), to: width)
        out.count = start
        out.append(line)
    }

    /// Appends into memory the caller sized; checks every write against that size.
    struct ByteWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

        mutating func append(_ byte: UInt8) {
            precondition(count < buffer.count)
            buffer[count] = byte
            count += 1
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let source = bytes.baseAddress else { return }
            precondition(count + bytes.count <= buffer.count)
            (buffer.baseAddress! + count).initialize(from: source, count: bytes.count)
            count += bytes.count
        }

        mutating func append(_ text: String) {
            if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
                for b in text.utf8 { append(b) }
            }
        }

        mutating func spaces(_ n: Int) {
            guard n > 0 else { return }
            precondition(count + n <= buffer.count)
            (buffer.baseAddress! + count).initialize(repeating: UInt8(ascii: " "), count: n)
            count += n
        }

        /// The digits of a non-negative integer.
        mutating func decimal(_ v: Int) {
            if v >= 10 { decimal(v / 10) }
            append(UInt8(ascii: "0") + UInt8(v % 10))
        }

        /// `-1.5`, `0.0`, `12.3` from tenths, as `TaskTable.oneDecimal` prints them.
        mutating func tenths(_ tenths: Int) {
            if tenths < 0 { append(UInt8(ascii: "-")) }
            decimal(abs(tenths) / 10)
            append(UInt8(ascii: "."))
            append(UInt8(ascii: "0") + UInt8(abs(tenths) % 10))
        }

        func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: buffer[start..<count])
        }

        func string(from start: Int) -> String { String(decoding: bytes(from: start), as: UTF8.self) }
    }
}

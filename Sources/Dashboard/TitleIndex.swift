import Foundation
import PicnicCore

/// The texts free filter words look in (`TaskFilter.searchText`: title, tags, project), prepared
/// once per load for the live filter: ASCII texts lower-cased into one byte buffer, so each key
/// scans bytes instead of asking Foundation about 10k strings.
struct TitleIndex: Equatable, Sendable {
    /// Lower-cased ASCII bytes of all ASCII texts, back to back.
    private var bytes: [UInt8] = []
    /// For each task, its text's start and end in `bytes`; start -1 for a non-ASCII text.
    private var bounds: [(start: Int32, end: Int32)] = []

    init() {}

    init(_ tasks: [WorkTask]) {
        bytes.reserveCapacity(tasks.count * 32)
        bounds.reserveCapacity(tasks.count)
        for task in tasks {
            let start = bytes.count
            var ascii = true
            func add(_ text: String) {
                for b in text.utf8 {
                    if b >= 0x80 { ascii = false; break }
                    bytes.append(b >= 65 && b <= 90 ? b | 0x20 : b)
                }
            }
            add(task.title)
            for tag in task.tags where ascii { bytes.append(0x0A); add(tag) }
            if ascii, let p = task.project, !p.isEmpty { bytes.append(0x0A); add(p) }
            if ascii {
                bounds.append((Int32(start), Int32(bytes.count)))
            } else {
                bytes.removeSubrange(start...)
                bounds.append((-1, -1))
            }
        }
    }

    static func == (a: TitleIndex, b: TitleIndex) -> Bool {
        a.bytes == b.bytes && a.bounds.elementsEqual(b.bounds) { $0 == $1 }
    }

    /// Whether the text at `position` contains `needle` ignoring case and accents; `title` (the
    /// task's `TaskFilter.searchText`) is consulted (through Foundation) only for a text or
    /// needle that is not ASCII.
    func contains(_ needle: QueueRules.WordNeedle, at position: Int, title: @autoclosure () -> String) -> Bool {
        guard let word = needle.ascii, position < bounds.count, bounds[position].start >= 0 else {
            return needle.found(in: title())
        }
        let (s, e) = (Int(bounds[position].start), Int(bounds[position].end))
        let n = word.count
        if n == 0 { return true }
        if e - s < n { return false }
        return bytes.withUnsafeBufferPointer { hay in
            word.withUnsafeBufferPointer { w in
                let first = w[0]
                var i = s
                let last = e - n
                while i <= last {
                    if hay[i] == first {
                        var k = 1
                        while k < n && hay[i + k] == w[k] { k += 1 }
                        if k == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

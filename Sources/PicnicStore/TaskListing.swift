import Foundation
import PicnicCore

/// The rows of `picnic list`'s table in display order: only the fields the table prints and
/// ranks by, their text in one UTF-8 buffer, so that listing the queue makes no `WorkTask`,
/// String or array per task (building, sorting and freeing those was most of `list`'s time).
/// The store fills it straight from SQLite (`AppDatabase.queueListing`); a filtered list is
/// made from tasks with `init(_:now:)`.
public struct TaskListing: Sendable {
    /// Row indices in display order.
    public private(set) var order: [Int] = []
    /// Short numbers; `TaskListing.noNumber` for a task without one.
    public private(set) var numbers: [Int] = []
    public private(set) var created: [Date] = []
    public private(set) var due: [Date?] = []
    public private(set) var priorities: [Priority?] = []
    public private(set) var statuses: [TaskStatus] = []
    public private(set) var urgency: [Double] = []
    /// Per row, `Mark` bits: blocked, blocking, recurring, scheduled later.
    public private(set) var marks: [UInt8] = []
    /// The rows scheduled later (not ready yet) and when they become ready, in row order; few or
    /// none, so the common queue pays nothing for them.
    public private(set) var laterRows: [(row: Int, ready: Date)] = []
    /// The valid UTF-8 of every row's texts, which `spans` locates.
    public private(set) var text: [UInt8] = []
    /// Per row, `Field.allCases.count` pairs of (start in `text`, byte count).
    public private(set) var spans: [Int32] = []

    public static let noNumber = Int.min

    /// The bits of `marks`.
    public enum Mark {
        /// Waits on an open task.
        public static let blocked: UInt8 = 1
        /// An open task waits on it.
        public static let blocking: UInt8 = 2
        /// An instance of a recurring series.
        public static let recurring: UInt8 = 4
        /// Scheduled later: not ready yet.
        public static let later: UInt8 = 8

        /// The bits of a task at `now`.
        public static func of(_ t: WorkTask, now: Date) -> UInt8 {
            (t.blocked ? blocked : 0) | (t.blocking ? blocking : 0) | (t.series != nil ? recurring : 0)
                | (Urgency.laterKey(t.scheduled, now: now) != .distantPast ? later : 0)
        }
    }

    /// The texts of a row. `id` is the UUID's first 8 characters, set only without a number;
    /// `tags` are joined by single spaces; `project` is empty for none.
    public enum Field: Int, CaseIterable, Sendable {
        case id, project, tags, title
    }

    public var count: Int { numbers.count }

    public init() {}

    /// The rows of `tasks`, in their order.
    public init(_ tasks: [WorkTask], now: Date) {
        for t in tasks {
            appendText(.id, t.number == nil ? Array(t.uuid.uuidString.lowercased().prefix(8).utf8) : [])
            appendText(.project, Array((t.project ?? "").utf8))
            appendText(.tags, Array(t.tags.joined(separator: " ").utf8))
            appendText(.title, Array(t.title.utf8))
            appendFields(number: t.number, created: t.created, due: t.due, priority: t.priority, status: t.status,
                         urgency: Urgency.score(t, now: now), marks: Mark.of(t, now: now),
                         later: Urgency.laterKey(t.scheduled, now: now))
        }
        order = Array(numbers.indices)
    }

    /// Where a row's text is in `text`.
    public func span(_ row: Int, _ field: Field) -> (start: Int, count: Int) {
        let k = (row * Field.allCases.count + field.rawValue) * 2
        return (Int(spans[k]), Int(spans[k + 1]))
    }

    /// The bytes of a row's text, valid in `body` only.
    public func withText<T>(_ row: Int, _ field: Field, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let k = (row * Field.allCases.count + field.rawValue) * 2
        let start = Int(spans[k]), n = Int(spans[k + 1])
        return text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<start + n])) }
    }

    /// A row's text as a String.
    public func string(_ row: Int, _ field: Field) -> String {
        withText(row, field) { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Building (a row: its texts in `Field` order, then `appendFields`)

    /// Appends a text of the row being built; text that is not valid UTF-8 is stored as String
    /// would read it (U+FFFD for bad bytes).
    mutating func appendText(_ field: Field, _ bytes: UnsafeBufferPointer<UInt8>) {
        let start = text.count
        var high: UInt8 = 0
        for b in bytes { high |= b } // no early exit: the loop vectorizes
        if high >= 0x80 {
            text.append(contentsOf: String(decoding: bytes, as: UTF8.self).utf8)
        } else {
            text.append(contentsOf: bytes)
        }
        spans.append(Int32(start))
        spans.append(Int32(text.count - start))
    }

    mutating func appendText(_ field: Field, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { appendText(field, $0) }
    }

    /// Appends already-valid UTF-8 piece by piece as one text: call `beginText`, then
    /// `text.append` through `appendRaw`, then `endText`.
    mutating func beginText() -> Int { text.count }

    mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: bytes) }

    mutating func appendRaw(_ byte: UInt8) { text.append(byte) }

    mutating func endText(from start: Int) {
        spans.append(Int32(start))
        spans.append(Int32(text.count - start))
    }

    mutating func appendFields(number: Int?, created: Date, due: Date?, priority: Priority?, status: TaskStatus, urgency: Double,
                               marks: UInt8, later: Date) {
        numbers.append(number ?? Self.noNumber)
        self.created.append(created)
        self.due.append(due)
        priorities.append(priority)
        statuses.append(status)
        self.urgency.append(urgency)
        self.marks.append(marks)
        if later != .distantPast { laterRows.append((numbers.count - 1, later)) }
    }

    /// Marks a row as `QueueMarks` found it (blocked, blocking, scheduled, recurring) and adds
    /// those urgency terms, as `Urgency.score` adds them last.
    mutating func apply(_ m: QueueMarks.RowMark, row: Int, now: Date) {
        let later = m.later(now)
        marks[row] |= (m.blocked ? Mark.blocked : 0) | (m.blocking ? Mark.blocking : 0) | (m.recurring ? Mark.recurring : 0)
            | (later != nil ? Mark.later : 0)
        if let later { laterRows.append((row, later)) }
        urgency[row] = Urgency.adding(ready: m.ready(now), blocked: m.blocked, blocking: m.blocking, to: urgency[row])
    }

    /// Orders the rows as `Urgency.sort` orders tasks: ready first, most urgent first, then
    /// earlier due, older, smaller number.
    mutating func sortByUrgency() {
        if !laterRows.isEmpty {
            var later = [Date](repeating: .distantPast, count: numbers.count)
            for (row, ready) in laterRows { later[row] = ready }
            order = Urgency.stableOrder(numbers.count) { i, j in
                if later[i] != later[j] { return later[i] < later[j] }
                return precedes(i, j)
            }
            return
        }
        order = Urgency.stableOrder(numbers.count, by: precedes)
    }

    /// The queue order of two rows that are both ready (or both scheduled for the same moment).
    @inline(__always)
    private func precedes(_ i: Int, _ j: Int) -> Bool {
        if urgency[i] != urgency[j] { return urgency[i] > urgency[j] }
        let da = due[i] ?? .distantFuture, db = due[j] ?? .distantFuture
        if da != db { return da < db }
        if created[i] != created[j] { return created[i] < created[j] }
        let ni = numbers[i] == Self.noNumber ? Int.max : numbers[i], nj = numbers[j] == Self.noNumber ? Int.max : numbers[j]
        return ni < nj
    }
}

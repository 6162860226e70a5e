import Foundation
import GRDB
import PicnicCore

/// What a queue's rows need from other rows or from rare columns, worked out from the open tasks
/// a loader reads anyway: which are blocked (they wait on an open task) and blocking (an open
/// task waits on them), and which are scheduled or recurring.
///
/// The few open tasks that have dependencies, and the few scheduled or recurring ones, come
/// first from two partial covering indexes (`tasks_depends`, `tasks_marked`: one seek each when
/// there are none, so a plain queue pays nothing more and no row's last columns are read); the
/// loader then shows each row's UUID text to `visit` as it reads it, and `rows()` says what each
/// marked row is. Keys are the stored lower-case UUID text, compared in full.
struct QueueMarks {
    /// One UUID text that is a dependency, a task with dependencies, scheduled or recurring.
    struct Entry {
        var text: [UInt8]
        /// Some open task waits on it.
        var referenced = false
        /// Its own dependencies (entry indices), when it is an open task that has some.
        var depends: [Int] = []
        /// Its scheduled date (Unix seconds), when it is an open task that has one.
        var scheduled: Int64?
        /// An open instance of a recurring series.
        var recurring = false
        /// The loader's row for it, once seen (it is open).
        var row = -1
    }

    /// What one row is, beyond its own columns.
    struct RowMark {
        var row: Int
        var blocked = false
        var blocking = false
        var scheduled: Date?
        var recurring = false

        /// Its scheduled date has come (the urgency term).
        func ready(_ now: Date) -> Bool { scheduled.map { $0 <= now } ?? false }
        /// When it becomes ready, if that is still ahead.
        func later(_ now: Date) -> Date? { scheduled.flatMap { $0 > now ? $0 : nil } }
    }

    private(set) var entries: [Entry] = []
    private var slots: [Int32] // entry index + 1; 0 is empty
    private var mask: Int

    /// Nothing to mark: no open task has dependencies.
    var isEmpty: Bool { entries.isEmpty }

    /// The open tasks with dependencies (`tasks_depends`) and the scheduled or recurring ones
    /// (`tasks_marked`); empty when there are none.
    static func load(_ db: Database) throws -> QueueMarks {
        let statement = try RawStatement(db, """
            SELECT uuid, depends FROM tasks WHERE depends != '' AND status IN ('pending', 'active', 'waiting')
            """)
        var marks = QueueMarks(capacity: 0)
        while try statement.step() {
            let own = marks.insert(statement.textBytes(0))
            var deps: [Int] = []
            statement.withText(1) { b in
                var i = 0
                while i < b.count {
                    if b[i] == 0x20 { i += 1; continue }
                    var j = i
                    while j < b.count && b[j] != 0x20 { j += 1 }
                    let d = marks.insert(UnsafeBufferPointer(rebasing: b[i..<j]))
                    if d != own, !deps.contains(d) {
                        marks.entries[d].referenced = true
                        deps.append(d)
                    }
                    i = j
                }
            }
            marks.entries[own].depends = deps
        }
        let marked = try RawStatement(db, """
            SELECT uuid, scheduled, series IS NOT NULL FROM tasks
             WHERE (scheduled IS NOT NULL OR series IS NOT NULL) AND status IN ('pending', 'active', 'waiting')
            """)
        while try marked.step() {
            let e = marks.insert(marked.textBytes(0))
            marks.entries[e].scheduled = marked.optionalInt64(1)
            marks.entries[e].recurring = marked.int64(2) != 0
        }
        return marks
    }

    init(capacity: Int) {
        slots = [Int32](repeating: 0, count: 64)
        mask = 63
    }

    /// The row being read has this UUID text: remembers the row when the text is known.
    /// Returns whether the row is blocking (some open task waits on it).
    @inline(__always)
    mutating func visit(_ text: UnsafeBufferPointer<UInt8>, row: Int) -> Bool {
        guard let e = find(text) else { return false }
        entries[e].row = row
        return entries[e].referenced
    }

    /// After every open row was visited: what each marked row is (blocked, blocking, scheduled,
    /// recurring), by the loader's row number.
    func rows() -> [RowMark] {
        var out: [RowMark] = []
        for e in entries where e.row >= 0 {
            var m = RowMark(row: e.row)
            m.blocking = e.referenced
            m.blocked = e.depends.contains { entries[$0].row >= 0 }
            m.scheduled = e.scheduled.map { Date(timeIntervalSince1970: TimeInterval($0)) }
            m.recurring = e.recurring
            if m.blocked || m.blocking || m.scheduled != nil || m.recurring { out.append(m) }
        }
        return out
    }

    /// Two 8-byte loads of a UUID's text (its first group and its last digits) mixed; other
    /// texts byte by byte.
    private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64
        if b.count >= 16, let base = UnsafeRawPointer(b.baseAddress) {
            h = base.loadUnaligned(as: UInt64.self) &* 0x9E37_79B9_7F4A_7C15
            h ^= base.loadUnaligned(fromByteOffset: b.count - 8, as: UInt64.self)
            h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        } else {
            h = 0xcbf2_9ce4_8422_2325
            for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    private func find(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = Self.hash(b) & mask
        return slots.withUnsafeBufferPointer { slots in
            while slots[i] != 0 {
                let e = Int(slots[i] - 1)
                let same = entries[e].text.withUnsafeBufferPointer { t in
                    t.count == b.count && (b.count == 0 || memcmp(t.baseAddress!, b.baseAddress!, b.count) == 0)
                }
                if same { return e }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    private mutating func insert(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        if let e = find(b) { return e }
        if (entries.count + 1) * 2 > slots.count { grow() }
        var i = Self.hash(b) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        entries.append(Entry(text: Array(b)))
        slots[i] = Int32(entries.count)
        return entries.count - 1
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (e, entry) in entries.enumerated() {
            var i = entry.text.withUnsafeBufferPointer(Self.hash) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(e + 1)
        }
    }
}

extension QueueMarks {
    /// Sets `blocked` and `blocking` on `tasks`, which must hold every open task (closed ones
    /// are left unmarked): the same answer as the listing's marks, from values already decoded.
    static func mark(_ tasks: inout [WorkTask]) {
        var referenced = Set<UUID>()
        for t in tasks where t.status.isOpen && !t.depends.isEmpty {
            for d in t.depends where d != t.uuid { referenced.insert(d) }
        }
        guard !referenced.isEmpty else { return }
        var open = Set<UUID>()
        for i in tasks.indices where tasks[i].status.isOpen && referenced.contains(tasks[i].uuid) {
            tasks[i].blocking = true
            open.insert(tasks[i].uuid)
        }
        for i in tasks.indices where tasks[i].status.isOpen && !tasks[i].depends.isEmpty {
            tasks[i].blocked = tasks[i].depends.contains { $0 != tasks[i].uuid && open.contains($0) }
        }
    }
}

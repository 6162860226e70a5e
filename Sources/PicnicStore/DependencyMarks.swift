import Foundation
import GRDB
import PicnicCore

/// Which open tasks are blocked (they wait on an open task) and which are blocking (an open
/// task waits on them), worked out from the open tasks a loader reads anyway.
///
/// The few open tasks that have dependencies come first, from the partial index
/// `tasks_depends` (one seek when there are none, so a queue without dependencies pays nothing
/// more); the loader then shows each row's UUID text to `visit` as it reads it, and `finish` says
/// which rows are blocked and by whom. Keys are the stored lower-case UUID text, compared in full.
struct DependencyMarks {
    /// One UUID text that is a dependency, a task with dependencies, or both.
    struct Entry {
        var text: [UInt8]
        /// Some open task waits on it.
        var referenced = false
        /// Its own dependencies (entry indices), when it is an open task that has some.
        var depends: [Int] = []
        /// The loader's row for it, once seen (it is open).
        var row = -1
    }

    private(set) var entries: [Entry] = []
    private var slots: [Int32] // entry index + 1; 0 is empty
    private var mask: Int

    /// Nothing to mark: no open task has dependencies.
    var isEmpty: Bool { entries.isEmpty }

    /// The open tasks with dependencies, read from `tasks_depends`; empty when there are none.
    static func load(_ db: Database) throws -> DependencyMarks {
        let statement = try RawStatement(db, """
            SELECT uuid, depends FROM tasks WHERE depends != '' AND status IN ('pending', 'active', 'waiting')
            """)
        var marks = DependencyMarks(capacity: 0)
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

    /// After every open row was visited: for each blocked row, the rows of its open blockers.
    func blockers() -> [(row: Int, blockers: [Int])] {
        var out: [(Int, [Int])] = []
        for e in entries where e.row >= 0 && !e.depends.isEmpty {
            let open = e.depends.compactMap { entries[$0].row >= 0 ? entries[$0].row : nil }
            if !open.isEmpty { out.append((e.row, open)) }
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

extension DependencyMarks {
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

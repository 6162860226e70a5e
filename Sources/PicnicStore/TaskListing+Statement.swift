import Foundation
import GRDB
import GRDBSQLite
import PicnicCore

extension TaskListing {
    /// What a listing reads of a `tasks` row, in this order.
    static let columns = "uuid, number, title, project, tags, priority, due, wait, status, created, annotations"

    /// Appends the current row of a statement selecting `columns` if its status (a waiting task
    /// whose date has passed is pending) is one of `statuses`. Every value is read as
    /// `TaskRecord.task(_:now:)` reads it, and urgency comes from the same inputs.
    /// Returns whether the row was appended.
    @discardableResult
    mutating func appendRow(_ stmt: SQLiteStatement, now: Date, statuses: (TaskStatus) -> Bool) -> Bool {
        let row = SQLiteRow(handle: stmt)
        func int(_ i: Int32) -> Int64? { row.optionalInt64(i) }
        func date(_ i: Int32) -> Date? { row.optionalDate(i) }
        func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8> { row.textBytes(i) }

        let stored = bytes(8)
        var status = TaskRecord.status(stored) ?? TaskStatus(rawValue: String(decoding: stored, as: UTF8.self)) ?? .pending
        if status == .waiting { status = TaskModification.status(.waiting, wait: date(7), now: now) }
        guard statuses(status) else { return false }

        let number = int(1).map { Int($0) }
        if number == nil {
            let b = bytes(0)
            let uuid = TaskRecord.fastUUID(b) ?? UUID(uuidString: String(decoding: b, as: UTF8.self)) ?? UUID()
            appendText(.id, Array(uuid.uuidString.lowercased().prefix(8).utf8))
        } else {
            appendText(.id, UnsafeBufferPointer(start: nil, count: 0))
        }
        let project = bytes(3) // NULL reads as no bytes, as an empty project shows
        appendText(.project, project)
        let tags = appendTags(bytes(4))
        appendText(.title, bytes(2))

        let priority = TaskRecord.priority(bytes(5)) // NULL reads as no bytes, which is no priority
        let due = date(6), created = date(9) ?? Date(timeIntervalSince1970: 0)
        let notes = bytes(10)
        let annotationCount = TaskRecord.isEmptyJSON(notes, 0x5B, 0x5D) ? 0
            : TaskRecord.annotations(String(decoding: notes, as: UTF8.self)).count
        // Scheduled dates, series and dependencies come from `QueueMarks` after the scan.
        let inputs = Urgency.Inputs(status: status, due: due, priority: priority, created: created, tagCount: tags.count,
                                    hasNextTag: tags.hasNext, annotationCount: annotationCount, hasProject: !project.isEmpty)
        appendFields(number: number, created: created, due: due, priority: priority, status: status,
                     urgency: Urgency.score(inputs, now: now), marks: 0, later: .distantPast)
        return true
    }

    /// Appends stored tags (`" ci ops "`) as the table shows them, `ci ops`; returns how many
    /// there are and whether one is `next`, as `TaskRecord.words` splits them.
    private mutating func appendTags(_ b: UnsafeBufferPointer<UInt8>) -> (count: Int, hasNext: Bool) {
        if b.contains(where: { $0 >= 0x80 }) {
            let words = TaskRecord.words(b)
            appendText(.tags, Array(words.joined(separator: " ").utf8))
            return (words.count, words.contains("next"))
        }
        let start = beginText()
        var count = 0, hasNext = false, i = 0
        while i < b.count {
            if b[i] == 0x20 { i += 1; continue }
            var j = i
            while j < b.count && b[j] != 0x20 { j += 1 }
            if count > 0 { appendRaw(0x20) }
            let word = UnsafeBufferPointer(rebasing: b[i..<j])
            appendRaw(word)
            if word.elementsEqual("next".utf8) { hasNext = true }
            count += 1
            i = j
        }
        endText(from: start)
        return (count, hasNext)
    }
}

extension AppDatabase {
    /// The plain queue (`picnic list` without filter words): every pending and active task, in
    /// the order and with the urgency `tasks(matching: .queue)` gives them, as table rows.
    public func queueListing(now: Date = Date()) throws -> TaskListing {
        try read { db in
            // The statuses and the order of rows read are those of `tasks(matching:)`, so that
            // ties sort alike.
            let statement = try RawStatement(db, """
                SELECT \(TaskListing.columns) FROM tasks WHERE status IN ('pending','active','waiting')
                """)
            var listing = TaskListing()
            var marks = try QueueMarks.load(db)
            // Rows of every open task, listed or not (a waiting task still blocks): -1 when not listed.
            var rows: [Int] = []
            while try statement.step() {
                let listed = listing.appendRow(statement.handle, now: now) { $0 == .pending || $0 == .active }
                if !marks.isEmpty {
                    _ = marks.visit(statement.textBytes(0), row: rows.count)
                    rows.append(listed ? listing.count - 1 : -1)
                }
            }
            for m in marks.rows() where rows[m.row] >= 0 { listing.apply(m, row: rows[m.row], now: now) }
            listing.sortByUrgency()
            return listing
        }
    }
}

import Foundation
import PicnicCore
import PicnicStore

extension TaskTable {
    /// The first pass: every cell's width, and what each cell holds in a form cheap to write.
    /// Row 0 is the header; display row `i + 1` is listing row `order[i]`.
    struct Layout {
        /// Columns of each cell, row by row (`TaskTable.columns` per row).
        var cellWidth: [Int]
        /// For cells whose text is not the listing's bytes as they are: an index in `texts`.
        var special: [Int32]
        var texts: [String]
        /// Per display row: the age, packed as value * 8 + unit; the index of the due text or
        /// -1; the urgency in tenths.
        var ages: [Int] = []
        var dues: [Int32] = []
        var tenths: [Int] = []
        var dueTexts: [String] = []
        var dueWidths: [Int] = []
        /// Whether any task has something in each column.
        var nonEmpty = [Bool](repeating: false, count: TaskTable.columns)
        var columnWidths: [Int] = []
        /// The UTF-8 bytes of all cells together.
        var cellBytes = 0
        /// Title markers (status and marks) and their widths, made once per kind of row.
        private var markers = [String?](repeating: nil, count: TaskStatus.allCases.count * 16)
        private var markerWidths = [Int](repeating: 0, count: TaskStatus.allCases.count * 16)

        init(_ tasks: TaskListing, _ text: UnsafeBufferPointer<UInt8>, now: Date) {
            let n = tasks.count + 1
            cellWidth = [Int](repeating: 0, count: n * TaskTable.columns)
            special = [Int32](repeating: -1, count: n * TaskTable.columns)
            texts = []
            for c in 0..<TaskTable.columns { setSpecial(0, c, TaskTable.header[c]) }
            ages.reserveCapacity(tasks.count)
            dues.reserveCapacity(tasks.count)
            tenths.reserveCapacity(tasks.count)
            // Many tasks share a due date (day-sized dates all end at 23:59:59): say each once.
            var dueIndex = DateTable(capacity: tasks.count)
            let today = TaskTable.localDay(now).day
            for i in 0..<tasks.count {
                measure(tasks, text, tasks.order[i], row: i + 1, now: now, today: today, dueIndex: &dueIndex)
            }
            var widths = [Int](repeating: 0, count: TaskTable.columns)
            for r in 0..<n {
                for c in 0..<TaskTable.columns { widths[c] = max(widths[c], cellWidth[r * TaskTable.columns + c]) }
            }
            // Project and tags are capped so the title keeps room.
            widths[2] = min(widths[2], 16)
            widths[3] = min(widths[3], 20)
            columnWidths = widths
        }

        /// A cell whose text is `text`, already safe.
        private mutating func setSpecial(_ row: Int, _ c: Int, _ text: String) {
            special[row * TaskTable.columns + c] = Int32(texts.count)
            texts.append(text)
            cellWidth[row * TaskTable.columns + c] = Terminal.width(of: text)
            cellBytes += text.utf8.count
        }

        /// A cell of ASCII written as it is.
        private mutating func setPlain(_ row: Int, _ c: Int, width: Int) {
            cellWidth[row * TaskTable.columns + c] = width
            cellBytes += width
        }

        /// Measures display row `row`, listing row `k`.
        private mutating func measure(_ tasks: TaskListing, _ text: UnsafeBufferPointer<UInt8>, _ k: Int, row: Int,
                                      now: Date, today: Int64, dueIndex: inout DateTable) {
            let number = tasks.numbers[k]
            if number != TaskListing.noNumber, number >= 0 {
                setPlain(row, 0, width: TaskTable.decimalWidth(number))
            } else {
                setSpecial(row, 0, number == TaskListing.noNumber ? tasks.string(k, .id) : String(number))
            }
            let age = TaskTable.ageParts(from: tasks.created[k], to: now)
            ages.append(age.value * 8 + age.unit)
            setPlain(row, 1, width: TaskTable.decimalWidth(age.value) + TaskTable.ageUnits[age.unit].utf8.count)
            nonEmpty[1] = true
            measureText(tasks, text, k, .project, row: row, column: 2)
            measureText(tasks, text, k, .tags, row: row, column: 3)
            if let d = tasks.due[k] {
                let slot = dueIndex.slot(d)
                if dueIndex.values[slot] < 0 {
                    dueIndex.values[slot] = Int32(dueTexts.count)
                    let text = TaskTable.relative(d, now: now, today: today)
                    dueTexts.append(text)
                    dueWidths.append(Terminal.width(of: text))
                    if !text.isEmpty { nonEmpty[4] = true }
                }
                let index = dueIndex.values[slot]
                dues.append(index)
                cellWidth[row * TaskTable.columns + 4] = dueWidths[Int(index)]
                cellBytes += dueTexts[Int(index)].utf8.count
            } else {
                dues.append(-1)
            }
            if tasks.priorities[k] != nil {
                setPlain(row, 5, width: 1)
                nonEmpty[5] = true
            }
            let u = TaskTable.tenths(tasks.urgency[k])
            tenths.append(u)
            setPlain(row, 6, width: TaskTable.tenthsWidth(u))
            nonEmpty[6] = true
            let status = tasks.statuses[k], marks = tasks.marks[k] & TaskTable.shownMarks
            let title = tasks.span(k, .title)
            if TaskTable.isPlain(UnsafeBufferPointer(rebasing: text[title.start..<title.start + title.count])) {
                setPlain(row, 7, width: title.count)
                if status != .pending || marks != 0 {
                    let (marker, width) = self.marker(status, marks)
                    cellWidth[row * TaskTable.columns + 7] += width
                    cellBytes += marker.utf8.count
                }
            } else {
                setSpecial(row, 7, self.marker(status, marks).text + Terminal.safe(tasks.string(k, .title)))
            }
        }

        /// The marker before a title and its width, from the cache.
        private mutating func marker(_ status: TaskStatus, _ marks: UInt8) -> (text: String, width: Int) {
            let k = Self.markerSlot(status, marks)
            if let m = markers[k] { return (m, markerWidths[k]) }
            let m = TaskTable.marker(status, marks)
            markers[k] = m
            markerWidths[k] = Terminal.width(of: m)
            return (m, markerWidths[k])
        }

        static func markerSlot(_ status: TaskStatus, _ marks: UInt8) -> Int {
            let s: Int = switch status {
            case .pending: 0
            case .active: 1
            case .waiting: 2
            case .done: 3
            case .deleted: 4
            }
            return s * 16 + Int(marks & 15)
        }

        /// A project or tags cell: printable ASCII as it is, other text made safe.
        private mutating func measureText(_ tasks: TaskListing, _ text: UnsafeBufferPointer<UInt8>, _ k: Int,
                                          _ field: TaskListing.Field, row: Int, column c: Int) {
            let span = tasks.span(k, field)
            if span.count == 0 { return }
            nonEmpty[c] = true
            if TaskTable.isPlain(UnsafeBufferPointer(rebasing: text[span.start..<span.start + span.count])) {
                setPlain(row, c, width: span.count)
            } else {
                setSpecial(row, c, Terminal.safe(tasks.string(k, field)))
            }
        }

        /// Writes the text of a cell (no padding).
        func write(_ row: Int, _ c: Int, _ tasks: TaskListing, _ text: UnsafeBufferPointer<UInt8>, into out: inout ByteWriter) {
            let s = special[row * TaskTable.columns + c]
            if s >= 0 {
                out.append(texts[Int(s)])
                return
            }
            func append(_ field: TaskListing.Field) {
                let span = tasks.span(tasks.order[row - 1], field)
                out.append(UnsafeBufferPointer(rebasing: text[span.start..<span.start + span.count]))
            }
            let i = row - 1
            switch c {
            case 0: out.decimal(tasks.numbers[tasks.order[i]])
            case 1:
                out.decimal(ages[i] >> 3)
                out.append(TaskTable.ageUnits[ages[i] & 7])
            case 2: append(.project)
            case 3: append(.tags)
            case 4:
                if dues[i] >= 0 { out.append(dueTexts[Int(dues[i])]) }
            case 5:
                if let p = tasks.priorities[tasks.order[i]] { out.append(p.rawValue) }
            case 6: out.tenths(tenths[i])
            default:
                let status = tasks.statuses[tasks.order[i]], marks = tasks.marks[tasks.order[i]] & TaskTable.shownMarks
                if status != .pending || marks != 0 { out.append(markers[Self.markerSlot(status, marks)] ?? TaskTable.marker(status, marks)) }
                append(.title)
            }
        }
    }

    /// A hash table from dates to small integers, open addressing on two arrays: the first
    /// `Dictionary` with a `Date` key in a process instantiates its generic metadata, which scans
    /// the binary's protocol conformances, which costs more than the lookups it serves.
    struct DateTable {
        private var keys: [UInt64]
        /// The value stored for the key of a slot; -1 while the slot is free.
        var values: [Int32]
        private let mask: Int

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            keys = [UInt64](repeating: 0, count: size)
            values = [Int32](repeating: -1, count: size)
            mask = size - 1
        }

        /// The slot of `date`: the one holding it, or the free one where it goes.
        mutating func slot(_ date: Date) -> Int {
            let key = date.timeIntervalSince1970.bitPattern
            var i = Int(truncatingIfNeeded: ((key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while values[i] >= 0 && keys[i] != key { i = (i + 1) & mask }
            keys[i] = key
            return i
        }
    }
}

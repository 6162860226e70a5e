import Foundation
import PicnicCore
import Testing
@testable import picnic

/// `picnic list`'s table is written cell by cell into one buffer, text of printable ASCII
/// measured by its bytes; the renderer it replaced (`ReferenceTable`) is the reference, byte for
/// byte, over every kind of text and field a task can hold and at every terminal width.
@Suite struct TaskTableTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000.25)

    static let titles = [
        "Fix flaky CI", "Task 12 of the benchmark queue", "", "x", String(repeating: "long title ", count: 14),
        "修复 登录 bug", "👩‍💻 family 👨‍👩‍👧 🇯🇵", "שלום עולם mixed RTL", "e\u{301}te\u{301} combining", "\u{301}starts with a mark",
        "tab\there", "esc \u{1B}[31m red", "bidi \u{202E}evil\u{202C} \u{2066}iso", "line\nbreak\r\nCRLF", "ｆｕｌｌｗｉｄｔｈ",
        "naïve café", "zero\u{200B}width\u{200D}joiner", "del \u{7F} c1 \u{85}", "trailing space ", "💩",
    ]
    static let projects: [String?] = [nil, "infra", "", "infra.ci.very.long.project.name", "日本語のプロジェクト名前", "p\u{7}bell", "web", "e\u{301}"]
    static let tagSets: [[String]] = [
        [], ["ci"], ["ci", "ops"], ["a", "bb", "ccc", "dddd", "eeeee", "ffffff"], ["日本"], ["\u{301}mark", "ascii"], [""], ["", ""],
        ["next"], ["tab\t", "x"],
    ]
    static let dueOffsets: [Double?] = [nil, -70 * 86400, -30 * 86400, -86400, -2 * 3600, 600, 3 * 3600, 86400, 3 * 86400,
                                        10 * 86400, 100 * 86400, -400 * 86400]
    static let ages: [Double] = [0, 30, 600, 5 * 3600, 3 * 86400, 20 * 86400, 100 * 86400, 400 * 86400, 4000 * 86400, -86400]

    /// `count` tasks mixing every field independently (the strides are co-prime with the sizes).
    static func varied(_ count: Int) -> [WorkTask] {
        (0..<count).map { i in
            var t = WorkTask(
                number: i % 17 == 5 ? nil : (i % 23 == 7 ? 123_456 + i : i + 1),
                title: titles[(i * 7) % titles.count],
                project: projects[(i * 3) % projects.count],
                tags: tagSets[(i * 7) % tagSets.count],
                priority: [Priority.H, .M, .L, nil][i % 4],
                due: dueOffsets[(i * 11) % dueOffsets.count].map { now.addingTimeInterval($0).truncatedToSeconds },
                status: TaskStatus.allCases[(i * 3) % 5],
                created: now.addingTimeInterval(-ages[(i * 13) % ages.count]))
            t.annotations = (0..<(i % 3)).map { Annotation(entry: now, text: "note \($0)") }
            return t
        }
    }

    static let widths: [Int?] = [nil, 1, 2, 7, 20, 33, 40, 58, 80, 120, 400]

    @Test(arguments: widths)
    func theTableIsByteForByteTheReferenceTable(width: Int?) {
        for count in [0, 1, 2, 9, 60, 300] {
            let tasks = Self.varied(count)
            let fast = TaskTable.render(tasks, now: Self.now, width: width)
            let reference = ReferenceTable.render(tasks, now: Self.now, width: width)
            let same = fast == reference
            #expect(same, "\(count) tasks, width \(String(describing: width)):\n\(String(decoding: fast, as: UTF8.self))")
        }
    }

    /// The plain-ASCII queue `picnic list` shows most (the benchmark's), where no cell takes the
    /// slow path, and single-field variations of it.
    @Test(arguments: widths)
    func plainQueuesAgreeToo(width: Int?) {
        let priorities: [Priority?] = [.H, .M, .L, nil]
        var tasks = (0..<200).map { (i: Int) -> WorkTask in
            let due: Date? = i % 5 == 0 ? Self.now.addingTimeInterval(Double(i % 40 - 10) * 86400) : nil
            let tags: [String] = i % 2 == 0 ? ["t\(i % 7)"] : []
            return WorkTask(number: i + 1, title: "Task \(i) of the benchmark queue",
                            project: i % 3 == 0 ? "p\(i % 13)" : nil, tags: tags, priority: priorities[i % 4],
                            due: due, created: Self.now.addingTimeInterval(-Double(i) * 600))
        }
        var same = TaskTable.render(tasks, now: Self.now, width: width) == ReferenceTable.render(tasks, now: Self.now, width: width)
        #expect(same)
        tasks[7].project = "a-project-name-longer-than-sixteen"
        tasks[8].tags = ["many", "tags", "that", "exceed", "twenty"]
        tasks[9].status = .active
        same = TaskTable.render(tasks, now: Self.now, width: width) == ReferenceTable.render(tasks, now: Self.now, width: width)
        #expect(same)
        // No project, tag, due date or priority anywhere: those columns disappear.
        let bare = tasks.map { t -> WorkTask in
            var t = t
            t.project = nil; t.tags = []; t.due = nil; t.priority = nil
            return t
        }
        let out = TaskTable.render(bare, now: Self.now, width: width)
        same = out == ReferenceTable.render(bare, now: Self.now, width: width)
        #expect(same)
        if width == nil { #expect(String(decoding: out, as: UTF8.self).hasPrefix(" ID Age   Urg Title\n")) }
    }

    @Test func numbersPrintAsBefore() {
        let samples: [Double] = Array(stride(from: -40.0, through: 40.0, by: 0.0125)) + [0.05, 0.15, 0.25, -0.05, -0.04, 123_456.78, 1e-9, -1e-9]
        for x in samples {
            #expect(TaskTable.oneDecimal(x) == ReferenceTable.oneDecimal(x), "\(x)")
            #expect(TaskTable.tenthsWidth(TaskTable.tenths(x)) == ReferenceTable.oneDecimal(x).utf8.count)
        }
        for v in [0, 1, 9, 10, 99, 100, 12_345, Int(Int32.max), Int.max] {
            let out = [UInt8](unsafeUninitializedCapacity: 24) { buffer, count in
                var w = TaskTable.ByteWriter(buffer)
                w.decimal(v)
                count = w.count
            }
            #expect(String(decoding: out, as: UTF8.self) == String(v))
            #expect(TaskTable.decimalWidth(v) == String(v).count)
        }
        let seconds: [Double] = [0, 59.9, 60, 3599, 3600, 86399, 86400, 14 * 86400 - 1, 14 * 86400, 60 * 86400, 365 * 86400, 1e9]
        for s in seconds {
            let created = Self.now.addingTimeInterval(-s)
            #expect(TaskTable.age(from: created, to: Self.now) == ReferenceTable.age(from: created, to: Self.now))
        }
    }

    static func isPlain(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer(TaskTable.isPlain) }

    @Test func plainTextIsPrintableASCIIOnly() {
        #expect(Self.isPlain("Fix CI ~!@#$%^&*()_+{}|:\"<>? ") && Self.isPlain(""))
        for s in ["tab\t", "\u{7F}", "é", "\u{1B}", "日本", "\r\n", "\u{0}", "\u{1F}"] { #expect(!Self.isPlain(s), "\(s.debugDescription)") }
        for b in UInt8.min...UInt8.max { #expect([b, 0x41].withUnsafeBufferPointer(TaskTable.isPlain) == (b >= 0x20 && b < 0x7F)) }
        for s in Self.titles where Self.isPlain(s) {
            #expect(Terminal.safe(s) == s)
            #expect(Terminal.width(of: s) == s.utf8.count)
        }
    }
}

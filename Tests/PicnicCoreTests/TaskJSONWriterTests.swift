import Foundation
import Testing
@testable import PicnicCore

/// `TaskJSON.encode` writes JSON by hand; `JSONEncoder` over `TaskJSON` values is the reference
/// it must match byte for byte (docs/JSON.md is the contract).
@Suite struct TaskJSONWriterTests {
    static func reference(_ tasks: [WorkTask], now: Date, pretty: Bool) -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard pretty else { return try! enc.encode(tasks.map { TaskJSON($0, now: now) }) }
        guard !tasks.isEmpty else { return Data("[]".utf8) }
        var out = Data("[\n".utf8)
        for (i, t) in tasks.enumerated() {
            out.append(try! enc.encode(TaskJSON(t, now: now)))
            out.append(contentsOf: Array((i == tasks.count - 1 ? "\n]" : ",\n").utf8))
        }
        return out
    }

    /// Every control character, the characters JSON escapes, and text in several scripts.
    static let awkward: [String] = [
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
        "quote \" backslash \\ slash / del \u{7F} c1 \u{85} ls \u{2028} ps \u{2029} bom \u{FEFF}",
        "修复 👩‍💻 👨‍👩‍👧 e\u{301} שלום \u{202E}rtl", "", " ", "\\u0041", "tab\there\r\n",
    ]

    static func varied(now: Date) -> [WorkTask] {
        var tasks: [WorkTask] = []
        var rng = SystemRandomNumberGenerator()
        for (i, text) in awkward.enumerated() {
            tasks.append(WorkTask(
                number: i + 1, title: text, notes: awkward[(i + 1) % awkward.count], project: i % 2 == 0 ? text : nil,
                tags: [text, "ci"], priority: [Priority.H, .M, .L, nil][i % 4],
                due: now.addingTimeInterval(Double(i - 3) * 86_399.5), wait: i % 3 == 0 ? now : nil,
                status: TaskStatus.allCases[i % 5], created: now.addingTimeInterval(-Double(i) * 1e6),
                started: i == 1 ? now : nil, completed: i > 2 ? now : nil,
                annotations: [Annotation(entry: now, text: text), Annotation(entry: Date(timeIntervalSince1970: 0), text: "b")],
                depends: i % 2 == 1 ? [UUID(), UUID()] : [],
                extra: i % 2 == 0 ? [:] : ["k\(text)": .string(text), "n": .number(Double(i) / 3), "whole": .number(4),
                                           "b": .bool(true), "z": .null, "o": .object(["Z": .array([]), "a": .number(-0.5)])],
                scheduled: i % 2 == 0 ? now.addingTimeInterval(Double(i) * 3_600) : nil,
                series: i % 3 == 1 ? UUID() : nil, occurrence: i % 3 == 1 ? i * 1_000 : nil,
                blocked: i % 2 == 1, blocking: i % 3 == 0))
        }
        // Urgency across many values (rounding, .0 suffix), dates across the calendar's range.
        for i in 0..<300 {
            let secs = Double(Int64.random(in: -62_135_596_800 ..< 253_402_300_799, using: &rng))
            tasks.append(WorkTask(
                number: i % 7 == 0 ? nil : 100 + i, title: "t\(i)", tags: Array(repeating: "x", count: i % 4),
                priority: [Priority.H, .M, .L, nil][i % 4], due: Date(timeIntervalSince1970: secs + 0.75),
                status: i % 9 == 0 ? .active : .pending, created: now.addingTimeInterval(-Double(i) * 86_400 * 1.7),
                annotations: Array(repeating: Annotation(entry: Date(timeIntervalSince1970: -secs), text: "a"), count: i % 3)))
        }
        // Dates outside years 1–9999 take the gmtime path.
        tasks.append(WorkTask(title: "far", due: Date(timeIntervalSince1970: -1e12), created: Date(timeIntervalSince1970: 1e12)))
        return tasks
    }

    @Test func handWrittenJSONIsByteIdenticalToJSONEncoder() {
        let now = Date()
        let tasks = Self.varied(now: now)
        for pretty in [false, true] {
            let mine = TaskJSON.encode(tasks, now: now, pretty: pretty)
            let reference = Self.reference(tasks, now: now, pretty: pretty)
            #expect(mine == reference)
            if mine != reference {
                let a = Array(mine), b = Array(reference)
                let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                Issue.record("first difference at byte \(at): \(String(decoding: a[max(0, at - 80)..<min(a.count, at + 40)], as: UTF8.self)) vs \(String(decoding: b[max(0, at - 80)..<min(b.count, at + 40)], as: UTF8.self))")
            }
        }
        #expect(TaskJSON.encode([], now: now) == Self.reference([], now: now, pretty: false))
        #expect(TaskJSON.encode([], now: now, pretty: true) == Data("[]".utf8))
    }

    @Test func isoDatesMatchGmtime() {
        var rng = SystemRandomNumberGenerator()
        var stamps: [Double] = [0, -1, 86_399, 86_400, 951_782_400, 4_107_542_400, -62_135_596_800, 253_402_300_799, 1_796_133_600.7, -0.5]
        for _ in 0..<5_000 { stamps.append(Double(Int64.random(in: -62_135_596_800 ..< 253_402_300_800, using: &rng))) }
        for s in stamps {
            let d = Date(timeIntervalSince1970: s)
            #expect(TaskJSON.format(d) == TaskJSON.formatWithGmtime(d), "\(s)")
        }
    }
}

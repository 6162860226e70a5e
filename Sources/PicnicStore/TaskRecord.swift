import Foundation
import GRDB
import PicnicCore

/// The thin mapping between a `tasks` row and a `WorkTask`.
enum TaskRecord {
    static let columns = "uuid, number, title, notes, project, tags, priority, due, wait, status, created, modified, started, completed, annotations, depends, extra, scheduled, series, occurrence"
    /// Placeholders for `columns`.
    static let placeholders = "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?"

    struct StoredNote: Codable {
        var entry: Int64
        var description: String
    }

    /// Reads a row selected with `columns`; a waiting task whose date has passed reads as pending.
    /// The loaders use the faster `task(_: SQLiteStatement, now:)`; this GRDB form is the
    /// reference the tests hold it to.
    static func task(_ row: Row, now: Date) -> WorkTask {
        func date(_ i: Int) -> Date? {
            (row[i] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        let uuidText: String = row[0]
        var task = WorkTask(
            uuid: fastUUID(uuidText) ?? UUID(uuidString: uuidText) ?? UUID(),
            number: row[1],
            title: row[2],
            notes: row[3],
            project: row[4],
            tags: words(row[5]),
            priority: (row[6] as String?).flatMap(Priority.init(rawValue:)),
            due: date(7),
            wait: date(8),
            status: TaskStatus(rawValue: row[9]) ?? .pending,
            created: date(10) ?? Date(timeIntervalSince1970: 0),
            modified: date(11),
            started: date(12),
            completed: date(13),
            annotations: annotations(row[14]),
            depends: words(row[15]).compactMap(UUID.init(uuidString:)),
            extra: extra(row[16]),
            scheduled: date(17),
            series: (row[18] as String?).flatMap(UUID.init(uuidString:)),
            occurrence: row[19])
        if task.status == .waiting { task.status = TaskModification.status(.waiting, wait: task.wait, now: now) }
        return task
    }

    /// Parses the store's lower-case `8-4-4-4-12` form without Foundation's sscanf (10,000 rows
    /// per `list` at the top end); nil for anything else.
    static func fastUUID(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { fastUUID($0) }
    }

    /// The values to insert or update, in `columns` order.
    static func values(_ t: WorkTask) -> [(any DatabaseValueConvertible)?] {
        func secs(_ d: Date?) -> Int64? { d.map { Int64($0.timeIntervalSince1970.rounded(.down)) } }
        let notes = t.annotations.map { StoredNote(entry: secs($0.entry)!, description: $0.text) }
        return [
            t.uuid.uuidString.lowercased(), t.number, t.title, t.notes, t.project,
            joinWords(t.tags), t.priority?.rawValue, secs(t.due), secs(t.wait), t.status.rawValue,
            secs(t.created)!, secs(t.modified)!, secs(t.started), secs(t.completed),
            notes.isEmpty ? "[]" : json(notes),
            joinWords(t.depends.map { $0.uuidString.lowercased() }),
            t.extra.isEmpty ? "{}" : json(t.extra),
            secs(t.scheduled), t.series?.uuidString.lowercased(), t.occurrence,
        ]
    }

    static func words(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: " ").map(String.init)
    }

    static func joinWords(_ words: [String]) -> String {
        words.isEmpty ? "" : " " + words.joined(separator: " ") + " "
    }

    static func annotations(_ text: String) -> [Annotation] {
        guard text != "[]", let notes = try? JSONDecoder().decode([StoredNote].self, from: Data(text.utf8)) else { return [] }
        return notes.map { Annotation(entry: Date(timeIntervalSince1970: TimeInterval($0.entry)), text: $0.description) }
    }

    static func extra(_ text: String) -> [String: JSONValue] {
        guard text != "{}" else { return [:] }
        return (try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))) ?? [:]
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? enc.encode(value)) ?? Data(), as: UTF8.self)
    }
}

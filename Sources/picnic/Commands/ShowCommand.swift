import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic show ID [--json]`: every field of one task.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every field of a task.")

    @Flag(name: .long, help: "Print one JSON object (see docs/JSON.md).")
    var json = false

    @Argument(help: "The task: a number, UUID or UUID prefix.")
    var id: String

    func run() throws {
        let now = Clock.now()
        let db = try Global.openDatabase()
        let t = try db.task(ref: id, now: now)
        if json {
            let array = String(decoding: TaskJSON.encode([t], now: now, pretty: Terminal.stdoutIsTTY), as: UTF8.self)
            // The one object, without the surrounding array brackets.
            let object = array.dropFirst().dropLast().trimmingCharacters(in: .whitespacesAndNewlines)
            Terminal.write(object + "\n")
            return
        }
        let cal = Calendar.current
        func when(_ d: Date?) -> String? {
            d.map { d in
                // Beyond two months `relative` names the date itself, which the line already shows.
                var r = TaskTable.relative(d, now: now)
                if r.first?.isNumber == true && r.count == 10 {
                    r = d < now ? TaskTable.age(from: d, to: now) + " ago" : "in " + TaskTable.age(from: now, to: d)
                }
                return "\(Self.local(d, cal)) (\(r))"
            }
        }
        var lines: [(String, String?)] = [
            ("ID", t.number.map(String.init)),
            ("UUID", t.uuid.uuidString.lowercased()),
            ("Title", Terminal.safe(t.title)),
            ("Status", t.status.rawValue),
            ("Project", t.project.map(Terminal.safe)),
            ("Tags", t.tags.isEmpty ? nil : Terminal.safe(t.tags.joined(separator: " "))),
            ("Priority", t.priority?.rawValue),
            ("Due", when(t.due)),
            ("Wait", when(t.wait)),
            ("Scheduled", when(t.scheduled).map { t.isReady(now: now) ? $0 : $0 + ", not ready before" }),
            ("Recur", try Self.recurrence(t, db, cal)),
            ("Urgency", String(format: "%.2f", Urgency.score(t, now: now))),
            ("Created", "\(Self.local(t.created, cal)) (\(TaskTable.age(from: t.created, to: now)) ago)"),
            ("Modified", Self.local(t.modified, cal)),
            ("Started", t.started.map { Self.local($0, cal) }),
            ("Completed", t.completed.map { Self.local($0, cal) }),
            ("Notes", t.notes.isEmpty ? nil : Terminal.safe(t.notes)),
        ]
        for d in t.depends {
            let other = try? db.task(ref: d.uuidString, now: now)
            let name = other.map { "\($0.number.map(String.init) ?? String(d.uuidString.lowercased().prefix(8))) \(Terminal.safe($0.title)) (\($0.status.rawValue))" }
            lines.append(("Depends", name ?? d.uuidString.lowercased() + " (not in this store)"))
        }
        if t.blocked { lines.append(("Blocked", "yes: waits on an open task")) }
        if t.blocking { lines.append(("Blocking", "yes: an open task waits on it")) }
        for (k, v) in t.extra.sorted(by: { $0.key < $1.key }) {
            lines.append((Terminal.safe(k), Terminal.safe(v.stringValue ?? String(decoding: (try? JSONEncoder().encode(v)) ?? Data(), as: UTF8.self))))
        }
        var out = ""
        for case let (k, v?) in lines { out += Terminal.pad(k, to: 10) + " " + v + "\n" }
        for a in t.annotations { out += Terminal.pad("Note", to: 10) + " " + Self.local(a.entry, cal) + "  " + Terminal.safe(a.text) + "\n" }
        Terminal.write(out)
    }

    /// `weekly, occurrence 3, until 2027-03-01 00:00` for an instance of a series.
    static func recurrence(_ t: WorkTask, _ db: AppDatabase, _ cal: Calendar) throws -> String? {
        guard t.series != nil else { return nil }
        guard let s = try db.series(of: t) else { return "instance of a series not in this store" }
        var parts = [Terminal.safe(s.recur)]
        if let k = t.occurrence { parts.append("occurrence \(k + 1)") }
        if let u = s.until { parts.append("until \(local(u, cal))") }
        if !s.isRunning { parts.append(s.template.status == .done ? "ended" : "stopped") }
        if s.period == nil { parts.append("Picnic cannot step this period") }
        return parts.joined(separator: ", ")
    }

    /// `2026-12-01 14:00` in local time.
    static func local(_ d: Date, _ cal: Calendar) -> String {
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}

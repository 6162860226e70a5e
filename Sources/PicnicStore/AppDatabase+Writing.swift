import Foundation
import GRDB
import PicnicCore

extension AppDatabase {
    /// Runs `body` as one IMMEDIATE write transaction recorded as one undoable change named
    /// `label`. Other tables made undoable with `UndoJournal.track` use this for their writes.
    public func writeChange<T>(_ label: String, _ body: (Database) throws -> T) throws -> T {
        try mapErrors {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    let id = try UndoJournal.begin(label, in: db)
                    result = try body(db)
                    try UndoJournal.end(id, in: db)
                    return .commit
                }
                localWrites.increment()
                return result!
            }
        }
    }

    /// A cheap number that changes whenever any process (this one included, through this
    /// `AppDatabase`) commits a write: poll it to notice captures made elsewhere.
    public func dataVersion() throws -> Int {
        let external = try mapErrors {
            try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        }
        return external &+ localWrites.value
    }

    /// A read on a pooled connection, errors mapped to one-line `PicnicError`s.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors { try pool.read(body) }
    }

    /// Maps SQLite errors to the exit codes of DESIGN.md (I/O errors: 74).
    func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as DatabaseError {
            if e.resultCode == .SQLITE_CONSTRAINT { throw PicnicError.data("\(path): \(e.message ?? "constraint failed")") }
            throw Self.describe(e, path: path)
        }
    }

    /// Resolves refs, applies `edit` to each task, saves them: all or nothing. `verb` (past
    /// tense, `finished`) names the undoable change: `finished 3 “Fix CI”` (TaskWords).
    func update(_ refs: [String], verb: String, now: Date,
                _ edit: (inout WorkTask, Date) throws -> Void) throws -> [WorkTask] {
        try update(refs, verb: verb, now: now, { task, now, _ in try edit(&task, now) }, after: { _, _, _ in })
    }

    /// `update` whose edit may read and write in the same transaction, and `after` runs once
    /// each task is saved (given the task as it was and as it is now), e.g. to step its series.
    func update(_ refs: [String], verb: String, now: Date,
                _ edit: (inout WorkTask, Date, Database) throws -> Void,
                after: (WorkTask, WorkTask, Database) throws -> Void) throws -> [WorkTask] {
        let now = now.truncatedToSeconds
        return try writeChange(verb) { db in
            // All refs first: a number names the task that holds it before this change.
            var seen = Set<UUID>()
            var targets: [WorkTask] = []
            for ref in refs {
                let task = try Self.resolve(ref, db, now: now)
                if seen.insert(task.uuid).inserted { targets.append(task) }
            }
            var out: [WorkTask] = []
            var numbers: [UUID: Int] = [:]
            for before in targets {
                var task = before
                try edit(&task, now, db)
                task.modified = now
                try Self.update(task, db)
                out.append(task)
                if let number = before.number { numbers[task.uuid] = number }
                try UndoJournal.relabel(TaskWords.did(verb, out, numbers: numbers), in: db)
                try after(before, task, db)
            }
            return out
        }
    }

    static func resolve(_ ref: String, _ db: Database, now: Date) throws -> WorkTask {
        let sql = "SELECT \(TaskRecord.columns) FROM tasks WHERE "
        if let n = Int(ref), n > 0, ref.allSatisfy(\.isASCII) {
            if let task = try TaskRecord.fetchTasks(db, sql: sql + "number = ?", now: now, bind: { $0.bind(1, Int64(n)) }).first {
                return task
            }
            // A UUID prefix can be all digits too.
            let rows = ref.count >= 4 ? try TaskRecord.fetchTasks(db, sql: sql + "uuid LIKE ? LIMIT 2", now: now, bind: { $0.bind(1, ref + "%") }) : []
            guard rows.count == 1 else { throw PicnicError.usage("no open task \(ref) (see 'picnic list')") }
            return rows[0]
        }
        let lower = ref.lowercased()
        guard lower.count >= 4, lower.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw PicnicError.usage("\(ref): not a task number or UUID")
        }
        let rows = try TaskRecord.fetchTasks(db, sql: sql + "uuid LIKE ? LIMIT 2", now: now, bind: { $0.bind(1, lower + "%") })
        switch rows.count {
        case 0: throw PicnicError.usage("no task with UUID \(ref)")
        case 1: return rows[0]
        default: throw PicnicError.usage("\(ref): ambiguous UUID prefix, give more characters")
        }
    }

    /// The smallest positive number no task holds (only open tasks hold numbers).
    static func nextNumber(_ db: Database, excluding uuid: String = "") throws -> Int {
        // For a new task (no uuid to leave out) both figures come from the partial index
        // `tasks_number` alone; with `uuid != ?` SQLite reads every row of the table, which
        // every `picnic add` would pay.
        let row = try uuid.isEmpty
            ? Row.fetchOne(db, sql: "SELECT max(number), count(*) FROM tasks WHERE number IS NOT NULL")!
            : Row.fetchOne(db, sql: "SELECT max(number), count(number) FROM tasks WHERE uuid != ?", arguments: [uuid])!
        let maxN: Int = row[0] ?? 0
        let count: Int = row[1]
        if maxN == count { return maxN + 1 }
        if try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tasks WHERE number = 1 AND uuid != ?)", arguments: [uuid]) ?? false) {
            return 1
        }
        return try Int.fetchOne(db, sql: """
            SELECT t.number + 1 FROM tasks t
            WHERE t.number IS NOT NULL AND t.uuid != :u
              AND NOT EXISTS (SELECT 1 FROM tasks n WHERE n.number = t.number + 1 AND n.uuid != :u)
            ORDER BY t.number LIMIT 1
            """, arguments: ["u": uuid]) ?? maxN + 1
    }

    static func insert(_ task: WorkTask, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO tasks (\(TaskRecord.columns)) VALUES (\(TaskRecord.placeholders))")
            .execute(arguments: StatementArguments(TaskRecord.values(task)))
    }

    static func update(_ task: WorkTask, _ db: Database) throws {
        let sets = TaskRecord.columns.split(separator: ",").dropFirst()
            .map { "\($0.trimmingCharacters(in: .whitespaces)) = ?" }.joined(separator: ", ")
        // The uuid (first value) goes last, for the WHERE clause.
        var values = TaskRecord.values(task)
        values.append(values.removeFirst())
        try db.execute(sql: "UPDATE tasks SET \(sets) WHERE uuid = ?", arguments: StatementArguments(values))
    }

    /// The short number, or the first 8 characters of the UUID for closed tasks.
    static func name(_ task: WorkTask) -> String {
        task.number.map(String.init) ?? String(task.uuid.uuidString.lowercased().prefix(8))
    }
}

/// The smallest free task numbers, in order, from one read of the numbers in use: what
/// `nextNumber` would answer before each insert of a batch, without asking the index each time.
struct FreeNumbers {
    private let used: [Int]
    private var index = 0
    private var candidate = 1

    init(_ db: Database) throws {
        used = try Int.fetchAll(db, sql: "SELECT number FROM tasks WHERE number IS NOT NULL ORDER BY number")
    }

    /// The next free number (it is then taken).
    mutating func next() -> Int {
        while index < used.count && used[index] <= candidate {
            if used[index] == candidate { candidate += 1 }
            index += 1
        }
        defer { candidate += 1 }
        return candidate
    }
}

/// A counter of this process's own commits (PRAGMA data_version only counts other connections).
final class WriteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    func increment() { lock.lock(); count += 1; lock.unlock() }
}

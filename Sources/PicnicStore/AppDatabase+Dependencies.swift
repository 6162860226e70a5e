import Foundation
import GRDB
import PicnicCore

extension AppDatabase {
    /// Sets `blocked`/`blocking` on one task read alone (`show`, `task(ref:)`).
    static func markDependencies(_ task: inout WorkTask, _ db: Database) throws {
        guard task.status.isOpen else { return }
        let key = task.uuid.uuidString.lowercased()
        let deps = task.depends.map { $0.uuidString.lowercased() }.filter { $0 != key }
        if !deps.isEmpty {
            let marks = Array(repeating: "?", count: deps.count).joined(separator: ",")
            task.blocked = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM tasks WHERE uuid IN (\(marks)) AND status IN ('pending', 'active', 'waiting'))
                """, arguments: StatementArguments(deps)) ?? false
        }
        task.blocking = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM tasks WHERE depends != '' AND status IN ('pending', 'active', 'waiting')
                           AND instr(depends, ' ' || ? || ' ') > 0 AND uuid != ?)
            """, arguments: [key, key]) ?? false
    }

    /// Applies the `depends:` part of a change to `task`: resolves each reference (a short number
    /// names an open task; a UUID or prefix any task), refuses the task itself and cycles, each
    /// with one line naming it. Other fields are left alone.
    static func applyDependencies(_ change: TaskModification, to task: inout WorkTask, _ db: Database, now: Date) throws {
        guard !change.addDepends.isEmpty || !change.removeDepends.isEmpty || change.clearDepends else { return }
        func target(_ ref: String, _ sign: String) throws -> WorkTask {
            do { return try resolve(ref, db, now: now) } catch let e as PicnicError {
                throw PicnicError.usage("\(sign)depends:\(ref): \(e.message)")
            }
        }
        if change.clearDepends { task.depends = [] }
        for ref in change.removeDepends {
            let other = try target(ref, "-")
            guard task.depends.contains(other.uuid) else {
                throw PicnicError.usage("-depends:\(ref): task \(name(task)) does not depend on \(name(other))")
            }
            task.depends.removeAll { $0 == other.uuid }
        }
        var added: [WorkTask] = []
        for ref in change.addDepends {
            let other = try target(ref, "")
            guard other.uuid != task.uuid else { throw PicnicError.usage("depends:\(ref): a task cannot depend on itself") }
            if !task.depends.contains(other.uuid) {
                task.depends.append(other.uuid)
                added.append(other)
            }
        }
        guard !added.isEmpty else { return }
        let graph = try dependencyGraph(db, replacing: task)
        for other in added {
            if let path = path(from: other.uuid, to: task.uuid, in: graph) {
                let names = try ([task.uuid] + path).map { try displayName($0, db) }
                let ref = change.addDepends.first { (try? resolve($0, db, now: now))?.uuid == other.uuid } ?? name(other)
                throw PicnicError.usage("depends:\(ref): would make a cycle: \(names.joined(separator: " → "))")
            }
        }
    }

    /// Every task's dependencies, with `task`'s as they are about to be saved.
    static func dependencyGraph(_ db: Database, replacing task: WorkTask) throws -> [UUID: [UUID]] {
        var graph: [UUID: [UUID]] = [:]
        let rows = try Row.fetchAll(db, sql: "SELECT uuid, depends FROM tasks WHERE depends != ''")
        for row in rows {
            guard let u = UUID(uuidString: row[0]) else { continue }
            graph[u] = TaskRecord.words(row[1] as String).compactMap(UUID.init(uuidString:))
        }
        graph[task.uuid] = task.depends
        return graph
    }

    /// A path of dependencies from `start` to `goal` (both included), or nil.
    static func path(from start: UUID, to goal: UUID, in graph: [UUID: [UUID]]) -> [UUID]? {
        var previous: [UUID: UUID] = [:]
        var queue = [start], head = 0
        var seen: Set<UUID> = [start]
        while head < queue.count {
            let u = queue[head]
            head += 1
            if u == goal {
                var path = [u]
                while let p = previous[path[0]] { path.insert(p, at: 0) }
                return path
            }
            for v in graph[u] ?? [] where seen.insert(v).inserted {
                previous[v] = u
                queue.append(v)
            }
        }
        return nil
    }

    /// The short number, or the UUID's first 8 characters.
    static func displayName(_ uuid: UUID, _ db: Database) throws -> String {
        let key = uuid.uuidString.lowercased()
        if let n = try Int.fetchOne(db, sql: "SELECT number FROM tasks WHERE uuid = ?", arguments: [key]) { return String(n) }
        return String(key.prefix(8))
    }
}

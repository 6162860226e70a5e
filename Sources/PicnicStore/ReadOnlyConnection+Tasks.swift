import Foundation
import GRDB
import GRDBSQLite
import PicnicCore

extension ReadOnlyConnection {
    /// Every open task, decoded and marked blocked/blocking as the store's loaders do, for a
    /// reader that must narrow them by a filter (`status` in a context).
    public func openTasks(now: Date) throws -> [WorkTask] {
        let statement = try RawStatement(connection: handle, """
            SELECT \(TaskRecord.columns) FROM tasks WHERE status IN ('pending', 'active', 'waiting')
            """)
        var tasks: [WorkTask] = []
        while try statement.step() { tasks.append(TaskRecord.task(statement.handle, now: now)) }
        QueueMarks.mark(&tasks)
        return tasks
    }

    /// The UUIDs (lower-case text) of every row of a one-column statement.
    public func texts(_ sql: String) throws -> Set<String> {
        let statement = try RawStatement(connection: handle, sql)
        var out = Set<String>()
        while try statement.step() { out.insert(statement.text(0)) }
        return out
    }
}

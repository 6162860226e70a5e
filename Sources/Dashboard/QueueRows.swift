import Foundation
import PicnicCore

/// The rows the queue shows: every open task, or the ones the filter keeps, held as positions
/// into the task list so filtering and clearing a filter never copy 10k tasks.
public struct QueueRows: RandomAccessCollection, Equatable, Sendable {
    /// All open tasks, most urgent first.
    let tasks: [WorkTask]
    /// Ascending positions in `tasks` of the rows shown; nil: all of them.
    let positions: [Int32]?

    /// Every task, in order.
    init(all tasks: [WorkTask]) {
        self.tasks = tasks
        positions = nil
    }

    /// The tasks at `positions` (ascending).
    init(_ tasks: [WorkTask], positions: [Int32]) {
        self.tasks = tasks
        self.positions = positions
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions?.count ?? tasks.count }
    public subscript(row: Int) -> WorkTask { tasks[position(ofRow: row)] }

    /// The position in `tasks` of a row.
    func position(ofRow row: Int) -> Int {
        positions.map { Int($0[row]) } ?? row
    }

    /// The uuid of a row, without copying the task.
    func uuid(at row: Int) -> UUID { tasks[position(ofRow: row)].uuid }

    /// Whether these rows are drawn from this very task list (same storage, not merely equal).
    func isOver(_ list: [WorkTask]) -> Bool {
        guard tasks.count == list.count else { return false }
        return tasks.withUnsafeBufferPointer { a in list.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }

    /// The row showing `uuid`, if any (a scan: callers keep a hint for the common case).
    func row(of uuid: UUID) -> Int? {
        guard let positions else { return tasks.firstIndex { $0.uuid == uuid } }
        return positions.firstIndex { tasks[Int($0)].uuid == uuid }
    }
}

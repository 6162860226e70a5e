import Foundation
import PicnicCore

/// Where `b` (jump to blockers) has been: the task that waits and its open blockers in queue
/// order; `B` goes back to the task.
public struct BlockerTrail: Equatable, Sendable {
    public var dependant: UUID
    public var blockers: [UUID]
    public var index: Int

    /// The blocker selected last.
    public var current: UUID { blockers[index] }
}

extension AppState {
    /// Recomputes `contextRows` for the tasks and context in force.
    mutating func refreshContextRows() {
        contextRows = contextFilter.map { QueueRules.positions($0, in: tasks, titles: titles, now: now, among: nil) }
    }
}

import Foundation
import PicnicCore
import PicnicStore

/// Finds the task a matcher command names. Stand-in until the queue's `AppDatabase.task(ref:)`
/// lands on main; then this forwards to it.
enum TaskLookup {
    static func find(_ ref: String, in db: AppDatabase) throws -> WorkTask {
        throw PicnicError.usage("no task \(ref): the task store is not on this build yet; use --text")
    }
}

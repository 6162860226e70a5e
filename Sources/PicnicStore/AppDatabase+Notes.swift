import Foundation
import PicnicCore

extension AppDatabase {
    /// Replaces a task's notes (the dashboard's `e`, after `$EDITOR`); one undoable change.
    @discardableResult
    public func setNotes(ref: String, notes: String, now: Date = Date()) throws -> WorkTask {
        try update([ref], verb: "edited the notes of", now: now) { task, _ in task.notes = notes }[0]
    }
}

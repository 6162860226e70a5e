import GRDB

extension AppDatabase {
    /// Every migration, in order. Each schema's body lives beside the records it serves.
    static let migrations: [(String, (Database) throws -> Void)] = [
        ("v1-posts", PostSchema.v1),
        ("v1-tasks", TaskSchema.v1),
        ("v1-feedback-undo", PostSchema.feedbackUndo),
        ("v2-status-indexes", StatusSchema.v2),
    ]
}

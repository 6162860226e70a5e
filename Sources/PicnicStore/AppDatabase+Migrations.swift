import GRDB

extension AppDatabase {
    /// Every migration, in order. Each schema's body lives beside the records it serves.
    static let migrations: [(String, @Sendable (Database) throws -> Void)] = [
        ("v1-posts", { try PostSchema.v1($0) }),
        ("v1-tasks", { try TaskSchema.v1($0) }),
        ("v1-feedback-undo", { try PostSchema.feedbackUndo($0) }),
        ("v2-status-indexes", { try StatusSchema.v2($0) }),
        ("v3-status-help-mirror", { try StatusSchema.v3($0) }),
        ("v4-post-df", { try PostSchema.documentFrequencies($0) }),
        ("v5-index-layout", { try PostSchema.indexLayout($0) }),
        ("v6-queue-series-contexts", { try QueueSchema.v6($0) }),
        ("v7-series-journal-by-hand", { try QueueSchema.v7($0) }),
        ("v8-community", { try CommunitySchema.v8($0) }),
    ]
}

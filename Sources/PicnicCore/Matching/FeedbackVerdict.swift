/// What a person said about a matched thread for a task.
public enum FeedbackVerdict: String, Codable, CaseIterable, Sendable {
    /// "+": it helped; lifts the thread for this task and similar ones.
    case helpful
    /// "-": not for this task; never shown for it again.
    case hidden
}

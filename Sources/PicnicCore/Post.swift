import Foundation

/// What a community post is.
public enum PostKind: String, Codable, CaseIterable, Sendable {
    case question, answer, tip, doc, file, link
}

/// A community post: a question, an answer, a tip, a document, a shared file or a link.
///
/// A thread is a question (or any post without a parent) together with the posts whose `parent`
/// is its id. `source` and `sourceID` identify where an imported post came from, so that a
/// re-import updates instead of duplicating.
public struct Post: Codable, Equatable, Hashable, Identifiable, Sendable {
    /// Store-assigned row id; 0 before the post is saved.
    public var id: Int64
    public var kind: PostKind
    public var title: String
    public var body: String
    public var tags: [String]
    public var author: String
    public var space: String
    public var created: Date
    public var votes: Int
    public var accepted: Bool
    public var parent: Int64?
    public var url: String?
    public var source: String?
    public var sourceID: String?

    public init(
        id: Int64 = 0, kind: PostKind = .question, title: String, body: String = "",
        tags: [String] = [], author: String = "", space: String = "",
        created: Date = Date(), votes: Int = 0, accepted: Bool = false, parent: Int64? = nil,
        url: String? = nil, source: String? = nil, sourceID: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.tags = tags
        self.author = author
        self.space = space
        self.created = created
        self.votes = votes
        self.accepted = accepted
        self.parent = parent
        self.url = url
        self.source = source
        self.sourceID = sourceID
    }
}

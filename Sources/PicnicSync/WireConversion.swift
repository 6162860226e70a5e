import CommunityAPI
import Foundation
import PicnicCore
import PicnicStore

extension SyncedPost {
    /// The store's form of a post the server sent.
    public init(_ p: APIPost) {
        self.init(uuid: p.id, space: p.space, kind: p.kind, author: p.author, parent: p.parent, title: p.title,
                  body: p.body, tags: p.tags, url: p.url,
                  file: p.file.map { SyncedFile(sha256: $0.sha256, name: $0.name, size: $0.size, mime: $0.mime) },
                  created: p.created, edited: p.edited, version: p.version, votes: p.votes, myVote: p.myVote,
                  helped: p.helped, myHelped: p.myHelped, acceptedAnswer: p.acceptedAnswer, accepted: p.accepted,
                  answers: p.answers, removed: p.isRemoval, position: p.position)
    }
}

extension CommunitySpace {
    /// The store's form of a space.
    public init(_ s: APISpace) {
        self.init(name: s.name, title: s.title, visibility: s.visibility.rawValue, role: s.role?.rawValue, general: s.general)
    }
}

extension SyncPage {
    /// The store's form of a feed page.
    public init(_ page: APIChangePage) {
        var changes: [SyncedChange] = []
        changes.reserveCapacity(page.changes.count)
        for c in page.changes {
            if let post = c.post {
                changes.append(.post(SyncedPost(post)))
            } else if let space = c.space {
                changes.append(.space(CommunitySpace(space), readable: space.readable))
            }
        }
        self.init(changes: changes, next: page.next, head: page.head, more: page.more)
    }
}

extension APIPostWrite {
    /// The body that sends a stored post (its current local text). The API wants a title on every
    /// post; an answer without one is sent as "Re: " and its question's title (`questionTitle`),
    /// which the store drops again when it comes back (see `CommunityPull`).
    init(_ post: Post, parent: String?, questionTitle: String?, file: SyncedFile?) {
        var title = post.title
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, post.kind == .answer {
            title = String(("Re: " + (questionTitle ?? "your question")).prefix(APILimits.titleLength.upperBound))
        }
        self.init(space: post.space, kind: post.kind, parent: parent.flatMap(UUID.init(uuidString:)), title: title,
                  body: post.body, tags: post.tags, url: post.url,
                  file: file.map { APIFileRef(sha256: $0.sha256, name: $0.name, size: $0.size, mime: $0.mime) })
    }
}

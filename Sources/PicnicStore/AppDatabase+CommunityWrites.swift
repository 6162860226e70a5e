import Foundation
import GRDB
import PicnicCore

extension AppDatabase {
    /// Writes a post for a community locally first: it is in `posts` and the index at once
    /// (marked sending) and its `PUT` waits in the outbox, keyed by its UUID, so a retry after a
    /// crash or days offline never duplicates it. With `askedFrom`, the question is linked to that
    /// task here only (the task never leaves the machine). One transaction.
    @discardableResult
    public func shareToCommunity(_ draft: CommunityDraft, community id: Int64, uuid: UUID = UUID(),
                                 askedFrom task: UUID? = nil, now: Date = Date()) throws -> Post {
        try write { db in
            let community = try Self.activeCommunity(id, db)
            var space = draft.space ?? community.generalSpace
            var kind = draft.kind
            if let parent = draft.parent {
                guard let row = try Row.fetchOne(db, sql: "SELECT source, source_id, space, parent FROM posts WHERE id = ?", arguments: [parent]),
                      Community.id(fromSource: row[0]) == id, (row[1] as String?) != nil else {
                    throw PicnicError.usage("post \(parent) is not a post of \(community.name): answer it there, or post --local")
                }
                let grandparent: Int64? = row[3]
                guard grandparent == nil else { throw PicnicError.usage("post \(parent) is an answer: answer its question instead") }
                space = row[2]
                kind = .answer
            } else if !community.spaces.isEmpty, !community.spaces.contains(where: { $0.name == space }) {
                let names = community.spaces.map(\.name).sorted().joined(separator: ", ")
                throw PicnicError.usage("no space \(space) in \(community.name) (spaces: \(names))")
            }
            let post = Post(kind: kind, title: draft.title, body: draft.body, tags: draft.tags, author: community.userName,
                            space: space, created: now, parent: draft.parent, url: draft.url,
                            source: community.source, sourceID: uuid.apiKey)
            let saved = try Self.save(post, db)
            try db.execute(sql: """
                INSERT INTO community_posts (post_id, community, mine, state, file) VALUES (?, ?, 1, 'sending', ?)
                """, arguments: [saved.id, id, draft.file.map(CommunityPull.encodeFile)])
            if let file = draft.file, let path = draft.filePath {
                try Self.enqueue(db, community: id, .file, target: file.sha256, body: path, now: now)
            }
            try Self.enqueue(db, community: id, .post, target: uuid.apiKey, now: now)
            if let task {
                try db.execute(sql: "INSERT OR REPLACE INTO task_threads (task_uuid, relation, post_id, at) VALUES (?, 'asked', ?, ?)",
                               arguments: [task.uuidString.lowercased(), saved.id, now.timeIntervalSince1970])
            }
            return saved
        }
    }

    /// Votes for a community post (1, -1, or 0 to take it back): shown at once, sent from the outbox.
    public func vote(post id: Int64, _ value: Int, now: Date = Date()) throws {
        guard (-1...1).contains(value) else { throw PicnicError.usage("a vote is 1, -1 or 0") }
        try write { db in
            let (community, key, info) = try Self.communityPost(id, db)
            guard !info.mine else { throw PicnicError.usage("post \(id) is yours: votes are for others' posts") }
            try db.execute(sql: "UPDATE posts SET votes = votes - ? + ? WHERE id = ?", arguments: [info.myVote, value, id])
            try db.execute(sql: "UPDATE community_posts SET my_vote = ? WHERE post_id = ?", arguments: [value, id])
            try Self.enqueue(db, community: community.id, .vote, target: key, body: String(value), now: now)
        }
    }

    /// Marks a community post as having helped (or not): only the post is named, never the task.
    public func markHelped(post id: Int64, _ helped: Bool = true, now: Date = Date()) throws {
        try write { db in
            let (community, key, info) = try Self.communityPost(id, db)
            guard !info.mine else { throw PicnicError.usage("post \(id) is yours: helped marks are for others' posts") }
            guard info.myHelped != helped else { return }
            try db.execute(sql: "UPDATE community_posts SET my_helped = ?, helped = max(0, helped + ?) WHERE post_id = ?",
                           arguments: [helped, helped ? 1 : -1, id])
            try Self.enqueue(db, community: community.id, .helped, target: key, body: helped ? "1" : "0", now: now)
        }
    }

    /// Accepts an answer to one of this person's questions (nil clears the choice).
    public func accept(question id: Int64, answer: Int64?, now: Date = Date()) throws {
        try write { db in
            let (community, key, info) = try Self.communityPost(id, db)
            guard info.mine, info.kind == .question else { throw PicnicError.usage("post \(id) is not your question: only its author accepts an answer") }
            var answerKey = ""
            if let answer {
                guard let row = try Row.fetchOne(db, sql: "SELECT parent, source_id FROM posts WHERE id = ?", arguments: [answer]),
                      (row[0] as Int64?) == id, let k: String = row[1] else {
                    throw PicnicError.usage("post \(answer) is not an answer to post \(id)")
                }
                answerKey = k
            }
            try db.execute(sql: "UPDATE posts SET accepted = (id = ?) WHERE parent = ?", arguments: [answer ?? -1, id])
            try db.execute(sql: "UPDATE community_posts SET accepted_answer = ? WHERE post_id = ?",
                           arguments: [answerKey.isEmpty ? nil : answerKey, id])
            try Self.enqueue(db, community: community.id, .accept, target: key, body: answerKey, now: now)
        }
    }

    /// Deletes one of this person's community posts: gone here at once, the delete sent later.
    public func deleteCommunityPost(_ id: Int64, now: Date = Date()) throws {
        try write { db in
            let (community, key, info) = try Self.communityPost(id, db)
            guard info.mine else { throw PicnicError.usage("post \(id) is not yours: only its author deletes it") }
            try db.execute(sql: "DELETE FROM outbox WHERE community = ? AND target = ? AND op <> 'delete'", arguments: [community.id, key])
            _ = try Self.removePosts(db, whereSQL: "id = ?", [id])
            if info.version > 0 { try Self.enqueue(db, community: community.id, .delete, target: key, now: now) }
        }
    }

    /// Adds (or replaces, keeping its place in line) the entry for `op` on `target`. A replaced
    /// entry gets a new `created`, so a send of the old one in flight cannot remove it.
    static func enqueue(_ db: Database, community: Int64, _ op: OutboxOp, target: String, body: String = "", now: Date) throws {
        try db.execute(sql: """
            INSERT INTO outbox (community, op, target, body, created) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (community, op, target) DO UPDATE SET body = excluded.body, created = excluded.created,
                refused = 0, attempts = 0, next_attempt = 0, last_error = NULL
            """, arguments: [community, op.rawValue, target, body, now.timeIntervalSince1970])
    }

    static func activeCommunity(_ id: Int64, _ db: Database) throws -> Community {
        guard let c = try community(id, db) else { throw PicnicError.usage("no community \(id)") }
        guard c.isActive else { throw PicnicError.usage("\(c.name): left; its posts are read-only history (join it again to write)") }
        return c
    }

    /// A post's community, UUID and community row; a usage error for a local or read-only post.
    static func communityPost(_ id: Int64, _ db: Database) throws -> (Community, String, CommunityPostInfo) {
        guard let row = try Row.fetchOne(db, sql: "SELECT source, source_id FROM posts WHERE id = ?", arguments: [id]) else {
            throw PicnicError.usage("no post \(id)")
        }
        guard let cid = Community.id(fromSource: row[0]), let key: String = row[1], let info = try communityInfo(id, db) else {
            throw PicnicError.usage("post \(id) is local to this machine: there is nobody to send that to")
        }
        return (try activeCommunity(cid, db), key, info)
    }
}

extension AppDatabase {
    /// The community new posts go to when none is named: the only (or first) joined one; nil in a
    /// single-person workspace.
    public func defaultCommunity() throws -> Community? {
        try communities().first
    }

    /// Asks a question from a task (exactly the text the preview showed): posted locally, sent
    /// from the outbox, linked to the task here only. `community` nil: the default one.
    @discardableResult
    public func askQuestion(task: UUID, title: String, body: String, tags: [String], space: String?,
                            community: Int64? = nil, now: Date = Date()) throws -> Post {
        guard let id = try community ?? defaultCommunity()?.id else {
            throw PicnicError.usage("no community joined: `picnic community join URL` first")
        }
        return try shareToCommunity(CommunityDraft(kind: .question, title: title, body: body, tags: tags, space: space),
                                    community: id, askedFrom: task, now: now)
    }

    /// Answers a community question (in its community and space).
    @discardableResult
    public func answer(question: Int64, body: String, now: Date = Date()) throws -> Post {
        let root = try pool.read { db in try ThreadIndex.root(of: question, db) } ?? question
        guard let source = try post(id: root)?.source, let id = Community.id(fromSource: source) else {
            throw PicnicError.usage("post \(question) is local to this machine: there is nobody to answer")
        }
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw PicnicError.usage("an answer needs some text") }
        return try shareToCommunity(CommunityDraft(kind: .answer, title: "", body: body, parent: root), community: id, now: now)
    }
}

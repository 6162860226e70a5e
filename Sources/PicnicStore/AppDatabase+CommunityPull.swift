import Foundation
import GRDB
import PicnicCore

extension AppDatabase {
    /// Applies one pulled page of a community's feed and stores its new position, in ONE
    /// transaction: a crash never leaves the position ahead of the data, nor half a page.
    ///
    /// New posts go through the bulk writer (indexed like imported ones); an edit re-indexes its
    /// thread; a change that leaves the text alone (a vote, a helped mark, an accept) touches no
    /// index; a deleted or hidden post leaves the store and the index. A post with a local write
    /// still waiting in the outbox keeps its local text. An answer whose question this user cannot
    /// see is skipped (counted), never an error: a pull must not stall on the server's data.
    @discardableResult
    public func applySyncPage(community id: Int64, _ page: SyncPage, now: Date = Date()) throws -> SyncPageResult {
        try write { db in
            guard let community = try Self.community(id, db) else { throw PicnicError.usage("no community \(id)") }
            guard community.isActive else { throw PicnicError.usage("community \(community.name) was left: join it again to sync") }
            var pull = try CommunityPull(community: community, db: db)
            try pull.apply(page.changes)
            try db.execute(sql: """
                UPDATE communities SET position = max(position, ?), head = max(head, ?), offline_since = NULL,
                       last_error = NULL, last_sync = CASE WHEN ? THEN last_sync ELSE ? END, spaces = ? WHERE id = ?
                """, arguments: [page.next, page.head, page.more, now.timeIntervalSince1970,
                                 Self.encodeSpaces(pull.spaces), id])
            return pull.result
        }
    }

    /// Stores a post the server just returned for one of this person's writes (the answer to a
    /// PUT or an action), as a pull would; nothing else moves (the position stays).
    public func applyServerPost(community id: Int64, _ post: SyncedPost) throws {
        try write { db in
            guard let community = try Self.community(id, db) else { return }
            var pull = try CommunityPull(community: community, db: db)
            pull.confirming = true
            try pull.apply([.post(post)])
        }
    }
}

/// One page being applied: looks up what the page names, then writes it in bulk.
struct CommunityPull {
    let community: Community
    let db: Database
    let source: String
    var spaces: [CommunitySpace]
    var result = SyncPageResult()
    /// Applying the server's answer to our own write: the outbox entry is already gone.
    var confirming = false

    init(community: Community, db: Database) throws {
        self.community = community
        self.db = db
        self.source = community.source
        self.spaces = community.spaces
    }

    /// What the store holds of a post the page names.
    struct Stored {
        var id: Int64
        var root: Int64
        var kind: String
        var title: String
        var body: String
        var tags: String
        var author: String
        var mine: Bool
    }

    mutating func apply(_ changes: [SyncedChange]) throws {
        var posts: [SyncedPost] = []
        posts.reserveCapacity(changes.count)
        for change in changes {
            switch change {
            case .post(let p): posts.append(p)
            case .space(let space, let readable): try applySpace(space, readable: readable)
            }
        }
        guard !posts.isEmpty else { return }
        var wanted = Set<String>()
        for p in posts {
            wanted.insert(p.uuid.apiKey)
            if let parent = p.parent { wanted.insert(parent.apiKey) }
        }
        var stored = try lookup(wanted)
        let pendingText = try pendingPostWrites()

        // Removals first: they may take answers with them.
        var removals: [Int64] = []
        for p in posts where p.removed {
            if let s = stored[p.uuid.apiKey] { removals.append(s.id); stored[p.uuid.apiKey] = nil }
        }
        if !removals.isEmpty {
            result.removed += try AppDatabase.removePosts(db, whereSQL: "id IN (\(removals.map(String.init).joined(separator: ",")))", [])
            // Answers that went with a removed question are no longer stored.
            stored = stored.filter { removals.contains($0.value.root) == false }
        }

        // Roots before answers, so that an answer finds a question the same page brings.
        let live = posts.filter { !$0.removed }
        let ordered = live.filter { $0.parent == nil } + live.filter { $0.parent != nil }
        var items: [PostImport] = []
        var itemPosts: [SyncedPost] = []
        var metadataOnly: [(SyncedPost, Int64)] = []
        var inPage = Set<String>()
        for p in ordered {
            let key = p.uuid.apiKey
            if let parent = p.parent, stored[parent.apiKey] == nil, !inPage.contains(parent.apiKey) {
                result.skipped += 1
                continue
            }
            // The server never sends a live root without a title; if one came, storing it would
            // fail the page forever, so it is left out like an orphan answer.
            if p.parent == nil && !PostBulkWriter.hasText(p.title) {
                result.skipped += 1
                continue
            }
            if let s = stored[key] {
                if pendingText.contains(key) && !confirming || sameText(s, p) {
                    metadataOnly.append((p, s.id))
                    continue
                }
            }
            inPage.insert(key)
            items.append(PostImport(post(p), parentSourceID: p.parent?.apiKey))
            itemPosts.append(p)
        }

        var ids: [Int64] = []
        if !items.isEmpty {
            var known: [String: PostBulkWriter.Ref] = [:]
            for (key, s) in stored { known[key] = (s.id, s.root) }
            let summary = try PostBulkWriter.run(db) { writer in
                writer.preload(source: source, known)
                try writer.write(items)
            }
            ids = summary.ids
            result.added += summary.inserted
            result.updated += summary.updated
        }
        let meta = try db.makeStatement(sql: "UPDATE posts SET votes = ?, accepted = ?, author = ?, space = ? WHERE id = ?")
        for (p, id) in metadataOnly {
            try meta.execute(arguments: [p.votes, p.accepted, p.author, p.space, id])
            result.updated += 1
        }

        // Every stored post gets its community row; new answers to my questions ask for attention.
        let upsert = try RawStatement(db, CommunityPull.upsertSQL)
        let myQuestions = try myQuestionKeys(stored: stored, page: live)
        for (p, id) in zip(itemPosts, ids) + metadataOnly {
            let isNew = stored[p.uuid.apiKey] == nil
            var attention: Int64 = 0
            if isNew, p.author != community.userName, let parent = p.parent, myQuestions.contains(parent.apiKey) {
                attention = 1
                result.newAnswers += 1
            }
            try writeCommunityRow(upsert, id, p, attention: attention, sending: pendingText.contains(p.uuid.apiKey) && !confirming)
        }
    }

    static let upsertSQL = """
        INSERT INTO community_posts (post_id, community, version, position, helped, my_vote, my_helped, accepted_answer,
                                     answers, mine, state, edited, file, attention)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (post_id) DO UPDATE SET version = excluded.version, position = excluded.position,
            helped = excluded.helped, my_vote = excluded.my_vote, my_helped = excluded.my_helped,
            accepted_answer = excluded.accepted_answer, answers = excluded.answers, mine = excluded.mine,
            state = excluded.state, edited = excluded.edited, file = excluded.file,
            attention = attention | excluded.attention
        """

    func writeCommunityRow(_ s: RawStatement, _ id: Int64, _ p: SyncedPost, attention: Int64, sending: Bool) throws {
        s.bind(1, id)
        s.bind(2, community.id)
        s.bind(3, Int64(p.version))
        s.bind(4, p.position)
        s.bind(5, Int64(p.helped))
        s.bind(6, Int64(p.myVote))
        s.bind(7, Int64(p.myHelped ? 1 : 0))
        s.bind(8, p.acceptedAnswer?.apiKey)
        s.bind(9, Int64(p.answers))
        s.bind(10, Int64(p.author == community.userName ? 1 : 0))
        s.bind(11, sending ? "sending" : "synced")
        if let edited = p.edited { s.bind(12, edited.timeIntervalSince1970) } else { s.bind(12, nil as Int64?) }
        s.bind(13, p.file.map(CommunityPull.encodeFile))
        s.bind(14, attention)
        try s.execute()
    }

    /// The title kept locally: an answer's "Re: …" (the API wants a title on every post) is
    /// dropped, so that answers are indexed as imported ones are, by their text.
    static func localTitle(_ p: SyncedPost) -> String {
        p.kind == .answer && p.title.hasPrefix("Re: ") ? "" : p.title
    }

    /// The `posts` row of a synced post.
    func post(_ p: SyncedPost) -> Post {
        Post(kind: p.kind, title: Self.localTitle(p), body: p.body, tags: p.tags, author: p.author, space: p.space,
             created: p.created, votes: p.votes, accepted: p.accepted, url: p.url, source: source, sourceID: p.uuid.apiKey)
    }

    func sameText(_ s: Stored, _ p: SyncedPost) -> Bool {
        s.title == Self.localTitle(p) && s.body == p.body && s.kind == p.kind.rawValue && s.tags == PostRow.encodeTags(PostRow.normalizedTags(p.tags))
    }

    /// The stored posts among `keys` (UUIDs), in one statement.
    func lookup(_ keys: Set<String>) throws -> [String: Stored] {
        guard !keys.isEmpty else { return [:] }
        let json = "[\"" + keys.joined(separator: "\",\"") + "\"]"
        var out: [String: Stored] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.source_id, p.id, coalesce(p.parent, p.id), p.kind, p.title, p.body, p.tags, p.author
              FROM json_each(?) k JOIN posts p ON p.source = ? AND p.source_id = k.value
            """, arguments: [json, source])
        while let row = try rows.next() {
            let author: String = row[7]
            out[row[0]] = Stored(id: row[1], root: row[2], kind: row[3], title: row[4], body: row[5], tags: row[6],
                                 author: author, mine: author == community.userName)
        }
        return out
    }

    /// UUIDs of posts whose text is about to be sent again from the outbox (local edits win).
    func pendingPostWrites() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT target FROM outbox WHERE community = ? AND op = 'post' AND refused = 0",
                                arguments: [community.id]))
    }

    /// The questions among those the page names or answers that this person asked.
    func myQuestionKeys(stored: [String: Stored], page: [SyncedPost]) throws -> Set<String> {
        var mine = Set<String>()
        for (key, s) in stored where s.mine && s.kind == PostKind.question.rawValue { mine.insert(key) }
        for p in page where p.parent == nil && p.kind == .question && p.author == community.userName { mine.insert(p.uuid.apiKey) }
        return mine
    }

    mutating func applySpace(_ space: CommunitySpace, readable: Bool) throws {
        spaces.removeAll { $0.name == space.name }
        if readable {
            spaces.append(space)
        } else {
            result.removed += try AppDatabase.removePosts(db, whereSQL: "source = ? AND space = ?", [source, space.name])
        }
    }

    static func encodeFile(_ f: SyncedFile) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(f)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}

extension UUID {
    /// The lower-case form the store keeps in `posts.source_id` (the API's form too).
    public var apiKey: String { uuidString.lowercased() }
}

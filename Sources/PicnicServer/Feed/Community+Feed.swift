import CommunityAPI
import Foundation
import Hummingbird
import NIOCore
import PostgresNIO

extension Community {
    /// `GET /v1/me`: the user, the spaces they may read, the feed's head (from the primary).
    func me(_ request: Request, _ context: ServerContext) async throws -> Response {
        let me = try await read(request, context, replica: true) { tx in
            let head = tx.onReplica ? try await self.watcher.currentHead() : try await Self.head(tx)
            return APIMe(user: APIUser(name: tx.user.name, displayName: tx.user.displayName),
                         spaces: tx.scope.spaces.map(\.api), head: head)
        }
        return .json(me)
    }

    /// `GET /v1/spaces`.
    func spaces(_ request: Request, _ context: ServerContext) async throws -> Response {
        let list = try await read(request, context, replica: true) { tx in APISpaceList(spaces: tx.scope.spaces.map(\.api)) }
        return .json(list)
    }

    /// The feed's head as this transaction's database sees it.
    static func head(_ tx: Tx) async throws -> Int64 {
        try await tx.conn.firstRow("SELECT picnic_head()", logger: tx.logger)?.decode(Int64.self) ?? 0
    }

    /// `GET /v1/changes?after=N&limit=L`: the posts changed after N that the user may read, each
    /// once at its latest position, and the spaces whose access changed, up to the head.
    func changes(_ request: Request, _ context: ServerContext) async throws -> Response {
        let after = try request.integerParameter("after") ?? 0
        guard after >= 0 else { throw APIError.invalid("after", "a position is 0 or more") }
        let asked = try request.integerParameter("limit") ?? Int64(APIChangePage.defaultLimit)
        guard asked >= 1 else { throw APIError.invalid("limit", "at least 1") }
        let limit = Int(min(asked, Int64(APIChangePage.maxLimit)))
        let page = try await read(request, context, replica: true) { tx in
            let head: Int64
            if tx.onReplica {
                // The primary's head first: the replica serves only when it has replayed that far,
                // so a client told `head` by the primary never gets a page that lacks it.
                let primaryHead = try await self.watcher.currentHead()
                guard try await Self.head(tx) >= primaryHead else { throw ReplicaBehind() }
                head = primaryHead
            } else {
                head = try await Self.head(tx)
            }
            return try await Self.page(tx, after: after, limit: limit, head: head)
        }
        return .json(page)
    }

    static func page(_ tx: Tx, after: Int64, limit: Int, head: Int64) async throws -> APIChangePage {
        guard head > after else { return APIChangePage(changes: [], next: max(after, head), head: head, more: false) }
        var posts: [APIChange] = []
        let page = PostRow.Page(after: after, head: head, readable: tx.scope.readableIDs, limit: Int64(limit))
        for try await d in try await tx.conn.execute(page, logger: tx.logger) {
            posts.append(APIChange(position: d.post.position, op: d.op, post: d.post))
        }
        var spaces: [APIChange] = []
        let spaceRows = try await tx.conn.query(
            "SELECT * FROM picnic_access_changes(\(after), \(head), \(Int32(limit)))", logger: tx.logger)
        for try await (position, id, name, title, isPrivate, general) in spaceRows.decode((Int64, Int64, String, String, Bool, Bool).self) {
            let space = tx.scope.byID[id]?.api
                ?? APISpace(name: name, title: title, visibility: isPrivate ? .private : .public, role: nil, readable: false, general: general)
            spaces.append(APIChange(position: position, op: .space, space: space))
        }
        // Each list is complete up to its last row only when it is full; cut there.
        var cut = head
        if posts.count == limit, let last = posts.last { cut = min(cut, last.position) }
        if spaces.count == limit, let last = spaces.last { cut = min(cut, last.position) }
        var merged = (posts + spaces).filter { $0.position <= cut }.sorted { $0.position < $1.position }
        if merged.count > limit {
            merged = Array(merged.prefix(limit))
            cut = merged.last?.position ?? cut
        }
        return APIChangePage(changes: merged, next: cut, head: head, more: cut < head)
    }

    /// `GET /v1/events`: Server-Sent Events, a `head` event at once and whenever the head moves,
    /// `: ping` every 15 s. No post content travels here: clients pull the feed.
    func events(_ request: Request, _ context: ServerContext) async throws -> Response {
        if let after = try request.integerParameter("after"), after < 0 {
            throw APIError.invalid("after", "a position is 0 or more")
        }
        let head = try await read(request, context) { tx in try await Self.head(tx) }
        let hub = self.hub
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let (id, stream) = hub.subscribe()
            defer { hub.unsubscribe(id) }
            var last = max(head, hub.head)
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n" + ServerSentEvent.head(last).wireText))
            for await event in stream {
                switch event {
                case .head(let h):
                    guard h > last else { continue }
                    last = h
                    try await writer.write(ByteBuffer(string: ServerSentEvent.head(h).wireText))
                case .ping:
                    try await writer.write(ByteBuffer(string: ServerSentEvent.ping))
                }
            }
            try await writer.finish(nil)
        })
    }
}

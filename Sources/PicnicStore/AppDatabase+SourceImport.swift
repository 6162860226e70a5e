import Foundation
import GRDB
import PicnicCore

/// What importing one source did: the numbers of the summary line.
public struct SourceImportResult: Equatable, Sendable {
    public var added = 0
    public var updated = 0
    /// Posts already stored with the same content (nothing written).
    public var skipped = 0
    /// Stored posts of the source that the import no longer holds (complete sources only).
    public var removed = 0
    /// The store id of every imported post, by source id.
    public var ids: [String: Int64] = [:]

    public init() {}
}

extension AppDatabase {
    /// Imports the posts of one `source` idempotently, in ONE transaction (all or nothing).
    ///
    /// Posts whose source id is stored with the same content are skipped, changed ones updated,
    /// new ones added; with `removeMissing`, stored posts of the source that `items` lacks are
    /// deleted (a docs folder whose file was removed). `progress(done, total)` is called as
    /// chunks are written. Items should come thread by thread (each root, then its replies).
    public func importSource(_ source: String, _ items: [PostImport], removeMissing: Bool,
                             progress: ((Int, Int) -> Void)? = nil) throws -> SourceImportResult {
        try write { db in
            let enlarged = try BatchCache.enlarge(db, count: items.count, kib: Self.importCacheKiB(items))
            defer { if enlarged { BatchCache.restore(db) } }
            var result = SourceImportResult()
            var existing: [String: Post] = [:]
            var sidByID: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(PostRow.columns) FROM posts WHERE source = ?", arguments: [source]) {
                let p = PostRow.decode(row)
                guard let sid = p.sourceID else { continue }
                existing[sid] = p
                sidByID[p.id] = sid
            }
            var changed: [PostImport] = []
            changed.reserveCapacity(items.count)
            for var item in items {
                item.post.source = source
                if let sid = item.post.sourceID, !existing.isEmpty, let old = existing[sid],
                   Self.sameContent(old, item.post, oldParent: old.parent.flatMap { sidByID[$0] }, newParent: item.parentSourceID) {
                    result.skipped += 1
                    result.ids[sid] = old.id
                } else {
                    changed.append(item)
                }
            }
            var stored: [String: PostBulkWriter.Ref] = [:]
            stored.reserveCapacity(existing.count)
            for (sid, p) in existing { stored[sid] = (p.id, p.parent ?? p.id) }
            let bulk = changed.count > 2000
            if bulk { try Self.setIndexBuffer(Self.bulkIndexBuffer, db) }
            let chunk = 5000
            progress?(0, changed.count)
            let summary = try PostBulkWriter.run(db) { writer in
                writer.preload(source: source, stored)
                var done = 0
                while done < changed.count {
                    let slice = Array(changed[done..<min(done + chunk, changed.count)])
                    try writer.write(slice)
                    try writer.flushCompleteThreads()
                    done += slice.count
                    progress?(done, changed.count)
                }
            }
            if bulk { try Self.setIndexBuffer(Self.defaultIndexBuffer, db) }
            result.added += summary.inserted
            result.updated += summary.updated
            for (item, id) in zip(changed, summary.ids) { if let sid = item.post.sourceID { result.ids[sid] = id } }
            if removeMissing {
                let keep = Set(items.compactMap(\.post.sourceID))
                // Replies first, so that a removed root never takes a kept reply with it unseen.
                let gone = existing.values.filter { !keep.contains($0.sourceID ?? "") }
                    .sorted { ($0.parent != nil ? 0 : 1, $0.id) < ($1.parent != nil ? 0 : 1, $1.id) }
                for post in gone {
                    guard let root = try ThreadIndex.root(of: post.id, db) else { continue } // went with its root
                    try ThreadIndex.unindex(root, db)
                    try db.execute(sql: "DELETE FROM posts WHERE id = ?", arguments: [post.id])
                    if root != post.id { try ThreadIndex.index(root, db) }
                    result.removed += 1
                }
            }
            return result
        }
    }

    /// The links and source ids of the posts of every source starting with `prefix` but
    /// `source` itself (for feeds: the items other feeds already brought). Reads the
    /// `(source, source_id)` index's range, not the whole table.
    public func itemsOfOtherSources(prefix: String, except source: String) throws -> (urls: Set<String>, ids: Set<String>) {
        try pool.read { db in
            var urls = Set<String>(), ids = Set<String>()
            let end = String(prefix.dropLast()) + String(UnicodeScalar(prefix.unicodeScalars.last!.value + 1)!)
            for row in try Row.fetchAll(db, sql: """
                SELECT url, source_id FROM posts WHERE source >= ? AND source < ? AND source != ?
                """, arguments: [prefix, end, source]) {
                if let u: String = row[0], !u.isEmpty { urls.insert(u) }
                if let s: String = row[1] { ids.insert(s) }
            }
            return (urls, ids)
        }
    }

    /// The source ids and ids of every stored post of `source`.
    public func postIDs(source: String) throws -> [String: Int64] {
        try pool.read { db in
            var out: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT source_id, id FROM posts WHERE source = ? AND source_id IS NOT NULL",
                                        arguments: [source]) {
                out[row[0]] = row[1]
            }
            return out
        }
    }

    /// The page cache for an import, in KiB: room for every page it dirties (rows, indexes and
    /// the FTS5 segments take about three times the text), 128 MB to 1 GB. Only pages in use
    /// take memory. 100k Stack Exchange posts: ≈ 240 MB; with 128 MB the cache spilled and the
    /// store took 25% more CPU.
    static func importCacheKiB(_ items: [PostImport]) -> Int {
        let text = items.reduce(0) { $0 + $1.post.title.utf8.count + $1.post.body.utf8.count + 64 }
        return min(max((64 << 20) + 3 * text, 128 << 20), 1 << 30) >> 10
    }

    /// FTS5 keeps new postings in memory up to this many bytes before writing a segment: the
    /// default 1 MB makes a big import write (and then merge) hundreds of small segments.
    static let bulkIndexBuffer = 16 << 20
    static let defaultIndexBuffer = 1 << 20

    /// Sets FTS5's `hashsize` (stored in the index's config, so it is put back after the import,
    /// in the same transaction).
    static func setIndexBuffer(_ bytes: Int, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO posts_fts(posts_fts, rank) VALUES ('hashsize', ?)", arguments: [bytes])
    }

    static func sameContent(_ a: Post, _ b: Post, oldParent: String?, newParent: String?) -> Bool {
        a.kind == b.kind && a.title == b.title && a.body == b.body && (a.tags == b.tags || a.tags == PostRow.normalizedTags(b.tags))
            && a.author == b.author && a.space == b.space && a.votes == b.votes && a.accepted == b.accepted
            && a.url == b.url && abs(a.created.timeIntervalSince1970 - b.created.timeIntervalSince1970) < 0.001
            && (newParent == nil ? a.parent == nil : oldParent == newParent)
    }
}

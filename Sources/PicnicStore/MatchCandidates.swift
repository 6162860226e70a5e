import Foundation
import GRDB
import PicnicCore

/// Stage one of matching: which threads to rerank, and what the ranker needs to know about them.
enum MatchCandidates {
    /// Threads asked from FTS5 per match (before feedback adds or hides some).
    static let candidateCount = 40
    /// At most this many postings are scored by FTS5 per match: terms are taken rarest first
    /// until the budget is spent, because one very common term makes FTS5 score every row.
    static let postingsBudget = 3_000
    /// Characters of answers read per thread for the rerank.
    static let answersTextLimit = 12_000

    static func load(query: MatchQuery, taskUUID: UUID?, options: MatchOptions,
                     cache: DocumentFrequencyCache? = nil,
                     _ db: Database) throws -> ([ThreadCandidate], CorpusStats) {
        var stats = try ThreadIndex.stats(db)
        if let cache {
            let key = try DocumentFrequencyCache.key(stats, db)
            let (cached, missing) = cache.lookup(query.stems, key: key)
            var known = cached
            let counted = try ThreadIndex.documentFrequencies(missing, db)
            cache.store(counted, key: key)
            known.merge(counted) { _, b in b }
            stats.documentFrequency = known
        } else {
            stats.documentFrequency = try ThreadIndex.documentFrequencies(query.stems, db)
        }
        let feedback = try FeedbackLookup(taskUUID: taskUUID, query: query, db)

        var ids: [Int64]
        if let within = options.within {
            ids = within
        } else {
            ids = try search(query: query, stats: stats, count: max(candidateCount, options.limit * 4), db)
            for id in feedback.helpfulHere.union(feedback.similar.keys) where !ids.contains(id) { ids.append(id) }
        }
        ids = ids.filter { !feedback.hidden.contains($0) }
        var candidates = try fetch(ids, db)
        for i in candidates.indices {
            let id = candidates[i].post.id
            candidates[i].helpfulHere = feedback.helpfulHere.contains(id)
            candidates[i].helpfulSimilar = feedback.similar[id] ?? 0
        }
        return (candidates, stats)
    }

    /// Root ids from FTS5 for the query's terms, within the postings budget, best BM25 first.
    static func search(query: MatchQuery, stats: CorpusStats, count: Int, _ db: Database) throws -> [Int64] {
        let present = query.terms
            .map { ($0, stats.documentFrequency[$0.stem] ?? 0) }
            .filter { $0.1 > 0 }
            .sorted { $0.1 < $1.1 }
        guard let rarest = present.first else { return [] }
        var chosen: [String] = []
        var spent = 0
        for (term, df) in present where spent + df <= postingsBudget {
            chosen.append(term.word)
            spent += df
        }
        if chosen.isEmpty {
            // Every term is very common: the newest threads holding the rarest one, unscored.
            guard let expr = MatchQuery.ftsExpression([rarest.0.word]) else { return [] }
            return try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT ?
                """), arguments: [expr, count])
        }
        guard let expr = MatchQuery.ftsExpression(chosen) else { return [] }
        return try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rank LIMIT ?
            """), arguments: [expr, count])
    }

    /// The root posts with their answers' text, in the order of `ids` (absent ids skipped).
    static func fetch(_ ids: [Int64], _ db: Database) throws -> [ThreadCandidate] {
        guard !ids.isEmpty else { return [] }
        let list = ids.map(String.init).joined(separator: ",")
        let roots = try Row.fetchAll(db, sql: """
            SELECT \(PostRow.columns) FROM posts WHERE id IN (\(list)) AND parent IS NULL
            """).map(PostRow.decode)
        var answers: [Int64: (text: String, count: Int, accepted: Bool)] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT parent, title, body, accepted FROM posts WHERE parent IN (\(list)) ORDER BY parent, id
            """)
        while let row = try rows.next() {
            let parent: Int64 = row[0]
            var entry = answers[parent] ?? ("", 0, false)
            entry.count += 1
            if entry.text.utf8.count < answersTextLimit {
                let title: String = row[1], body: String = row[2]
                entry.text += (entry.text.isEmpty ? "" : "\n") + (title.isEmpty ? body : title + " " + body)
            }
            if row[3] as Bool { entry.accepted = true }
            answers[parent] = entry
        }
        var byID: [Int64: Post] = [:]
        for p in roots { byID[p.id] = p }
        return ids.compactMap { id in
            guard let post = byID.removeValue(forKey: id) else { return nil }
            let a = answers[id]
            return ThreadCandidate(post: post, answersText: a?.text ?? "", answerCount: a?.count ?? 0,
                                   hasAccepted: (a?.accepted ?? false) || post.accepted)
        }
    }
}

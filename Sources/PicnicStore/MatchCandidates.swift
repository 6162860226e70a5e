import Foundation
import GRDB
import PicnicCore

/// Stage one of matching: which threads to rerank, and what the ranker needs to know about them.
enum MatchCandidates {
    /// Threads asked from FTS5 per match (before feedback adds or hides some).
    static let candidateCount = 40
    /// At most this many postings are read per match: terms are taken rarest first until the
    /// budget is spent, because one very common term would make the candidates every row.
    static let postingsBudget = 3_000
    /// Characters of answers read per thread for the rerank.
    static let answersTextLimit = 12_000

    static func load(query: MatchQuery, taskUUID: UUID?, options: MatchOptions,
                     cache: DocumentFrequencyCache? = nil,
                     _ db: Database) throws -> ([ThreadCandidate], CorpusStats) {
        var stats = try ThreadIndex.stats(db)
        var structure: Data?
        if let cache {
            let key = try DocumentFrequencyCache.key(stats, db)
            structure = key.structure
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
            ids = try search(query: query, stats: stats, count: max(candidateCount, options.limit * 4),
                             structure: structure, db)
            for id in feedback.helpfulHere.union(feedback.similar.keys) where !ids.contains(id) { ids.append(id) }
        }
        ids = ids.filter { !feedback.hidden.contains($0) }
        var candidates = try fetch(ids, db)
        try addHelped(to: &candidates, db)
        for i in candidates.indices {
            let id = candidates[i].post.id
            candidates[i].helpfulHere = feedback.helpfulHere.contains(id)
            candidates[i].helpfulSimilar = feedback.similar[id] ?? 0
        }
        return (candidates, stats)
    }

    /// Root ids for the query's terms, best first, without asking FTS5 to rank anything.
    ///
    /// Terms are taken rarest first until the postings budget is spent; each term's doclist is read
    /// unranked (FTS5's `ORDER BY rank` costs ~2.5 µs a row, a plain doclist ~0.3 µs) and every
    /// thread in it gains the term's weight × idf. A thread holding a term in its title gains
    /// `titleBonus` times more (from `posts_title`, the titles' own index). The threads
    /// with the highest sums go to the rerank, which scores them exactly; ties go to newer threads.
    /// `structure`: `posts_fts`'s structure record when the caller read it in this transaction.
    static func search(query: MatchQuery, stats: CorpusStats, count: Int, structure: Data? = nil,
                       _ db: Database) throws -> [Int64] {
        let present = query.terms
            .map { ($0, stats.documentFrequency[$0.stem] ?? 0) }
            .filter { $0.1 > 0 }
            .sorted { $0.1 < $1.1 }
        guard let rarest = present.first else { return [] }
        let doclist = try db.cachedStatement(sql: "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?")
        let titles = try db.cachedStatement(sql: "SELECT rowid FROM posts_title WHERE posts_title MATCH ?")
        let pages = try DoclistPages("posts_fts", structure: structure, db)
        let titlePages = try DoclistPages("posts_title", db)
        let scores = ThreadScores(expected: min(postingsBudget, present.reduce(0) { $0 + $1.1 }))
        var spent = 0
        func add(_ pages: DoclistPages?, _ statement: Statement, _ term: QueryTerm, _ expression: String, _ gain: Double) throws {
            if let pages, try pages.forEachThread(holding: term.stem, { scores.add($0, gain) }) { return }
            let rows = StatementRows(statement)
            rows.bind(1, expression)
            while try rows.step() { scores.add(rows.int64(0), gain) }
        }
        for (term, df) in present {
            guard spent + df <= postingsBudget, let expr = MatchQuery.ftsExpression([term.word]) else { break }
            spent += df
            let gain = term.weight * stats.idf(term.stem)
            try add(pages, doclist, term, expr, gain)
            if titleBonus > 0 { try add(titlePages, titles, term, expr, gain * titleBonus) }
        }
        if scores.count == 0 {
            // Every term is very common: the newest threads holding the rarest one, unscored.
            guard let expr = MatchQuery.ftsExpression([rarest.0.word]) else { return [] }
            return try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT ?
                """), arguments: [expr, count])
        }
        return Self.best(scores, count)
    }

    /// Extra weight of a term found in a thread's title, over one found anywhere else.
    static let titleBonus = 5.0

    /// The `count` ids with the highest scores, best first (ties: higher id first).
    static func best(_ scores: ThreadScores, _ count: Int) -> [Int64] {
        var top: [(Int64, Double)] = []
        top.reserveCapacity(count + 1)
        func better(_ a: (Int64, Double), _ b: (Int64, Double)) -> Bool { a.1 != b.1 ? a.1 > b.1 : a.0 > b.0 }
        scores.forEach { id, score in
            let e = (id, score)
            if top.count == count, let last = top.last, !better(e, last) { return }
            var i = top.count
            while i > 0 && better(e, top[i - 1]) { i -= 1 }
            top.insert(e, at: i)
            if top.count > count { top.removeLast() }
        }
        return top.map(\.0)
    }

    /// The root posts with their answers' text, in the order of `ids` (absent ids skipped).
    static func fetch(_ ids: [Int64], _ db: Database) throws -> [ThreadCandidate] {
        guard !ids.isEmpty else { return [] }
        // Usually one placeholder per id, so the statement is compiled once per list length and
        // cached; a very long list (many helpful marks) is written inline instead.
        let inline = ids.count > 200
        let (rootsSQL, repliesSQL) = inline ? fetchSQL(ids.map(String.init).joined(separator: ",")) : fetchSQL(count: ids.count)
        func rows(_ sql: String) throws -> StatementRows {
            let rows = StatementRows(inline ? try db.makeStatement(sql: sql) : try db.cachedStatement(sql: sql))
            if !inline { for (i, id) in ids.enumerated() { rows.bind(Int32(i + 1), id) } }
            return rows
        }
        var byID: [Int64: Post] = [:]
        byID.reserveCapacity(ids.count)
        let roots = try rows(rootsSQL)
        while try roots.step() {
            let p = post(roots)
            byID[p.id] = p
        }
        // Rows come grouped by parent: each thread's answers are gathered as bytes and made one
        // String (`"\n"` between answers, `title + " " + body` for titled ones).
        var answers: [Int64: (text: String, count: Int, accepted: Bool)] = [:]
        answers.reserveCapacity(ids.count)
        var text = AnswersText()
        defer { text.free() }
        var parent: Int64 = 0, count = 0, accepted = false
        var authors: [AnswererRecords.Answer] = []
        func flush() { if count > 0 { answers[parent] = (text.string(), count, accepted) } }
        let replies = try rows(repliesSQL)
        while try replies.step() {
            let p = replies.int64(0)
            if p != parent || count == 0 {
                flush()
                parent = p
                count = 0
                accepted = false
                text.count = 0
            }
            count += 1
            if text.count < answersTextLimit {
                let title = replies.textBytes(1)
                if text.count > 0 { text.append(0x0A) }
                if title.count > 0 {
                    text.append(utf8: title)
                    text.append(0x20)
                }
                text.append(utf8: replies.textBytes(2))
            }
            let isAccepted = replies.int64(3) != 0
            let author = replies.textBytes(4)
            if author.count > 0 { authors.append((p, AnswererRecords.key(author), isAccepted)) }
            if isAccepted { accepted = true }
        }
        flush()
        let records = AnswererRecords.compute(authors)
        return ids.compactMap { id in
            guard let post = byID.removeValue(forKey: id) else { return nil }
            let a = answers[id]
            return ThreadCandidate(post: post, answersText: a?.text ?? "", answerCount: a?.count ?? 0,
                                   hasAccepted: (a?.accepted ?? false) || post.accepted,
                                   answererRecord: records[id] ?? 0)
        }
    }

    /// The post in the current row of a `SELECT \(PostRow.columns)`, decoded as `PostRow.decode`
    /// decodes it.
    static func post(_ r: StatementRows) -> Post {
        Post(id: r.int64(0), kind: PostRow.kind(bytes: r.textBytes(1)) ?? .question, title: r.text(2), body: r.text(3),
             tags: PostRow.decodeTags(bytes: r.textBytes(4)), author: r.text(5), space: r.text(6),
             created: Date(timeIntervalSince1970: r.double(7)), votes: Int(r.int64(8)), accepted: r.int64(9) != 0,
             parent: r.optionalInt64(10), url: r.optionalText(11), source: r.optionalText(12), sourceID: r.optionalText(13))
    }

    /// The two statements of `fetch` for `count` bound ids, made once per count.
    static func fetchSQL(count: Int) -> (roots: String, replies: String) {
        fetchSQLLock.lock(); defer { fetchSQLLock.unlock() }
        if let known = fetchSQLByCount[count] { return known }
        let made = fetchSQL(Array(repeating: "?", count: count).joined(separator: ","))
        fetchSQLByCount[count] = made
        return made
    }

    static func fetchSQL(_ list: String) -> (roots: String, replies: String) {
        ("SELECT \(PostRow.columns) FROM posts WHERE id IN (\(list)) AND parent IS NULL",
         "SELECT parent, title, body, accepted, author FROM posts WHERE parent IN (\(list)) ORDER BY parent, id")
    }

    private static let fetchSQLLock = NSLock()
    nonisolated(unsafe) private static var fetchSQLByCount: [Int: (roots: String, replies: String)] = [:]
}

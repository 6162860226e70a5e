import Foundation
import GRDB
import PicnicCore

/// An open question by someone else that this person could answer.
public struct CouldHelpEntry: Equatable, Sendable {
    /// The question's thread as the matcher scored it (`strong` by the help pane's threshold).
    public var match: ThreadMatch
    /// What of this person's matched it best: a finished task's title, or a post of theirs.
    public var because: String

    public var question: Post { match.post }
    public var strong: Bool { match.strong }
}

extension AppDatabase {
    /// Others' open questions matched to what this person knows (the tasks they finished, their
    /// answers and posts, with their tags), best first: the help pane's matcher the other way
    /// round. Each piece of knowledge is the query; the open questions are the only candidates.
    public func couldHelp(limit: Int = 20, now: Date = Date()) throws -> [CouldHelpEntry] {
        let questions = try openQuestionsOfOthers()
        guard !questions.isEmpty else { return [] }
        var best: [Int64: (ThreadMatch, String)] = [:]
        var options = MatchOptions(limit: questions.count, within: questions.map(\.id), recordCache: false, now: now)
        options.limit = questions.count
        for (query, label) in try knowledge() {
            for m in try match(query: query, taskUUID: nil, options: options) where m.confidence > (best[m.post.id]?.0.confidence ?? -1) {
                best[m.post.id] = (m, label)
            }
        }
        return best.values.sorted { ($0.0.confidence, $0.0.post.id) > ($1.0.confidence, $1.0.post.id) }.prefix(limit).map {
            CouldHelpEntry(match: $0.0, because: $0.1)
        }
    }

    /// Recomputes which open questions this person could answer (strong matches only) and marks
    /// them for the status line ("2 you could answer"). Returns how many.
    @discardableResult
    public func refreshCouldHelp(now: Date = Date()) throws -> Int {
        let strong = try couldHelp(limit: Self.couldHelpQuestions, now: now).filter(\.strong).map(\.question.id)
        return try write { db in
            try db.execute(sql: "UPDATE community_posts SET attention = attention & ~2 WHERE attention & 2 AND attention > 0")
            guard !strong.isEmpty else { return 0 }
            try db.execute(sql: "UPDATE community_posts SET attention = attention | 2 WHERE post_id IN (\(strong.map(String.init).joined(separator: ",")))")
            return strong.count
        }
    }

    /// How many open questions and pieces of knowledge a refresh weighs (newest first): it runs
    /// in the background after pulls, one rerank of the questions per piece.
    static let couldHelpQuestions = 200
    static let couldHelpKnowledge = 150

    /// Root questions of active communities, not by this person, without an accepted answer and
    /// not yet answered by them.
    func openQuestionsOfOthers() throws -> [Post] {
        try pool.read { db in
            guard try db.tableExists("community_posts") else { return [] }
            let columns = PostRow.columns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            return try Row.fetchAll(db, sql: """
                SELECT \(columns) FROM community_posts c JOIN posts p ON p.id = c.post_id
                  JOIN communities k ON k.id = c.community AND k.left IS NULL
                 WHERE p.kind = 'question' AND p.parent IS NULL AND NOT c.mine AND c.accepted_answer IS NULL
                   AND NOT EXISTS (SELECT 1 FROM posts a JOIN community_posts ca ON ca.post_id = a.id
                                    WHERE a.parent = p.id AND ca.mine)
                 ORDER BY p.created DESC LIMIT ?
                """, arguments: [Self.couldHelpQuestions]).map(PostRow.decode)
        }
    }

    /// What this person knows, as queries: finished tasks, then their own community answers and
    /// posts (an answer with its question's title).
    func knowledge() throws -> [(MatchQuery, String)] {
        var out: [(MatchQuery, String)] = []
        let done = try tasks(matching: TaskFilter(terms: [], statuses: [.done]))
            .sorted { ($0.completed ?? .distantPast) > ($1.completed ?? .distantPast) }.prefix(Self.couldHelpKnowledge)
        for t in done { out.append((MatchQuery(task: t), "your finished task “\(t.title)”")) }
        let own: [(String, String)] = try pool.read { db in
            guard try db.tableExists("community_posts") else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT coalesce(q.title, '') || ' ' || p.title || ' ' || p.body || ' ' ||
                       replace(replace(replace(p.tags, '[', ''), ']', ''), '"', ''), coalesce(q.title, p.title)
                  FROM community_posts c JOIN posts p ON p.id = c.post_id LEFT JOIN posts q ON q.id = p.parent
                 WHERE c.mine AND p.kind <> 'question' ORDER BY p.created DESC LIMIT ?
                """, arguments: [Self.couldHelpKnowledge]).map { ($0[0], $0[1]) }
        }
        for (text, title) in own { out.append((MatchQuery(text: text), "your post on “\(title)”")) }
        return out
    }
}

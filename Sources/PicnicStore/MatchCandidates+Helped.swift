import GRDB
import PicnicCore

extension MatchCandidates {
    /// People's "helped" marks on synced threads (issue 15's people signal): the count of the
    /// root and of its answers, summed per thread, from `community_posts.helped`. A store with no
    /// community posts pays one lookup; otherwise the candidates' rows are looked up by key.
    static func addHelped(to candidates: inout [ThreadCandidate], _ db: Database) throws {
        guard !candidates.isEmpty,
              try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM community_posts)")) == true
        else { return }
        let list = candidates.map { String($0.post.id) }.joined(separator: ",")
        var helped: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT post_id, helped FROM community_posts WHERE post_id IN (\(list)) AND helped > 0
            UNION ALL
            SELECT p.parent, c.helped FROM posts p JOIN community_posts c ON c.post_id = p.id
             WHERE p.parent IN (\(list)) AND c.helped > 0
            """)
        while let row = try rows.next() {
            let id: Int64 = row[0], count: Int = row[1]
            helped[id, default: 0] += count
        }
        guard !helped.isEmpty else { return }
        for i in candidates.indices { candidates[i].helped = helped[candidates[i].post.id] ?? 0 }
    }
}

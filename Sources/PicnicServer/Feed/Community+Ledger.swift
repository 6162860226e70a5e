import CommunityAPI
import Foundation
import Hummingbird
import PostgresNIO

extension Community {
    /// `GET /v1/ledger`: giving and receiving, for the user and for the community (over what the
    /// user may read; "first answer" is the first by someone other than the asker).
    func ledger(_ request: Request, _ context: ServerContext) async throws -> Response {
        let ledger = try await read(request, context, replica: true) { tx -> APILedger in
            let me = tx.user.id
            let readable = tx.scope.readableIDs
            let c = try await tx.conn.firstRow("""
                WITH q AS (
                    SELECT p.id, p.author_id, p.created,
                           (SELECT min(a.created) FROM posts a JOIN post_content ac ON ac.post_id = a.id
                            WHERE a.parent = p.id AND a.author_id <> p.author_id) AS first_answer
                    FROM posts p JOIN post_content c ON c.post_id = p.id
                    WHERE p.kind = 'question' AND p.space_id = ANY(\(readable))
                )
                SELECT count(*)::int,
                       count(first_answer)::int,
                       (count(*) FILTER (WHERE first_answer - created <= interval '1 day'))::float8
                         / nullif(count(*) FILTER (WHERE first_answer IS NOT NULL OR created <= now() - interval '1 day'), 0),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answer - created)::float8)
                         FILTER (WHERE first_answer IS NOT NULL),
                       (SELECT count(*) FROM users WHERE revoked IS NULL)::int,
                       (count(*) FILTER (WHERE author_id = \(me)))::int,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answer - created)::float8)
                         FILTER (WHERE first_answer IS NOT NULL AND author_id = \(me))
                FROM q
                """, logger: tx.logger)
            let (questions, answered, withinDay, median, people, myQuestions, myMedian) =
                try c!.decode((Int, Int, Double?, Double?, Int, Int, Double?).self)
            let m = try await tx.conn.firstRow("""
                WITH mine AS (
                    SELECT a.id, a.parent FROM posts a JOIN post_content ac ON ac.post_id = a.id
                    WHERE a.author_id = \(me) AND a.kind = 'answer' AND a.space_id = ANY(\(readable))
                ), accepted AS (
                    SELECT q.author_id FROM mine JOIN posts q ON q.id = mine.parent AND q.accepted_answer = mine.id
                )
                SELECT (SELECT count(*) FROM mine)::int,
                       (SELECT count(*) FROM accepted)::int,
                       (SELECT count(DISTINCT who) FROM (
                            SELECT h.user_id AS who FROM helped h WHERE h.post_author = \(me) AND h.space_id = ANY(\(readable))
                            UNION SELECT author_id FROM accepted WHERE author_id <> \(me)) x)::int,
                       (SELECT count(*) FROM helped h WHERE h.post_author = \(me) AND h.space_id = ANY(\(readable)))::int,
                       (SELECT count(*) FROM posts a JOIN post_content ac ON ac.post_id = a.id
                        JOIN posts q ON q.id = a.parent JOIN post_content qc ON qc.post_id = q.id
                        WHERE q.author_id = \(me) AND a.author_id <> \(me) AND q.space_id = ANY(\(readable)))::int
                """, logger: tx.logger)
            let (given, acceptedCount, peopleHelped, marks, received) = try m!.decode((Int, Int, Int, Int, Int).self)
            return APILedger(
                me: .init(questions: myQuestions, answersGiven: given, acceptedAnswers: acceptedCount, peopleHelped: peopleHelped,
                          helpedMarks: marks, answersReceived: received, medianFirstAnswerSeconds: myMedian),
                community: .init(questions: questions, answered: answered, answeredWithinDay: withinDay,
                                 medianFirstAnswerSeconds: median, people: people))
        }
        return .json(ledger)
    }
}

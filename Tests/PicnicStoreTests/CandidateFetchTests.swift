import Foundation
import Testing
import GRDB
import PicnicCore
@testable import PicnicStore

/// The candidate read's byte-level decoding (tags, kind, the answers' text) gives exactly what
/// decoding each column as a String first gives, on tricky and invalid input too.
@Suite struct CandidateFetchTests {
    static func tagsFromBytes(_ bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBufferPointer { PostRow.decodeTags(bytes: $0) }
    }

    @Test func tagsFromBytesAgreeWithTheStringDecoderAndJSON() {
        var inputs: [[UInt8]] = []
        for tags in [[], ["a"], ["a", "b c"], ["", "x"], [""], ["", "", ""], ["café", "日本"], ["q\"uote", "back\\slash", "sl/ash"],
                     ["\",\""], ["a\nb"], [","], ["a,b"], ["]"], ["[\"x\"]"], ["\u{7F}"]] {
            inputs.append(Array(PostRow.encodeTags(tags).utf8))
        }
        let raw: [String] = ["", "[", "]", "[]", "[ ]", "[\"\"]", "[\"a\", \"b\"]", "[\"a\",\"b\"", "[\"a\"]x", "[\"a\"\"b\"]",
                             "[\"a\",\"\"b\"]", "[\"a\",\"]", "[\",\"]", "[\"a\\\"b\"]", "[\"\\u0041\"]", "[1,2]", "{}", "\"a\"",
                             "[\"a\",,\"b\"]", "[\"a\"]\"]", "[\"\t\"]", "[\"a\",\"b\",\"c\"]", "null", "[\"é\",\"ü\"]"]
        inputs += raw.map { Array($0.utf8) }
        // Invalid UTF-8 in a tag, at a tag's end, across the separator, and lone bytes.
        inputs += [[0x5B, 0x22, 0xFF, 0x22, 0x5D], [0x5B, 0x22, 0x61, 0xE2, 0x82, 0x22, 0x2C, 0x22, 0x62, 0x22, 0x5D],
                   [0x5B, 0x22, 0xE2, 0x22, 0x2C, 0x22, 0x82, 0xAC, 0x22, 0x5D], [0x5B, 0x22, 0xC3, 0x22, 0x5D],
                   [0x5B, 0x22, 0x80, 0x80, 0x22, 0x2C, 0x22, 0xF0, 0x9F, 0x98, 0x22, 0x5D], [0xFF, 0x5B, 0x5D]]
        // Random strings of the bytes that matter.
        let alphabet: [UInt8] = [0x5B, 0x5D, 0x22, 0x22, 0x2C, 0x2C, 0x5C, 0x61, 0x62, 0x20, 0x0A, 0xC3, 0xA9, 0xFF, 0x75, 0x30]
        var rng: UInt64 = 11
        for n in 0..<3_000 {
            var bytes: [UInt8] = n % 2 == 0 ? [0x5B, 0x22] : []
            for _ in 0..<(n % 13) {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int(rng >> 33) % alphabet.count])
            }
            if n % 2 == 0 { bytes += [0x22, 0x5D] }
            inputs.append(bytes)
        }
        for bytes in inputs {
            let text = String(decoding: bytes, as: UTF8.self)
            let fast = Self.tagsFromBytes(bytes)
            #expect(fast == PostRow.decodeTags(text), "\(bytes)")
            #expect(fast == ((try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []), "\(bytes)")
        }
    }

    @Test func kindFromBytesIsTheRawValue() {
        for name in PostKind.allCases.map(\.rawValue) + ["", "q", "questio", "questions", "Question", "poll", "answer\u{301}"] {
            let bytes = Array(name.utf8)
            #expect(bytes.withUnsafeBufferPointer { PostRow.kind(bytes: $0) } == PostKind(rawValue: name), "\(name)")
        }
    }

    @Test func asciiCheckLooksAtEveryByte() {
        for length in 0..<40 {
            let plain = [UInt8](repeating: 0x61, count: length)
            #expect(plain.withUnsafeBufferPointer { AnswersText.isASCII($0) })
            for at in 0..<length {
                var bytes = plain
                bytes[at] = 0x80
                #expect(!bytes.withUnsafeBufferPointer { AnswersText.isASCII($0) }, "\(length) \(at)")
            }
        }
    }

    /// Answers with invalid UTF-8 (cut sequences at a piece's end, stray continuation bytes), a
    /// NUL, empty titles and bodies, and enough text (some of it repaired to longer bytes) to
    /// cross the limit: the answers' text is the Strings joined as before, byte for byte.
    @Test func answersTextIsTheAnswersStringsJoined() throws {
        let db = try makeDatabase("fetch")
        var roots: [Int64] = []
        for t in 0..<6 { roots.append(try db.savePost(Post(title: "thread \(t)", body: "root body \(t)")).id) }
        let pieces: [String] = ["x'61e282'", "x'8080'", "x'c3a9'", "x'610062'", "''", "x'ff'", "'plain words'", "x'f09f98'"]
        var answers: [Post] = []
        for (t, root) in roots.enumerated() where t < 5 {
            for a in 0..<[1, 3, 8, 40, 400][t] {
                answers.append(Post(kind: .answer, title: "", body: "b", accepted: a == 7, parent: root))
            }
        }
        let answerIDs = try db.insertPosts(answers)
        // Then the bytes no Swift String holds, written under the index (the reads here ignore it).
        try db.pool.write { db in
            for (n, id) in answerIDs.enumerated() {
                let title = n % 3 == 0 ? "''" : pieces[(n + 1) % pieces.count]
                let body = n >= answerIDs.count - 400 ? "CAST(x'\(String(repeating: "ff", count: 20 + n % 5))' AS TEXT) || 'é'"
                    : "CAST(\(pieces[n % pieces.count]) AS TEXT)"
                try db.execute(sql: "UPDATE posts SET title = CAST(\(title) AS TEXT), body = \(body) WHERE id = ?", arguments: [id])
            }
        }
        let ids = roots.reversed() + [999_999]
        let candidates = try MatchCandidatesTests.readCandidates(db, Array(ids))
        #expect(candidates.map(\.post.id) == Array(roots.reversed()))
        for c in candidates {
            let rows = try db.pool.read {
                try Row.fetchAll($0, sql: "SELECT title, body, accepted FROM posts WHERE parent = ? ORDER BY id", arguments: [c.post.id])
            }
            var text = ""
            var accepted = false
            for row in rows {
                if text.utf8.count < MatchCandidates.answersTextLimit {
                    let title: String = row[0], body: String = row[1]
                    text += (text.isEmpty ? "" : "\n") + (title.isEmpty ? body : title + " " + body)
                }
                if row[2] as Bool { accepted = true }
            }
            #expect(c.answersText.utf8.elementsEqual(text.utf8),
                    "thread \(c.post.id): \(c.answersText.utf8.count) bytes, before \(text.utf8.count)")
            #expect(c.answerCount == rows.count)
            #expect(c.hasAccepted == accepted)
        }
        #expect(candidates.contains { $0.answersText.utf8.count > MatchCandidates.answersTextLimit })
    }
}

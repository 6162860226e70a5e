import Foundation
import PicnicCore
import TestSupport
import Testing
@testable import PicnicFormats

@Suite struct MboxTests {
    @Test func threadsHeadersAndBodies() throws {
        let batch = try MboxImporter().read(Fixtures.url("list.mbox"))
        #expect(batch.source == "mbox:list")
        #expect(batch.posts.count == 4)
        let root = try #require(batch.posts.first { $0.sourceID == "root@example.org" })
        #expect(root.post.title == "Café runner pinning question?")
        #expect(root.post.author == "Ann Example" && root.post.space == "Build tools" && root.post.kind == .question)
        #expect(root.post.body == "How do I pin the runner image? It costs €5 a soft break.\nFrom the docs it is unclear.")
        #expect(Timestamps.dayString(root.post.created) == "2025-01-06")
        let r1 = try #require(batch.posts.first { $0.sourceID == "r1@example.org" })
        #expect(r1.parentSourceID == "root@example.org" && r1.post.kind == .answer)
        #expect(r1.post.body == "Grüße aus Köln.\nZweite Zeile.")
        let r2 = try #require(batch.posts.first { $0.sourceID == "r2@example.org" })
        #expect(r2.parentSourceID == "root@example.org" && r2.post.author == "carol@example.org")
        #expect(r2.post.title == root.post.title)
        let other = try #require(batch.posts.first { $0.sourceID == "other@example.org" })
        #expect(other.parentSourceID == nil && other.post.kind == .tip)
        #expect(batch.posts.firstIndex { $0.sourceID == "root@example.org" }! < batch.posts.firstIndex { $0.sourceID == "r2@example.org" }!)
    }

    @Test func latin1BodyIsDecodedByCharset() throws {
        let batch = try MboxImporter().read(Fixtures.url("list.mbox"))
        let r2 = try #require(batch.posts.first { $0.sourceID == "r2@example.org" })
        #expect(r2.post.body.hasPrefix("Use the digest, na"))
        #expect(r2.post.body.hasSuffix("ve approach: façade"))
    }

    /// A message as mail programs write windows-1252 (quoted-printable body, Q-encoded subject):
    /// its 0x80–0x9F bytes are punctuation and €, not controls to delete.
    @Test func windows1252IsDecodedAsWindows1252NotLatin1() throws {
        let batch = try MboxImporter().read(Fixtures.url("cp1252.mbox"))
        let post = try #require(batch.posts.first)
        #expect(post.post.title == "“Café” – invoice")  // "Re:" is dropped from titles
        #expect(post.post.body == "“Smart quotes” – and the price: €12 — it’s fine.\nSecond line…")
        #expect(MIME.decode([0x93, 0x80, 0x94], charset: "CP1252") == "“€”")
        #expect(MIME.decode([0xE9], charset: "iso-8859-1") == "é")
        #expect(MIME.decode([0xC3, 0xA9], charset: "x-unknown") == "é")
    }

    @Test func encodedWords() {
        #expect(MIME.decodeWords("=?ISO-8859-1?Q?Andr=E9?= Pirard") == "André Pirard")
        #expect(MIME.decodeWords("=?UTF-8?B?w6k=?= =?UTF-8?B?w6k=?=") == "éé")
        #expect(MIME.decodeWords("plain") == "plain")
        #expect(MIME.decodeWords("=?bogus") == "=?bogus")
    }

    @Test func notAnMboxIsALocatedError() {
        let err = Fixtures.formatError { _ = try MboxImporter().parse(Data("Hello\nworld\n".utf8), file: "x.mbox", space: "x") }
        #expect(err?.description == "x.mbox:1: expected a 'From ' line starting the first message (not an mbox file)")
        let bad = Fixtures.formatError {
            _ = try MboxImporter().parse(Data("From a@b Mon Jan  6 10:00:00 2025\nthis is not a header\n\nbody\n".utf8), file: "y.mbox", space: "y")
        }
        #expect(bad?.description.hasPrefix("y.mbox:2:") == true)
    }

    @Test func hugeAndDeepInputsFinish() throws {
        var text = "From a@b Mon Jan  6 10:00:00 2025\nMessage-ID: <m0>\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n"
        for i in 1..<200 { text += "--b\(i - 1)\nContent-Type: multipart/mixed; boundary=\"b\(i)\"\n\n" }
        text += String(repeating: "x", count: 2_000_000) + "\n"
        let batch = try MboxImporter().parse(Data(text.utf8), file: "deep.mbox", space: "d")
        #expect(batch.posts.count == 1)
    }
}

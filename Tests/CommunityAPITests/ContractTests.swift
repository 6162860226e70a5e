import Foundation
import Testing
import PicnicCore
@testable import CommunityAPI

@Suite struct ContractTests {
    let id = UUID(uuidString: "5F0C1D2E-3A4B-4C5D-8E6F-708192A3B4C5")!

    @Test func timesAreRFC3339WithMillisecondsBothWays() throws {
        let date = Date(timeIntervalSince1970: 1_764_746_593.123)
        #expect(APITime.format(date) == "2025-12-03T07:23:13.123Z")
        #expect(APITime.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
        #expect(APITime.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(APITime.parse("2025-12-03T07:23:13.123Z") == date)
        #expect(APITime.parse("2025-12-03T08:23:13.123+01:00") == date)
        #expect(APITime.parse("2025-12-03T07:23:13Z") == Date(timeIntervalSince1970: 1_764_746_593))
        for bad in ["", "2025-12-03", "2025-13-03T07:23:13Z", "2025-12-03T07:23:13", "2025-12-03T07:23:13.Z",
                    "2025-12-03T07:23:13Zjunk", "x025-12-03T07:23:13Z"] {
            #expect(APITime.parse(bad) == nil, "\(bad)")
        }
        // Every millisecond survives a round trip, across years and signs.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let ms = Int64.random(in: -62_135_596_800_000...253_402_300_799_000, using: &rng)
            let d = Date(timeIntervalSince1970: Double(ms) / 1000)
            let back = try #require(APITime.parse(APITime.format(d)))
            #expect(Int64((back.timeIntervalSince1970 * 1000).rounded()) == ms)
        }
    }

    @Test func aPostRoundTripsThroughTheWireForm() throws {
        let post = APIPost(id: id, space: "general", kind: .question, author: "ana", title: "Timeouts on arm64",
                           body: "\u{1B}[31mred\u{202E}", tags: ["ci", "arm64"], created: Date(timeIntervalSince1970: 1_764_746_593.123),
                           votes: 2, helped: 1, acceptedAnswer: UUID(), answers: 3, position: 1042)
        let data = APIJSON.encode(post)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"id\":\"5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5\""))
        #expect(text.contains("\"parent\":null") && text.contains("\"edited\":null") && text.contains("\"url\":null"))
        #expect(!text.contains(post.acceptedAnswer!.uuidString) && text.contains(post.acceptedAnswer!.apiString))
        #expect(text.contains("\"created\":\"2025-12-03T07:23:13.123Z\""))
        #expect(try APIJSON.decode(APIPost.self, from: data) == post)
        let page = APIChangePage(changes: [APIChange(position: 1042, op: .create, post: post),
                                           APIChange(position: 1043, op: .space, space: APISpace(name: "ops", title: "Ops", visibility: .private, readable: false))],
                                 next: 1043, head: 1043, more: false)
        #expect(try APIJSON.decode(APIChangePage.self, from: APIJSON.encode(page)) == page)
    }

    @Test func aWriteTakesItsDefaultsWhenKeysAreMissing() throws {
        let w = try APIJSON.decode(APIPostWrite.self, from: Data(#"{"kind":"tip","title":"Use ccache"}"#.utf8))
        #expect(w == APIPostWrite(space: "general", kind: .tip, title: "Use ccache"))
        let clear = String(decoding: APIJSON.encode(APIAccept(answer: nil)), as: UTF8.self)
        #expect(clear == #"{"answer":null}"#)
    }

    @Test func badJSONSaysWhichFieldOrWhichLineAndColumn() {
        func error(_ body: String) -> APIError? {
            do { _ = try APIJSON.decode(APIPostWrite.self, from: Data(body.utf8)); return nil } catch { return error as? APIError }
        }
        let type = error(#"{"kind":"tip","title":"x","tags":["a",3]}"#)
        #expect(type?.code == .badJSON)
        #expect(type?.field == "tags[1]")
        #expect(type?.message == "body: tags[1]: expected a string")
        let missing = error(#"{"kind":"tip"}"#)
        #expect(missing?.field == "title")
        #expect(missing?.message == "body: title is missing")
        let kind = error(#"{"kind":"poem","title":"x"}"#)
        #expect(kind?.field == "kind")
        let syntax = error("{\"kind\":\"tip\",\n \"title\" \"x\"}")
        #expect(syntax?.line == 2)
        #expect(syntax?.column == 10)
        #expect(syntax?.message.hasPrefix("body line 2 column 10: expected ':'") == true)
        #expect(error("")?.code == .badJSON)
        #expect(error("[1]")?.message == "body: expected an object")
        #expect(APIError(.notAuthor, "x").status == 403)
        #expect(String(decoding: APIError(.notAuthor, "only the author of a post may edit it").body, as: UTF8.self)
                == #"{"error":{"code":"not_author","message":"only the author of a post may edit it"}}"#)
    }

    @Test func anUnknownErrorCodeStillDecodes() throws {
        let body = try APIJSON.decode(APIError.Body.self, from: Data(#"{"error":{"code":"brand_new","message":"m"}}"#.utf8))
        #expect(body.error.code.rawValue == "brand_new")
        #expect(body.error.status == 500)
    }

    @Test func limitsNameTheField() {
        func field(_ w: APIPostWrite) -> String? {
            do { try APILimits.check(w); return nil } catch { return (error as? APIError)?.field }
        }
        #expect(field(APIPostWrite(kind: .question, title: "Fine", tags: ["ci"])) == nil)
        #expect(field(APIPostWrite(space: "Ops", kind: .question, title: "x")) == "space")
        #expect(field(APIPostWrite(kind: .question, title: "")) == "title")
        #expect(field(APIPostWrite(kind: .question, title: "   ")) == "title")
        #expect(field(APIPostWrite(kind: .question, title: String(repeating: "é", count: 301))) == "title")
        #expect(field(APIPostWrite(kind: .question, title: "x", body: String(repeating: "a", count: 65_537))) == "body")
        #expect(field(APIPostWrite(kind: .question, title: "x", tags: ["ok", "two words"])) == "tags[1]")
        #expect(field(APIPostWrite(kind: .question, title: "x", tags: Array(repeating: "t", count: 17))) == "tags")
        #expect(field(APIPostWrite(kind: .answer, title: "x")) == "parent")
        #expect(field(APIPostWrite(kind: .tip, parent: id, title: "x")) == "parent")
        #expect(field(APIPostWrite(kind: .link, title: "x", url: "javascript:alert(1)")) == "url")
        #expect(field(APIPostWrite(kind: .link, title: "x")) == "url")
        #expect(field(APIPostWrite(kind: .file, title: "x")) == "file")
        #expect(field(APIPostWrite(kind: .file, title: "x", file: APIFileRef(sha256: "ABC", name: "a", size: 1, mime: "text/plain"))) == "file.sha256")
        #expect(APILimits.isValidName("ana.b-c_1"))
        #expect(!APILimits.isValidName("-ana"))
        #expect(!APILimits.isValidName("Ana"))
        #expect(!APILimits.isValidName(String(repeating: "a", count: 33)))
        #expect(!APILimits.isValidName("ana'; drop table users; --"))
    }

    @Test func serverSentEventsParseInAnyChunking() {
        let stream = "retry: 2000\n\n: ping\n\nevent: head\r\ndata: {\"head\":7}\r\n\r\nevent: head\rdata: a\rdata: b\r\r"
        let bytes = Array(stream.utf8)
        let expected = [ServerSentEvent(event: "message", data: "", retry: 2000),
                        ServerSentEvent(event: "head", data: "{\"head\":7}"),
                        ServerSentEvent(event: "head", data: "a\nb")]
        for chunk in [1, 2, 3, 7, bytes.count] {
            var parser = ServerSentEventParser()
            var got: [ServerSentEvent] = []
            var i = 0
            while i < bytes.count { got += parser.feed(bytes[i..<min(i + chunk, bytes.count)]); i += chunk }
            #expect(got == expected, "chunk \(chunk)")
        }
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array(ServerSentEvent.head(42).wireText.utf8)) == [ServerSentEvent(event: "head", data: #"{"head":42}"#)])
        #expect(parser.feed(Array(ServerSentEvent.ping.utf8)).isEmpty)
    }

    @Test func pathsUseLowerCaseIDs() {
        #expect(CommunityAPI.Path.post(id) == "/v1/posts/5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5")
        #expect(CommunityAPI.Path.post(id, .helped) == "/v1/posts/5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5/helped")
    }
}

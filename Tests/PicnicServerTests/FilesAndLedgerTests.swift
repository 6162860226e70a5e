import CommunityAPI
import Crypto
import Foundation
import PicnicCore
import Testing
import TestSupport

/// Shared files by content hash with a cap; concurrent retries of one write; the ledger's figures.
@Suite(.enabled(if: TestServer.isEnabled, "\(TestServer.skipMessage)"))
struct FilesAndLedgerTests {
    @Test func filesAreStoredOnceByHashCheckedAndCapped() async throws {
        let server = try TestServer()
        let ana = try server.addUser("ana"), ben = try server.addUser("ben")
        try server.start(["--max-file-bytes", "1000"])
        let api = API(server.baseURL)
        let bytes = Data("#!/bin/sh\necho rotate the certificate\n".utf8)
        let sha = hexString(SHA256.hash(data: bytes))
        let ref = APIFileRef(sha256: sha, name: "rotate.sh", size: Int64(bytes.count), mime: "text/x-shellscript")
        let early = try await api.put(CommunityAPI.Path.post(UUID()), APIPostWrite(kind: .file, title: "Rotate script", file: ref), token: ana)
        #expect(early.isRefusal(409, "file_missing"))

        let wrong = try await api.call(.PUT, CommunityAPI.Path.file(String(repeating: "0", count: 64)), token: ana, body: bytes,
                                       contentType: "application/octet-stream")
        #expect(wrong.isRefusal(400, "invalid"))
        let big = Data(repeating: 0x41, count: 1001)
        let tooBig = try await api.call(.PUT, CommunityAPI.Path.file(hexString(SHA256.hash(data: big))), token: ana, body: big,
                                        contentType: "application/octet-stream")
        #expect(tooBig.isRefusal(413, "too_large"))

        let stored = try await api.call(.PUT, CommunityAPI.Path.file(sha), token: ana, body: bytes, contentType: "text/plain")
        #expect(stored.status == 201)
        #expect(try stored.decode(APIFileStored.self) == APIFileStored(sha256: sha, size: Int64(bytes.count)))
        let again = try await api.call(.PUT, CommunityAPI.Path.file(sha), token: ben, body: bytes, contentType: "text/plain")
        #expect(again.status == 200)
        #expect(try server.sql("SELECT count(*) FROM files") == "1")

        // Nobody else reads the bytes until a post names them.
        #expect(try await api.get(CommunityAPI.Path.file(sha), token: ben).status == 404)
        var lying = ref
        lying.size = 5
        let badSize = try await api.put(CommunityAPI.Path.post(UUID()), APIPostWrite(kind: .file, title: "Rotate script", file: lying), token: ana)
        #expect(badSize.isRefusal(400, "invalid"))
        let post = try await api.post(UUID(), APIPostWrite(kind: .file, title: "Rotate script", file: ref), token: ana)
        #expect(post.file == ref)
        let read = try await api.get(CommunityAPI.Path.file(sha), token: ben)
        #expect(read.status == 200 && read.body == bytes)
    }

    @Test func aWriteRetriedConcurrentlyWithTheSameIDExistsOnce() async throws {
        let server = try TestServer()
        let ana = try server.addUser("ana")
        try server.start()
        let api = API(server.baseURL)
        let id = UUID()
        let w = APIPostWrite(kind: .question, title: "Sent twice at once", body: "by an impatient outbox")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await api.put(CommunityAPI.Path.post(id), w, token: ana).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.sorted() == [200, 200, 200, 200, 200, 200, 200, 201], "\(statuses)")
        #expect(try server.sql("SELECT count(*) FROM posts") == "1")
        #expect(try server.sql("SELECT version FROM posts") == "1")
    }

    @Test func theLedgerCountsGivingAndReceiving() async throws {
        let server = try TestServer()
        let ana = try server.addUser("ana"), ben = try server.addUser("ben"), cy = try server.addUser("cy")
        try server.start()
        let api = API(server.baseURL)
        let q1 = UUID(), q2 = UUID(), a1 = UUID(), a2 = UUID()
        try await api.post(q1, APIPostWrite(kind: .question, title: "How do I rotate the staging cert?"), token: ana)
        try await api.post(q2, APIPostWrite(kind: .question, title: "Who owns the arm64 runners?"), token: ana)
        try await api.post(UUID(), APIPostWrite(kind: .answer, parent: q1, title: "My own note"), token: ana)   // not "received"
        try await api.post(a1, APIPostWrite(kind: .answer, parent: q1, title: "With the runbook"), token: ben)
        try await api.post(a2, APIPostWrite(kind: .answer, parent: q1, title: "Ask ops"), token: cy)
        _ = try await api.put(CommunityAPI.Path.post(q1, .accept), APIAccept(answer: a1), token: ana)
        _ = try await api.put(CommunityAPI.Path.post(a1, .helped), EmptyObject(), token: cy)
        _ = try await api.put(CommunityAPI.Path.post(a1, .helped), EmptyObject(), token: ana)
        let ledger = try await api.get("/v1/ledger", token: ben).decode(APILedger.self)
        #expect(ledger.me.answersGiven == 1 && ledger.me.acceptedAnswers == 1)
        #expect(ledger.me.helpedMarks == 2 && ledger.me.peopleHelped == 2)   // ana (accept and mark) and cy
        #expect(ledger.me.questions == 0 && ledger.me.medianFirstAnswerSeconds == nil)
        #expect(ledger.community.questions == 2 && ledger.community.answered == 1 && ledger.community.people == 3)
        #expect(ledger.community.answeredWithinDay == 1.0)   // q2 is neither answered nor a day old
        let asker = try await api.get("/v1/ledger", token: ana).decode(APILedger.self)
        #expect(asker.me.questions == 2 && asker.me.answersReceived == 2)
        #expect((asker.me.medianFirstAnswerSeconds ?? -1) >= 0)
    }
}

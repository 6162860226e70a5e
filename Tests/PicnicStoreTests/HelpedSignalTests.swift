import Foundation
import PicnicCore
@testable import PicnicStore
import Testing

/// "Helped" marks that people gave a synced thread are evidence for it (issue 15's people signal).
@Suite struct HelpedSignalTests {
    func twin(_ f: inout CommunityFixture, _ uuid: UUID, helped: Int, answerHelped: Int = 0) -> [SyncedChange] {
        f.position += 1
        let q = SyncedPost(uuid: uuid, space: "general", kind: .question, author: "bo", title: "nginx reload drops the new config",
                           body: "After nginx -s reload the old upstream stays", created: CommunityFixture.t0.addingTimeInterval(Double(f.position)),
                           helped: helped, answers: 1, position: f.position)
        f.position += 1
        let a = SyncedPost(uuid: UUID(), space: "general", kind: .answer, author: "cy", parent: uuid, title: "",
                           body: "The include path was wrong; nginx -t shows it", created: CommunityFixture.t0.addingTimeInterval(Double(f.position)),
                           helped: answerHelped, position: f.position)
        return [.post(q), .post(a)]
    }

    @Test func aThreadPeopleMarkedHelpedRanksAboveItsTwin() throws {
        var f = try CommunityFixture("helped")
        let helpedOne = UUID(), plain = UUID()
        // The helped thread is the newer one: without the signal the older twin wins (the test below).
        _ = try f.apply(twin(&f, plain, helped: 0) + twin(&f, helpedOne, helped: 6))
        let matches = try f.db.match(draft: "nginx reload config not applied", limit: 5)
        let first = try #require(matches.first)
        #expect(try f.localID(helpedOne) == first.post.id)
        #expect(matches.count >= 2 && matches[0].score > matches[1].score)
    }

    @Test func marksOnAnAnswerCountForItsThread() throws {
        var f = try CommunityFixture("helped-answer")
        let helpedOne = UUID(), plain = UUID()
        _ = try f.apply(twin(&f, plain, helped: 0) + twin(&f, helpedOne, helped: 0, answerHelped: 4))
        let first = try #require(try f.db.match(draft: "nginx reload config not applied", limit: 5).first)
        #expect(try f.localID(helpedOne) == first.post.id)
    }

    @Test func withoutMarksTheOlderTwinWinsAsBefore() throws {
        var f = try CommunityFixture("helped-none")
        let older = UUID(), newer = UUID()
        _ = try f.apply(twin(&f, older, helped: 0) + twin(&f, newer, helped: 0))
        let first = try #require(try f.db.match(draft: "nginx reload config not applied", limit: 5).first)
        #expect(try f.localID(older) == first.post.id)
    }
}

import Dashboard
import Foundation
import PicnicCore
import PicnicStore

/// The dashboard's community snapshot read from the local store (cheap reads only: the sync
/// helper fills the store in the background, so this never waits for the server).
extension CommunitySnapshot {
    /// The state for `tasks` (the open tasks the runner last loaded); `written` are the posts this
    /// dashboard wrote, drawn "sending…" while they wait in the outbox. Refusals are taken last:
    /// a refusal is in exactly one snapshot.
    static func read(_ db: AppDatabase, tasks: [UUID], written: Set<Int64>) throws -> CommunitySnapshot {
        let summary = try db.communitySummary()
        guard summary.communities > 0, let c = try db.defaultCommunity() else { return CommunitySnapshot() }
        var s = CommunitySnapshot(joined: true, name: c.name, user: c.userName, spaces: c.spaces.map(\.name),
                                  defaultSpace: c.generalSpace, online: !summary.offline, toSend: summary.toSend,
                                  position: c.position)
        for (task, asked) in try db.askedQuestions(tasks: tasks) {
            for q in asked {
                s.mine.insert(q.post.id)
                if q.state == .sending { s.sending.insert(q.post.id) }
                var others: [Post] = []
                if q.answers > 0, let thread = try db.thread(id: q.post.id) {
                    others = thread.answers.filter { $0.author != c.userName }
                }
                if q.newAnswers > 0 {
                    for a in others where try db.communityInfo(post: a.id)?.unseen == true {
                        s.newAnswers.append(NewAnswer(answer: a.id, question: q.post.id, task: task, author: a.author, created: a.created))
                    }
                }
                s.questions.append(TaskQuestion(task: task, post: q.post, answers: others.count, unseen: q.newAnswers,
                                                accepted: q.acceptedAnswer != nil, bestAnswer: q.acceptedAnswer ?? others.last?.id))
            }
        }
        s.questions.sort { ($0.post.created, $0.post.id) > ($1.post.created, $1.post.id) }
        s.newAnswers.sort { ($0.created, $0.answer) > ($1.created, $1.answer) }
        // The posts written here and the questions asked, by UUID: a refused post names its own.
        var byUUID: [String: Int64] = [:]
        for id in written.union(s.mine) {
            guard let info = try db.communityInfo(post: id) else { continue }
            byUUID[info.uuid.uuidString.lowercased()] = id
            if info.state == .sending { s.sending.insert(id) }
        }
        s.refused = try db.takeRefusals().map { e in
            try Self.refused(e, post: byUUID[e.target.lowercased()].flatMap { try db.post(id: $0) })
        }
        return s
    }

    /// A refused outbox entry in the dashboard's words; the text kept is the post's own.
    static func refused(_ e: OutboxEntry, post: Post?) -> RefusedWrite {
        let what: String
        switch (e.op, post) {
        case (.post, let p?) where p.kind == .answer: what = "your answer"
        case (.post, let p?): what = "your \(p.kind.rawValue) “\(p.title)”"
        case (.post, nil): what = "your post"
        case (.helped, _): what = "your helped mark"
        case (.accept, _): what = "your accept"
        case (.vote, _): what = "your vote"
        case (.delete, _): what = "your deletion"
        case (.file, _): what = "your file"
        }
        return RefusedWrite(id: e.id, what: what, reason: e.lastError ?? "the server refused it",
                            text: post.map { $0.title.isEmpty ? $0.body : $0.title + "\n\n" + $0.body } ?? "")
    }
}

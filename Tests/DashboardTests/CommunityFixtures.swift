import Foundation
import PicnicCore
import CommunityAPI
@testable import Dashboard

/// A joined community for the loop's tests: Ana asked about the CI task from it; Sam answers.
extension Fixtures {
    static let me = "ana"
    static let myQuestion = Post(id: 30, kind: .question, title: "Why do arm64 runners flake?", body: "Our CI fails at random.",
                                 tags: ["ci"], author: "ana", space: "ops", created: now.addingTimeInterval(-2 * 3600))
    static let samsAnswer = Post(id: 31, kind: .answer, title: "", body: "Pin the runner image to a digest.",
                                 author: "sam", space: "ops", created: now.addingTimeInterval(-60), votes: 1, parent: 30)
    /// Others' open questions Ana could answer.
    static let othersQuestions = [
        match(Post(id: 40, kind: .question, title: "Staging certs expire on Fridays", author: "lee", space: "ops",
                   created: days(-0.1)), confidence: 0.88, strong: true, reason: "you finished “Rotate staging certs”", answers: 0),
        match(Post(id: 41, kind: .question, title: "Budget template for Q4?", author: "kim", space: "general",
                   created: days(-1)), confidence: 0.71, strong: true, reason: "tag budget", answers: 0),
        match(Post(id: 42, kind: .question, title: "Which CI cache action?", author: "kim", space: "general",
                   created: days(-2)), confidence: 0.31, strong: false, reason: "“ci” in title", answers: 0),
    ]

    static func community(answers: Int = 0, online: Bool = true, toSend: Int = 0, position: Int64 = 100,
                          refused: [RefusedWrite] = []) -> CommunitySnapshot {
        let question = TaskQuestion(task: ci.uuid, post: myQuestion, answers: answers, unseen: answers,
                                    bestAnswer: answers > 0 ? samsAnswer.id : nil)
        let new = answers > 0 ? [NewAnswer(answer: samsAnswer.id, question: myQuestion.id, task: ci.uuid, author: "sam",
                                           created: samsAnswer.created)] : []
        return CommunitySnapshot(joined: true, name: "team", user: me, spaces: ["general", "ops"], defaultSpace: "general",
                                 online: online, toSend: toSend, position: position, mine: [myQuestion.id],
                                 questions: [question], newAnswers: new, refused: refused)
    }

    /// A loaded state in a joined community, the CI task selected with its matches in.
    static func joined(width: Int = 80, height: Int = 24, answers: Int = 0) -> AppState {
        var s = loaded(width: width, height: height)
        _ = Dashboard.update(&s, .communityLoaded(community(answers: answers)))
        _ = Dashboard.update(&s, .couldHelpLoaded(generation: s.couldHelp.generation, matches: othersQuestions))
        return s
    }

    static let ledger = APILedger(
        me: .init(questions: 4, answersGiven: 7, acceptedAnswers: 3, peopleHelped: 5, helpedMarks: 6, answersReceived: 5,
                  medianFirstAnswerSeconds: 2280),
        community: .init(questions: 120, answered: 97, answeredWithinDay: 0.71, medianFirstAnswerSeconds: 5400, people: 41))
}

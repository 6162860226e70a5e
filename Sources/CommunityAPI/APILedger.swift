import Foundation

/// `GET /v1/ledger`: what giving and receiving looks like, for the user and for the community.
public struct APILedger: Codable, Equatable, Sendable {
    /// The requesting user's side.
    public struct Person: Codable, Equatable, Sendable {
        public var questions: Int
        public var answersGiven: Int
        public var acceptedAnswers: Int
        /// Distinct other people who marked one of my posts helpful or accepted one of my answers.
        public var peopleHelped: Int
        /// Helped marks on my posts.
        public var helpedMarks: Int
        /// Answers by others to my questions.
        public var answersReceived: Int
        /// Median time from asking to the first answer by someone else; nil when none.
        public var medianFirstAnswerSeconds: Double?

        public init(questions: Int = 0, answersGiven: Int = 0, acceptedAnswers: Int = 0,
                    peopleHelped: Int = 0, helpedMarks: Int = 0, answersReceived: Int = 0,
                    medianFirstAnswerSeconds: Double? = nil) {
            self.questions = questions
            self.answersGiven = answersGiven
            self.acceptedAnswers = acceptedAnswers
            self.peopleHelped = peopleHelped
            self.helpedMarks = helpedMarks
            self.answersReceived = answersReceived
            self.medianFirstAnswerSeconds = medianFirstAnswerSeconds
        }
    }

    /// The community's side (over the posts the user may read).
    public struct Community: Codable, Equatable, Sendable {
        public var questions: Int
        public var answered: Int
        /// Share (0…1) of questions whose first answer by someone else came within 24 hours.
        public var answeredWithinDay: Double?
        public var medianFirstAnswerSeconds: Double?
        /// Users of the community.
        public var people: Int

        public init(questions: Int = 0, answered: Int = 0, answeredWithinDay: Double? = nil,
                    medianFirstAnswerSeconds: Double? = nil, people: Int = 0) {
            self.questions = questions
            self.answered = answered
            self.answeredWithinDay = answeredWithinDay
            self.medianFirstAnswerSeconds = medianFirstAnswerSeconds
            self.people = people
        }
    }

    public var me: Person
    public var community: Community

    public init(me: Person, community: Community) {
        self.me = me
        self.community = community
    }
}

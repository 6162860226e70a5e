import Foundation
import PicnicCore
import TermUI
@testable import Dashboard

/// Fixed data for dashboard tests: a clock, a calendar, tasks and matched threads.
enum Fixtures {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
    /// Sunday 29 November 2026, 12:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_953_600)
    static func days(_ n: Double) -> Date { now.addingTimeInterval(n * 86400) }

    static func uuid(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }

    static let ci = WorkTask(uuid: uuid(1), number: 1, title: "Fix flaky CI on arm64", project: "infra",
                             tags: ["ci"], priority: .H, due: days(2), status: .active, created: days(-10))
    static let review = WorkTask(uuid: uuid(2), number: 2, title: "Review payments PR", tags: ["review"],
                                 priority: .M, due: days(0.2), created: days(-3))
    static let budget = WorkTask(uuid: uuid(3), number: 3, title: "Q3 budget draft", due: days(5), created: days(-5))
    static let certs = WorkTask(uuid: uuid(4), number: 4, title: "Rotate staging certs", project: "ops",
                                tags: ["ops"], due: days(-3), created: days(-20))
    static let someday = WorkTask(uuid: uuid(5), number: 5, title: "Read the SQLite docs on WAL",
                                  notes: "see https://sqlite.org/wal.html for details", wait: days(3),
                                  status: .waiting, created: days(-30))
    static let tasks = [someday, budget, ci, certs, review]

    static func post(_ id: Int64, _ title: String, kind: PostKind = .question, space: String = "ops",
                     votes: Int = 3, age: Double = 3, body: String = "", url: String? = nil) -> Post {
        Post(id: id, kind: kind, title: title, body: body, author: "dana", space: space,
             created: days(-age), votes: votes, url: url)
    }

    static func match(_ post: Post, confidence: Double, strong: Bool, reason: String, answers: Int) -> ThreadMatch {
        ThreadMatch(post: post, answers: answers, accepted: answers > 1, score: confidence * 10, confidence: confidence,
                    strong: strong, reason: reason, matched: [])
    }

    static let strongMatches = [
        match(post(10, "Pinning the arm64 runner image", votes: 12, url: "https://forum.example/t/10"),
              confidence: 0.91, strong: true, reason: "“arm64” “runner” “flaky” in title", answers: 2),
        match(post(11, "Timeouts on arm64 builds", votes: 1, age: 40),
              confidence: 0.42, strong: false, reason: "“arm64” in title", answers: 0),
    ]
    static let weakMatches = [
        match(post(20, "Budget spreadsheet templates", kind: .tip, space: "finance", votes: 5, age: 400),
              confidence: 0.21, strong: false, reason: "“budget” in title", answers: 0),
    ]

    static let thread = (
        root: post(10, "Pinning the arm64 runner image", votes: 12, body: "Our arm64 CI jobs fail at random.\nAny idea why?", url: "https://forum.example/t/10"),
        replies: [
            Post(id: 12, kind: .answer, title: "", body: "Pin the runner image to a digest; the floating tag moved twice last week.",
                 author: "sam", space: "ops", created: days(-2), votes: 9, accepted: true, parent: 10),
            Post(id: 13, kind: .answer, title: "", body: "We also saw this with the cache action. See https://example.org/cache-fix.",
                 author: "lee", space: "ops", created: days(-1), votes: 2, parent: 10),
        ]
    )

    /// A state with tasks loaded, sized and clocked for tests.
    static func state(width: Int = 80, height: Int = 24, keymap: Keymap = .defaults) -> AppState {
        AppState(keymap: keymap, width: width, height: height, now: now, calendar: calendar)
    }

    /// A loaded state with the first task's matches in.
    static func loaded(width: Int = 80, height: Int = 24, matches: [ThreadMatch] = strongMatches) -> AppState {
        var s = state(width: width, height: height)
        _ = Dashboard.update(&s, .tasksLoaded(tasks))
        _ = Dashboard.update(&s, .matchesLoaded(task: s.selected!, generation: s.matchGeneration, matches: matches))
        _ = Dashboard.update(&s, .strongHelpLoaded([ci.uuid]))
        return s
    }
}

extension AppState {
    /// Sends keys named as in the config (`"j"`, `"ctrl-d"`, `"enter"`), collecting effects.
    mutating func press(_ names: String...) -> [Effect] {
        var all: [Effect] = []
        for name in names {
            guard let key = Key(name: name) else { fatalError("bad key \(name)") }
            all += Dashboard.update(&self, .key(key))
        }
        return all
    }

    /// Types text into a prompt, one character per key.
    mutating func type(_ text: String) -> [Effect] {
        var all: [Effect] = []
        for c in text { all += Dashboard.update(&self, .key(.char(c))) }
        return all
    }
}

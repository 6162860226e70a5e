import Foundation
import Testing
import TestSupport

@Suite struct PostCommandTests {
    func db() -> URL { TestSupport.makeTempDirectory("cli-post").appendingPathComponent("p.sqlite") }

    func json(_ s: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [[String: Any]])
    }

    @Test func postThenListAsJSON() throws {
        let db = db()
        let q = try TestSupport.picnic(["post", "--title", "Flaky CI on arm64", "--body", "-", "--tags", "ci, arm64",
                                        "--space", "ops"], db: db, stdin: "runner times out\n")
        #expect(q.status == 0, "\(q.stderr)")
        #expect(q.stdout == "Added post 1.\n")
        let a = try TestSupport.picnic(["post", "--parent", "1", "--body", "pin the image"], db: db)
        #expect(a.status == 0, "\(a.stderr)")
        let out = try TestSupport.picnic(["posts", "--json"], db: db)
        #expect(out.status == 0)
        let posts = try json(out.stdout)
        #expect(posts.count == 2)
        #expect(posts[0]["title"] as? String == "Flaky CI on arm64")
        #expect(posts[0]["body"] as? String == "runner times out\n")
        #expect(posts[0]["tags"] as? [String] == ["ci", "arm64"])
        #expect(posts[0]["space"] as? String == "ops")
        #expect(posts[0]["kind"] as? String == "question")
        #expect(posts[0]["parent"] is NSNull)
        #expect(posts[1]["kind"] as? String == "answer")
        #expect(posts[1]["parent"] as? Int == 1)
        for key in ["id", "author", "created"] { #expect(posts[0][key] != nil) }
    }

    @Test func badInputIsAUsageError() throws {
        let db = db()
        let noTitle = try TestSupport.picnic(["post", "--body", "x"], db: db)
        #expect(noTitle.status == 64)
        #expect(noTitle.stderr.hasPrefix("picnic: "))
        let badKind = try TestSupport.picnic(["post", "--title", "t", "--kind", "poem"], db: db)
        #expect(badKind.status == 64)
        let badParent = try TestSupport.picnic(["post", "--parent", "7", "--body", "x"], db: db)
        #expect(badParent.status == 64)
        #expect(badParent.stderr.contains("no post 7"))
    }

    @Test func matchTextExplainsAndSaysWhenNothingIsStrong() throws {
        let db = db()
        try TestSupport.picnic(["post", "--title", "Pinning the arm64 runner image stops flaky CI",
                                "--body", "jobs failed at random until we pinned the image", "--tags", "ci"], db: db)
        try TestSupport.picnic(["post", "--title", "Best coffee grinder", "--body", "burr grinders"], db: db)
        let out = try TestSupport.picnic(["match", "--text", "flaky arm64 runner", "--json"], db: db)
        #expect(out.status == 0, "\(out.stderr)")
        let matches = try json(out.stdout)
        #expect(matches.first?["post_id"] as? Int == 1)
        for key in ["title", "kind", "score", "confidence", "strong", "reason", "space", "votes", "answers", "accepted"] {
            #expect(matches.first?[key] != nil, "\(key)")
        }
        #expect((matches.first?["reason"] as? String)?.contains("in title") == true)
        let none = try TestSupport.picnic(["match", "--text", "book flights to Lisbon"], db: db)
        #expect(none.status == 0)
        #expect(none.stdout.contains("no match") || none.stdout.contains("no strong match"))
        let empty = try TestSupport.picnic(["match", "--text", "\" NEAR( * ^ AND", "--json"], db: db)
        #expect(empty.status == 0)
        #expect(empty.stdout == "[]\n")
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        let db = db()
        try TestSupport.picnic(["post", "--title", "evil \u{1b}[2J title", "--body", "x"], db: db)
        let out = try TestSupport.picnic(["posts"], db: db)
        #expect(!out.stdout.contains("\u{1b}"))
        #expect(out.stdout.contains("evil title"))  // the whole sequence goes, not only its ESC
    }

    @Test func matchATaskByNumberThenHideAndUndo() throws {
        let db = db()
        try TestSupport.picnic(["post", "--title", "Pinning the arm64 runner image stops flaky CI",
                                "--body", "jobs failed at random until we pinned the image", "--tags", "ci"], db: db)
        try TestSupport.picnic(["post", "--title", "Best coffee grinder", "--body", "burr grinders"], db: db)
        let add = try TestSupport.picnic(["add", "Fix flaky CI on arm64 +ci"], db: db)
        #expect(add.status == 0, "\(add.stderr)")
        let human = try TestSupport.picnic(["match", "1"], db: db)
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout.hasPrefix("★"), "\(human.stdout)")
        #expect(human.stdout.contains("“arm64”") && human.stdout.contains("in title; tag ci"), "\(human.stdout)")
        #expect(!human.stdout.contains("no strong match"))
        let hide = try TestSupport.picnic(["feedback", "1", "1", "hide"], db: db)
        #expect(hide.status == 0, "\(hide.stderr)")
        let after = try json(try TestSupport.picnic(["match", "1", "--json"], db: db).stdout)
        #expect(!after.contains { $0["post_id"] as? Int == 1 })
        #expect(try TestSupport.picnic(["undo"], db: db).status == 0)
        let back = try json(try TestSupport.picnic(["match", "1", "--json"], db: db).stdout)
        #expect(back.first?["post_id"] as? Int == 1)
        #expect(back.first?["strong"] as? Bool == true)
        let missing = try TestSupport.picnic(["match", "42"], db: db)
        #expect(missing.status == 64)
        let unrelated = try TestSupport.picnic(["add", "Book flights to Lisbon"], db: db)
        #expect(unrelated.status == 0)
        let none = try TestSupport.picnic(["match", "2"], db: db)
        #expect(none.stdout.contains("no strong match") || none.stdout.contains("no match"), "\(none.stdout)")
    }
}

import Foundation
import Testing
import TestSupport

@Suite struct ImportCommandTests {
    func db() -> URL { TestSupport.makeTempDirectory("cli-import").appendingPathComponent("p.sqlite") }

    func posts(_ db: URL) throws -> [[String: Any]] {
        let out = try TestSupport.picnic(["posts", "--json"], db: db)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
    }

    var fixtures: URL {
        TestSupport.repositoryRoot.appendingPathComponent("Tests/PicnicFormatsTests/Fixtures")
    }

    @Test func stackExchangeImportIsIdempotentAndUpdatesChanges() throws {
        guard let beer = TestSupport.sharedFile("stackexchange/beer.stackexchange.Posts.xml") else {
            print("skipped: ../shared/data/stackexchange is absent"); return
        }
        let db = db()
        let first = try TestSupport.picnic(["import", "stackexchange", beer.path], db: db)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.hasSuffix(": 2235 added, 0 updated, 119 skipped, 0 removed\n"))
        #expect(first.stdout.isEmpty)
        let again = try TestSupport.picnic(["import", "stackexchange", beer.path], db: db)
        #expect(again.stderr.hasSuffix(": 0 added, 0 updated, 2354 skipped, 0 removed\n"), "\(again.stderr)")
        // A changed dump (one edited question) updates that thread only: the question and its one
        // answer, which carries the question's title.
        let dir = db.deletingLastPathComponent()
        let copy = dir.appendingPathComponent("beer.stackexchange.Posts.xml")
        let text = try String(contentsOf: beer, encoding: .utf8)
            .replacingOccurrences(of: "Title=\"What is a citra hop, and how does it differ from other hops?\"",
                                  with: "Title=\"What is a citra hop?\"")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let changed = try TestSupport.picnic(["import", "stackexchange", copy.path], db: db)
        #expect(changed.stderr.hasSuffix(": 0 added, 2 updated, 2352 skipped, 0 removed\n"), "\(changed.stderr)")
        let all = try posts(db)
        #expect(all.count == 2235)
        #expect(all.filter { $0["kind"] as? String == "question" }.count == 663)
        #expect(all.contains { $0["title"] as? String == "What is a citra hop?" })
        let answers = all.filter { $0["kind"] as? String == "answer" }
        #expect(answers.count == 1572 && answers.allSatisfy { $0["parent"] as? Int != nil })
    }

    @Test func badInputExits65AndImportsNothing() throws {
        let db = db()
        let dir = db.deletingLastPathComponent()
        let bad = dir.appendingPathComponent("Posts.xml")
        try "<posts>\n<row Id=\"1\" PostTypeId=\"1\" CreationDate=\"2020-01-01T00:00:00\" Title=\"ok\" Body=\"\"/>\n<row Id=\"2\" PostTypeId=\"1\" CreationDate=\"2020-01-01T00:00:00\" Title=\"cut".write(to: bad, atomically: true, encoding: .utf8)
        let out = try TestSupport.picnic(["import", "stackexchange", bad.path], db: db)
        #expect(out.status == 65)
        #expect(out.stderr.hasPrefix("picnic: \(bad.path):3:"), "\(out.stderr)")
        #expect(out.stderr.split(separator: "\n").count == 1)
        #expect(try posts(db).isEmpty)
        let missing = try TestSupport.picnic(["import", "mbox", dir.appendingPathComponent("nope.mbox").path], db: db)
        #expect(missing.status == 74)
        let usage = try TestSupport.picnic(["import", "word", bad.path], db: db)
        #expect(usage.status == 64)
    }

    @Test func slackMboxFeedsAndDocs() throws {
        let db = db()
        let slack = try TestSupport.picnic(["import", "slack", fixtures.appendingPathComponent("slack").path], db: db)
        #expect(slack.stderr.hasSuffix(": 3 added, 0 updated, 1 skipped, 0 removed\n"), "\(slack.stderr)")
        let mbox = try TestSupport.picnic(["import", "mbox", fixtures.appendingPathComponent("list.mbox").path], db: db)
        #expect(mbox.stderr.hasSuffix(": 4 added, 0 updated, 0 skipped, 0 removed\n"), "\(mbox.stderr)")
        let feed = try TestSupport.picnic(["import", "feed", fixtures.appendingPathComponent("feed.rss").path, "--space", "news"], db: db)
        #expect(feed.stderr.hasSuffix(": 2 added, 0 updated, 1 skipped, 0 removed\n"), "\(feed.stderr)")
        let all = try posts(db)
        #expect(all.count == 9)
        let mboxReplies = all.filter { ($0["body"] as? String)?.hasPrefix("Grüße") == true }
        #expect(mboxReplies.count == 1 && mboxReplies[0]["parent"] as? Int != nil)
        #expect(all.filter { $0["kind"] as? String == "link" }.allSatisfy { $0["space"] as? String == "news" })
    }

    @Test func oneNewsItemInAPublishersAtomRdfAndRssFeedsIsImportedOnce() throws {
        let names = ["rss.responseTagesschauAtom.xml", "rss.responseTagesschauRDF.xml", "rss.responseTagesschauWebsiteRSS.xml"]
        let files = names.compactMap { TestSupport.sharedFile("feeds/" + $0) }
        guard files.count == 3 else { print("skipped: ../shared/data/feeds is absent"); return }
        let db = db()
        var said: [String] = []
        for f in files {
            let r = try TestSupport.picnic(["import", "feed", f.path], db: db)
            #expect(r.status == 0, "\(r.stderr)")
            said.append(r.stderr)
        }
        // Atom: 2 items; RDF: the same 2 (GUIDs = Atom ids, same links); RSS: those 2 and 1 more.
        #expect(said[0].hasSuffix(": 2 added, 0 updated, 0 skipped, 0 removed\n"), "\(said[0])")
        #expect(said[1].hasSuffix(": 0 added, 0 updated, 2 skipped, 0 removed\n"), "\(said[1])")
        #expect(said[2].hasSuffix(": 1 added, 0 updated, 2 skipped, 0 removed\n"), "\(said[2])")
        let all = try posts(db)
        #expect(all.count == 3)
        #expect(Set(all.compactMap { $0["url"] as? String }).count == 3)
        // Importing them all again changes nothing.
        for f in files { #expect(try TestSupport.picnic(["import", "feed", f.path], db: db).stderr.contains(" 0 added")) }
        #expect(try posts(db).count == 3)
    }

    @Test func docsReimportUpdatesChangedAndRemovesDeleted() throws {
        let db = db()
        let folder = db.deletingLastPathComponent().appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "# Pinning\nUse digests.".write(to: folder.appendingPathComponent("pin.md"), atomically: true, encoding: .utf8)
        try "# Certs\nRotate them.".write(to: folder.appendingPathComponent("certs.md"), atomically: true, encoding: .utf8)
        let first = try TestSupport.picnic(["import", "docs", folder.path], db: db)
        #expect(first.stderr.hasSuffix(": 2 added, 0 updated, 0 skipped, 0 removed\n"), "\(first.stderr)")
        try "# Pinning\nUse image digests.".write(to: folder.appendingPathComponent("pin.md"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("certs.md"))
        let second = try TestSupport.picnic(["import", "docs", folder.path], db: db)
        #expect(second.stderr.hasSuffix(": 0 added, 1 updated, 0 skipped, 1 removed\n"), "\(second.stderr)")
        let all = try posts(db)
        #expect(all.count == 1 && all[0]["body"] as? String == "# Pinning\nUse image digests.")
        #expect(all[0]["kind"] as? String == "doc" && all[0]["title"] as? String == "Pinning")
    }

    @Test func shareKeepsFilesByHashWithoutDuplicates() throws {
        let db = db()
        let dir = db.deletingLastPathComponent()
        let text = dir.appendingPathComponent("runbook.txt")
        try "Restart the arm64 runner, then pin the image digest.".write(to: text, atomically: true, encoding: .utf8)
        let binary = dir.appendingPathComponent("diagram.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1, 2, 3]).write(to: binary)
        let out = try TestSupport.picnic(["share", text.path, binary.path, "--space", "ops", "--tags", "ci,arm64",
                                          "--description", "How we fix the runner"], db: db)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "1\trunbook.txt\n2\tdiagram.png\n")
        let again = try TestSupport.picnic(["share", text.path], db: db)
        #expect(again.stdout == "1\trunbook.txt\n")
        #expect(again.stderr.contains("0 added"))
        let all = try posts(db)
        #expect(all.count == 2)
        #expect(all[0]["kind"] as? String == "file" && all[0]["tags"] as? [String] == ["ci", "arm64"])
        #expect((all[0]["body"] as? String)?.contains("pin the image digest") == true)
        #expect((all[1]["body"] as? String)?.contains("diagram.png (png file, 10 bytes)") == true)
        let kept = try #require(all[0]["url"] as? String)
        #expect(kept.hasPrefix(dir.appendingPathComponent("files").path + "/"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == Data(contentsOf: text))
        #expect(URL(fileURLWithPath: kept).lastPathComponent.count == 64)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("files").path)
        #expect(files.count == 2)
        let missing = try TestSupport.picnic(["share", dir.appendingPathComponent("nope").path], db: db)
        #expect(missing.status == 74)
    }
}

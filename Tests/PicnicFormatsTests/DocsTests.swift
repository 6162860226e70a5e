import Foundation
import PicnicCore
import TestSupport
import Testing
@testable import PicnicFormats

@Suite struct DocsTests {
    @Test func titlesIdsAndHashes() throws {
        let dir = TestSupport.makeTempDirectory("docs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("guides/.hidden"), withIntermediateDirectories: true)
        try "intro text\n\n# Getting started\n\nSteps.".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try "Runner pinning\n==============\n\nUse digests.".write(to: dir.appendingPathComponent("guides/pin.markdown"), atomically: true, encoding: .utf8)
        try "---\ntitle: \"From front matter\"\n---\n# Not this".write(to: dir.appendingPathComponent("guides/fm.md"), atomically: true, encoding: .utf8)
        try "no heading here".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try Data([0, 1, 2]).write(to: dir.appendingPathComponent("image.png"))
        try "secret".write(to: dir.appendingPathComponent("guides/.hidden/x.md"), atomically: true, encoding: .utf8)
        let batch = try DocsImporter().read(dir)
        #expect(batch.isComplete && batch.source.hasPrefix("docs:/"))
        #expect(batch.posts.map(\.sourceID) == ["README.md", "guides/fm.md", "guides/pin.markdown", "notes.txt"])
        #expect(batch.posts.map(\.post.title) == ["Getting started", "From front matter", "Runner pinning", "notes"])
        #expect(batch.posts.allSatisfy { $0.post.kind == .doc && $0.contentHash?.count == 64 })
        #expect(batch.skipped == 1)
        try "changed".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let again = try DocsImporter().read(dir)
        #expect(again.posts[3].contentHash != batch.posts[3].contentHash && again.posts[0].contentHash == batch.posts[0].contentHash)
    }

    @Test func wrongEncodingIsLocated() throws {
        let dir = TestSupport.makeTempDirectory("docsbad")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("ok\n".utf8 + [0xFF, 0xFE] + Array("x".utf8)).write(to: dir.appendingPathComponent("bad.md"))
        let err = Fixtures.formatError { _ = try DocsImporter().read(dir) }
        #expect(err?.location.line == 2 && err?.location.file.hasSuffix("bad.md") == true)
    }
}

import Foundation
import PicnicCore
import TestSupport
import Testing
@testable import PicnicFormats

/// Every parser, fed broken or hostile input, ends with a located `FormatError`: no crash, no hang.
@Suite struct MalformedInputTests {
    static let offsets = [1, 7, 100, 1000, 5000, 20_000, 100_000, 1_000_000]

    func truncations(_ data: Data) -> [Data] {
        Self.offsets.filter { $0 < data.count - 2 }.map { data.prefix($0) } + [data.dropLast(2)]
    }

    @Test func truncatedStackExchangeDumps() throws {
        guard let url = TestSupport.sharedFile("stackexchange/beer.stackexchange.Posts.xml") else {
            print("skipped: ../shared/data/stackexchange is absent"); return
        }
        for cut in truncations(try Data(contentsOf: url)) {
            let err = Fixtures.formatError { _ = try StackExchangeImporter(site: "b").parse(Data(cut), file: "cut.xml") }
            #expect(err?.location.file == "cut.xml" && err?.location.line != nil, "\(cut.count) bytes")
        }
    }

    @Test func truncatedFeedsAndTaskExports() throws {
        guard let feeds = TestSupport.sharedFile("feeds"),
              let tw = TestSupport.sharedFile("taskwarrior/taskwarrior-testdata.export.json") else {
            print("skipped: ../shared/data is absent"); return
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: feeds.path) where name.hasSuffix(".xml") {
            for cut in truncations(try Data(contentsOf: feeds.appendingPathComponent(name))) {
                let err = Fixtures.formatError {
                    _ = try FeedImporter().parse(Data(cut), file: name, address: name, fallbackDate: Date())
                }
                #expect(err != nil, "\(name) cut at \(cut.count)")
            }
        }
        for cut in truncations(try Data(contentsOf: tw)) {
            #expect(Fixtures.formatError { _ = try TaskwarriorFormat.parse(Data(cut), file: "tw.json") }?.location.line != nil,
                    "cut at \(cut.count)")
        }
    }

    @Test func entityBombsInFeedsAndDumps() {
        let bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
        <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <rss><channel><item><title>&b;&b;&b;&b;&b;&b;</title></item></channel></rss>
        """
        let feed = Fixtures.formatError { _ = try FeedImporter().parse(Data(bomb.utf8), file: "bomb.xml", address: "b", fallbackDate: Date()) }
        #expect(feed?.location.line == 2 && feed?.message.contains("refused") == true)
        let dump = bomb.replacingOccurrences(of: "rss", with: "posts")
        #expect(Fixtures.formatError { _ = try StackExchangeImporter(site: "x").parse(Data(dump.utf8), file: "p.xml") } != nil)
    }

    @Test func wrongEncodings() throws {
        let utf16NoBOM = "(A) Call Mom\n".data(using: .utf16LittleEndian)!
        #expect(Fixtures.formatError { _ = try TodoTxtFormat.parse(utf16NoBOM, file: "t.txt") }?.location.line == 1)
        let latin1 = Data("{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"description\":\"caf".utf8) + Data([0xE9]) + Data("\"}".utf8)
        #expect(Fixtures.formatError { _ = try TaskwarriorFormat.parse(latin1, file: "t.json") }?.message.contains("UTF-8") == true)
        let shiftJIS = Data("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><posts/>".utf8)
        #expect(Fixtures.formatError { _ = try StackExchangeImporter(site: "x").parse(shiftJIS, file: "p.xml") }?.message.contains("encoding") == true)
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        #expect(Fixtures.formatError { _ = try MboxImporter().parse(garbage, file: "g.mbox", space: "g") } != nil)
        #expect(Fixtures.formatError { _ = try FeedImporter().parse(garbage, file: "g.xml", address: "g", fallbackDate: Date()) } != nil)
    }

    @Test func deepNestingAndHugeFields() throws {
        let dir = TestSupport.makeTempDirectory("slackdeep")
        defer { try? FileManager.default.removeItem(at: dir) }
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        try deep.write(to: dir.appendingPathComponent("users.json"), atomically: true, encoding: .utf8)
        #expect(Fixtures.formatError { _ = try SlackImporter().read(dir) }?.message.contains("deeper") == true)
        let deepFeed = "<rss><channel>" + String(repeating: "<x>", count: 20_000) + String(repeating: "</x>", count: 20_000) + "</channel></rss>"
        #expect(Fixtures.formatError { _ = try FeedImporter().parse(Data(deepFeed.utf8), file: "d.xml", address: "d", fallbackDate: Date()) } != nil)
        let huge = String(repeating: "word ", count: 50_000)
        let line = "(A) \(huge)+big @ctx\n"
        let tasks = try TodoTxtFormat.parse(Data(line.utf8), file: "h.txt")
        #expect(tasks.count == 1 && tasks[0].project == "big")
        let dump = "<posts><row Id=\"1\" PostTypeId=\"1\" CreationDate=\"2020-01-01T00:00:00\" Title=\"t\" Body=\"&lt;p&gt;\(huge)&lt;/p&gt;\"/></posts>"
        #expect(try StackExchangeImporter(site: "h").parse(Data(dump.utf8), file: "h.xml").posts[0].post.body.count == huge.count - 1)
    }
}

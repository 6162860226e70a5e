import Foundation
import Testing
import TestSupport
@testable import PicnicFormats
import PicnicCore

@Suite struct TextTests {
    @Test func htmlBecomesPlainText() {
        let html = "<p>Hello&nbsp;<b>world</b> &amp; &lt;friends&gt;</p><ul><li>one</li><li>two</li></ul><script>alert(1)</script><pre><code>a  b\n  c</code></pre><p>x<br>y</p>"
        #expect(HTMLText.plainText(html) == "Hello world & <friends>\n\n- one\n- two\n\na  b\n  c\n\nx\ny")
    }

    @Test func controlCharactersAreRemoved() {
        #expect(SafeText.clean("a\u{1B}[31mred\u{7}\r\nb\u{202E}c") == "a[31mred\nbc")
        #expect(HTMLText.plainText("x&#27;[2Jy") == "x[2Jy")
        #expect(SafeText.line(" a\n\tb  ") == "a b")
    }

    @Test func timestamps() throws {
        let d = try #require(Timestamps.taskwarrior("20261201T000000Z"))
        #expect(d.timeIntervalSince1970 == 1_796_083_200)
        #expect(Timestamps.taskwarriorString(d) == "20261201T000000Z")
        #expect(abs((Timestamps.iso8601("2014-01-21T20:26:05.383")?.timeIntervalSince1970 ?? 0) - 1_390_335_965.383) < 0.0005)
        #expect(Timestamps.iso8601("2023-12-10T17:06:31+01:00")?.timeIntervalSince1970 == 1_702_224_391)
        #expect(Timestamps.rfc2822("Tue, 12 Dec 2023 18:06:34 +0100")?.timeIntervalSince1970 == 1_702_400_794)
        #expect(Timestamps.rfc2822("12 Dec 2023 17:06:34 GMT")?.timeIntervalSince1970 == 1_702_400_794)
        #expect(Timestamps.day("2011-03-02")?.timeIntervalSince1970 == 1_299_024_000)
        #expect(Timestamps.day("2011-13-02") == nil)
        #expect(Timestamps.taskwarrior("2026120T000000Z") == nil)
    }

    @Test func sha256() {
        #expect(ContentHash.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(ContentHash.hex(long) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The names earlier stores hold, made by the hand-written SHA-256 this replaced: todo.txt
    /// task uuids (the line, then line#n for repeats) and file hashes read in chunks.
    @Test func contentNamesAreTheOnesEarlierStoresHold() throws {
        #expect(ContentHash.uuid("(A) Call mom +family").uuidString == "53870EAB-5425-58B1-B698-6EE9F31AABCC")
        #expect(ContentHash.uuid("(A) Call mom +family#1").uuidString == "D6364542-099B-54D4-9E58-F82D6BD40DE8")
        let file = TestSupport.makeTempDirectory("hash").appendingPathComponent("big.bin")
        try Data(repeating: 0x61, count: 1_000_000 * 3).write(to: file)  // three 1 MiB reads, the last short
        #expect(try ContentHash.hex(fileAt: file) == ContentHash.hex([UInt8](repeating: 0x61, count: 3_000_000)))
        #expect(try ContentHash.hex(fileAt: file) == "2a152c894398719c0570f83fac34ac03a0f6e8e474b995c2403aa5434f7b9dd4")
    }

    @Test func jsonErrorsAreLocated() throws {
        let err = Fixtures.formatError { _ = try JSONText.parse("[\n {\"a\": 1,\n  \"b\" 2}\n]", file: "x.json") }
        #expect(err?.description.hasPrefix("x.json:3:") == true)
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(Fixtures.formatError { _ = try JSONText.parse(deep, file: "d.json") }?.message.contains("deeper") == true)
        #expect(try JSONText.parse("{\"s\":\"\\u00e9\\ud83d\\ude00\"}", file: "") == .object(["s": .string("é😀")]))
    }
}

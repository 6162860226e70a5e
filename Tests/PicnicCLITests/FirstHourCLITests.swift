import Foundation
import Testing
import TestSupport

/// What a newcomer meets on the command line first (issue 17): one rule for `--`, readable
/// messages, help and mistakes.
@Suite struct FirstHourCLITests {
    func titles(_ db: URL) throws -> [String] {
        try jsonArray(TestSupport.picnic(["list", "--json"], db: db).stdout).compactMap { $0["title"] as? String }.sorted()
    }

    @Test func aLeadingDoubleDashEndsTheOptionsAndTheLineReadsAsInTheDashboard() throws {
        let db = freshDB()
        // The line after the options is "-- text": quick-add's `--` makes the rest title, as in `a`.
        #expect(try TestSupport.picnic(["add", "--", "-- text"], db: db).status == 0)
        #expect(try TestSupport.picnic(["add", "--", "-5 degrees +cold"], db: db).status == 0)
        #expect(try TestSupport.picnic(["add", "Fix", "--", "+ci"], db: db).status == 0)
        #expect(try titles(db) == ["-5 degrees", "Fix +ci", "text"])
        let cold = try jsonArray(TestSupport.picnic(["list", "+cold", "--json"], db: db).stdout)
        #expect(cold.count == 1)
    }
}

import Foundation
import Testing
@testable import PicnicCore

@Suite struct MatchQueryTests {
    @Test func titleTermsOutweighNotesAndStopwordsAreDropped() {
        let task = WorkTask(title: "Fix the flaky CI on arm64", notes: "the runner times out", project: "infra.ci", tags: ["ops"])
        let q = MatchQuery(task: task)
        let byStem = Dictionary(uniqueKeysWithValues: q.terms.map { ($0.stem, $0) })
        #expect(byStem["the"] == nil)
        #expect(byStem["on"] == nil)
        #expect(byStem["arm64"]?.inTitle == true)
        #expect(byStem["runner"]?.inTitle == false)
        #expect((byStem["arm64"]?.weight ?? 0) > (byStem["runner"]?.weight ?? 0))
        #expect(byStem["op"] != nil || byStem["ops"] != nil)
        #expect(q.labels.isSuperset(of: ["ops", "infra-ci", "infra", "ci"]))
        #expect(q.terms.first?.inTitle == true)
    }

    @Test func repeatedStemsAreOneTerm() {
        let q = MatchQuery(text: "runs running run")
        #expect(q.terms.count == 1)
        #expect(q.terms[0].stem == "run")
        #expect(q.terms[0].word == "runs")
    }

    @Test func stopwordOnlyAndEmptyTextGiveAnEmptyQuery() {
        #expect(MatchQuery(text: "").isEmpty)
        #expect(MatchQuery(text: "the and of to is it a an").isEmpty)
        #expect(MatchQuery.ftsExpression([]) == nil)
    }

    @Test func ftsExpressionQuotesEveryTerm() {
        let q = MatchQuery(text: #"NEAR( "a" * ^ - : AND OR NOT (( build) col:umn"#)
        let expr = MatchQuery.ftsExpression(q.terms.map(\.word)) ?? ""
        // Only quoted words joined by OR: no bare FTS5 syntax survives.
        for part in expr.components(separatedBy: " OR ") {
            #expect(part.hasPrefix("\"") && part.hasSuffix("\""))
            #expect(!part.dropFirst().dropLast().contains("\""))
        }
        #expect(MatchQuery.ftsExpression([#"a"b"#]) == #""a""b""#)
    }

    @Test func hugeTextStaysASmallQuery() {
        var words: [String] = []
        for i in 0..<5000 { words.append("word\(i)") }
        let q = MatchQuery(text: words.joined(separator: " "))
        #expect(q.terms.count <= MatchQuery.maxTerms)
    }
}

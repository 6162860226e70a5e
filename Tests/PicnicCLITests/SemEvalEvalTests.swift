import Foundation
import Testing
import TestSupport

/// `picnic-eval semeval` on the real SemEval-2016 files (skipped when ../shared/data is absent).
@Suite struct SemEvalEvalTests {
    func figures(_ file: String, _ extra: [String] = []) throws -> [String: Any]? {
        guard let url = TestSupport.sharedFile("semeval2016/\(file)") else {
            print("skipping: ../shared/data/semeval2016/\(file) is not here")
            return nil
        }
        let out = try TestSupport.run(TestSupport.binary("picnic-eval"), ["semeval", url.path, "--json"] + extra)
        #expect(out.status == 0, "\(out.stderr)")
        return try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
    }

    @Test func baselineMatchesTheOfficialScorerAndTheMatcherBeatsIt() throws {
        for (file, map, mrr, p1) in [("SemEval2016-Task3-CQA-QL-dev.xml", 71.35, 76.67, 70.0),
                                     ("SemEval2016-Task3-CQA-QL-train-part2.xml", 70.67, 79.77, 74.63)] {
            guard let result = try figures(file),
                  let entry = (result["files"] as? [[String: Any]])?.first,
                  let engine = entry["search_engine"] as? [String: Double],
                  let ours = entry["picnic"] as? [String: Double] else { continue }
            // The search engine's order, scored by our metric code, gives the official figures.
            #expect(abs((engine["map"] ?? 0) - map) < 0.01)
            #expect(abs((engine["mrr"] ?? 0) - mrr) < 0.01)
            #expect(abs((engine["p1"] ?? 0) - p1) < 0.01)
            #expect((ours["map"] ?? 0) > map, "\(file): MAP \(ours["map"] ?? 0)")
            let strong = try #require(result["strong"] as? [String: Any])
            #expect((strong["precision"] as? Double ?? 0) >= 0.75)
        }
    }

    @Test func fittedOnOneSplitItHoldsOnTheOther() throws {
        guard let dev = TestSupport.sharedFile("semeval2016/SemEval2016-Task3-CQA-QL-dev.xml"),
              let train = TestSupport.sharedFile("semeval2016/SemEval2016-Task3-CQA-QL-train-part2.xml") else {
            print("skipping: ../shared/data/semeval2016 is not here")
            return
        }
        let out = try TestSupport.run(TestSupport.binary("picnic-eval"),
                                      ["semeval", "--fit-on", train.path, "--report", dev.path, "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let direction = try #require((result?["directions"] as? [[String: Any]])?.first)
        let alone = try #require(direction["alone"] as? [String: Any])
        let pooled = try #require(direction["pooled"] as? [String: Any])
        // Dev never fitted on: above the search engine (71.35), strong precision at least 75%.
        #expect((alone["map"] as? Double ?? 0) > 71.35)
        let strong = try #require(alone["strong"] as? [String: Any])
        #expect((strong["precision"] as? Double ?? 0) >= 0.75)
        // Pooled, "strong" keeps its meaning: at most three a question.
        let pooledStrong = try #require(pooled["strong"] as? [String: Any])
        #expect((pooledStrong["max_per_question"] as? Int ?? 99) <= 3)
        #expect((pooled["map"] as? Double ?? 0) > 50)
    }

    @Test func predictionsUseTheOfficialFormat() throws {
        guard TestSupport.sharedFile("semeval2016/SemEval2016-Task3-CQA-QL-dev.xml") != nil else { return }
        let out = TestSupport.makeTempDirectory("eval").appendingPathComponent("pred.txt")
        _ = try figures("SemEval2016-Task3-CQA-QL-dev.xml", ["--predictions", out.path])
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 500)
        for line in lines {
            let f = line.split(separator: " ")
            #expect(f.count == 5 && f[2] == "0" && Double(f[3]) != nil && (f[4] == "true" || f[4] == "false"), "\(line)")
        }
    }

    @Test func aFileThatIsNotSemEvalIsBadData() throws {
        let dir = TestSupport.makeTempDirectory("eval")
        let bad = dir.appendingPathComponent("bad.xml")
        try "<xml><OrgQuestion".write(to: bad, atomically: true, encoding: .utf8)
        let out = try TestSupport.run(TestSupport.binary("picnic-eval"), ["semeval", bad.path])
        #expect(out.status == 65)
        #expect(out.stderr.contains("bad.xml"))
        let missing = try TestSupport.run(TestSupport.binary("picnic-eval"), ["semeval", dir.appendingPathComponent("none.xml").path])
        #expect(missing.status == 74)
    }
}

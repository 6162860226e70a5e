import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PicnicCore

/// One original question of SemEval-2016 Task 3 subtask B, with its 10 candidate threads.
struct SemEvalQuestion {
    var id: String
    var subject = ""
    var body = ""
    var threads: [SemEvalThread] = []
}

/// A candidate thread: the related question, its comments, and the human label.
struct SemEvalThread {
    var id: String
    var subject = ""
    var body = ""
    var category = ""
    var date = Date(timeIntervalSince1970: 0)
    var user = ""
    /// PerfectMatch or Relevant.
    var relevant = false
    /// The search engine's rank: only for the baseline line, never given to the ranker.
    var searchRank = 0
    var comments: [(id: String, date: Date, user: String, text: String)] = []
}

/// Reads the official XML (OrgQuestion elements repeat once per thread; grouped by ORGQ_ID).
final class SemEvalReader: NSObject, XMLParserDelegate {
    private(set) var questions: [SemEvalQuestion] = []
    private var index: [String: Int] = [:]
    private var text = ""
    private var current: String?
    private var thread: SemEvalThread?
    private var comment: (id: String, date: Date, user: String, text: String)?

    static let dateFormat: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Qatar")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f
    }()

    /// Parses one file; throws a one-line `.data` error naming the file and line.
    static func read(_ path: String) throws -> [SemEvalQuestion] {
        guard var data = FileManager.default.contents(atPath: path) else {
            throw PicnicError.io("\(path): cannot read the file")
        }
        data = withoutDoctype(data)
        let reader = SemEvalReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else {
            throw PicnicError.data("\(path):\(parser.lineNumber): not SemEval-2016 Task 3 XML (\(parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error"))")
        }
        guard !reader.questions.isEmpty else { throw PicnicError.data("\(path): no OrgQuestion elements") }
        if let empty = reader.questions.first(where: { $0.threads.isEmpty }) {
            throw PicnicError.data("\(path): OrgQuestion \(empty.id) has no complete Thread (truncated file?)")
        }
        return reader.questions
    }

    /// The files carry an internal DTD whose ATTLIST declarations crash Foundation's XMLParser on
    /// Linux (a NULL default value reaches strlen); the DTD adds nothing we need, so it is cut.
    static func withoutDoctype(_ data: Data) -> Data {
        let open = Data("<!DOCTYPE".utf8), close = Data("]>".utf8)
        guard let start = data.range(of: open), let end = data.range(of: close, in: start.upperBound..<data.endIndex)
        else { return data }
        var out = data
        out.removeSubrange(start.lowerBound..<end.upperBound)
        return out
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes a: [String: String] = [:]) {
        text = ""
        switch name {
        case "OrgQuestion":
            let id = a["ORGQ_ID"] ?? ""
            if index[id] == nil {
                index[id] = questions.count
                questions.append(SemEvalQuestion(id: id))
            }
            current = id
        case "RelQuestion":
            var t = SemEvalThread(id: a["RELQ_ID"] ?? "")
            t.category = a["RELQ_CATEGORY"] ?? ""
            t.date = a["RELQ_DATE"].flatMap(Self.dateFormat.date(from:)) ?? Date(timeIntervalSince1970: 0)
            t.user = a["RELQ_USERNAME"] ?? ""
            let label = a["RELQ_RELEVANCE2ORGQ"] ?? ""
            t.relevant = label == "PerfectMatch" || label == "Relevant"
            t.searchRank = Int(a["RELQ_RANKING_ORDER"] ?? "") ?? 0
            thread = t
        case "RelComment":
            comment = (a["RELC_ID"] ?? "", a["RELC_DATE"].flatMap(Self.dateFormat.date(from:)) ?? Date(timeIntervalSince1970: 0),
                       a["RELC_USERNAME"] ?? "", "")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let id = current, let qi = index[id] else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "OrgQSubject": questions[qi].subject = value
        case "OrgQBody": questions[qi].body = value
        case "RelQSubject": thread?.subject = value
        case "RelQBody": thread?.body = value
        case "RelCText": comment?.text = value
        case "RelComment":
            if let c = comment { thread?.comments.append(c) }
            comment = nil
        case "Thread":
            if let t = thread { questions[qi].threads.append(t) }
            thread = nil
        default: break
        }
        text = ""
    }
}

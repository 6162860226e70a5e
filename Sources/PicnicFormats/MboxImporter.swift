import Foundation
import PicnicCore

/// Reads an mbox mailing-list archive: messages split on `From ` lines (`>From ` unquoted),
/// headers with folded lines and RFC 2047 encoded words, the text/plain part of multipart mail
/// (quoted-printable and base64 decoded), threads by In-Reply-To / References.
///
/// Each message is a post (source id = Message-ID); a reply's parent is its thread's first
/// message, found by following In-Reply-To and References within the archive.
public struct MboxImporter {
    public init() {}

    /// Reads the archive at `url`.
    public func read(_ url: URL) throws -> ImportBatch {
        try parse(FormatError.readFile(url), file: url.path,
                  space: url.deletingPathExtension().lastPathComponent)
    }

    struct Message {
        var id: String
        var parentCandidates: [String]
        var post: Post
        var line: Int
    }

    /// Parses mbox bytes; `space` is used when messages carry no List-Id.
    public func parse(_ data: Data, file: String, space: String) throws -> ImportBatch {
        var lines = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first(where: { !$0.isEmpty }), first.starts(with: Array("From ".utf8)) else {
            throw FormatError(SourceLocation(file: file, line: 1), "expected a 'From ' line starting the first message (not an mbox file)")
        }
        // Message boundaries: a From_ line at the start or after a blank line.
        var starts: [Int] = []
        for (i, l) in lines.enumerated() where l.starts(with: Array("From ".utf8)) {
            if i == 0 || lines[i - 1].isEmpty || lines[i - 1] == [0x0D] || starts.isEmpty { starts.append(i) }
        }
        let source = "mbox:" + space
        var messages: [Message] = []
        var seen = Set<String>()
        var skipped = 0
        for (k, s) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1] : lines.count
            var body = Array(lines[(s + 1)..<end])
            for j in body.indices where body[j].first == UInt8(ascii: ">") {
                let stripped = body[j].drop { $0 == UInt8(ascii: ">") }
                if stripped.starts(with: Array("From ".utf8)) { body[j].removeFirst() }
            }
            if body.last?.isEmpty == true { body.removeLast() }
            let (headers, text, bad) = MIME.split(body[...])
            if let bad, headers.fields.isEmpty || bad == 0 {
                throw FormatError(SourceLocation(file: file, line: s + 2 + bad),
                                  "expected a mail header like 'Subject: …'")
            }
            let fromLine = String(decoding: lines[s], as: UTF8.self)
            let message = makeMessage(headers, text, fromLine: fromLine, source: source, space: space, line: s + 1)
            guard seen.insert(message.id).inserted else { skipped += 1; continue }
            messages.append(message)
        }
        return thread(messages, source: source, skipped: skipped)
    }

    func makeMessage(_ h: MIME.Headers, _ body: ArraySlice<[UInt8]>, fromLine: String, source: String,
                     space: String, line: Int) -> Message {
        let subject = SafeText.line(MIME.decodeWords(h.first("subject") ?? ""))
        let text = SafeText.clean(MIME.text(headers: h, body: body) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let date = h.first("date").flatMap(Timestamps.rfc2822)
            ?? Timestamps.rfc2822(fromLine.split(separator: " ").dropFirst(2).joined(separator: " "))
            ?? Date(timeIntervalSince1970: 0)
        let messageIDs = Self.ids(h.first("message-id") ?? "")
        let id = messageIDs.first ?? "sha256:" + ContentHash.hex(Array((subject + "\u{1F}" + text + "\u{1F}\(date.timeIntervalSince1970)").utf8))
        var candidates = Self.ids(h.first("in-reply-to") ?? "")
        candidates += Self.ids(h.first("references") ?? "").reversed()
        var listSpace = space
        if let list = h.first("list-id") {
            let name = list.split(separator: "<").first.map { SafeText.line(MIME.decodeWords(String($0))) } ?? ""
            listSpace = name.isEmpty ? (Self.ids(list).first ?? space) : name.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        let post = Post(kind: .question, title: Self.stripReplyPrefixes(subject), body: text,
                        author: Self.author(MIME.decodeWords(h.first("from") ?? "")), space: listSpace,
                        created: date, source: source, sourceID: id)
        return Message(id: id, parentCandidates: candidates, post: post, line: line)
    }

    func thread(_ messages: [Message], source: String, skipped: Int) -> ImportBatch {
        var index: [String: Int] = [:]
        for (i, m) in messages.enumerated() { index[m.id] = i }
        var parent: [Int?] = messages.map { m in m.parentCandidates.lazy.compactMap { index[$0] }.first }
        // Break cycles, then follow each chain to its root.
        func root(_ i: Int) -> Int {
            var cur = i, steps = 0
            while let p = parent[cur], steps <= messages.count { cur = p; steps += 1 }
            return cur
        }
        for i in messages.indices where parent[i] != nil {
            var cur = parent[i], steps = 0
            while let c = cur, steps <= messages.count { if c == i { parent[i] = nil; break }; cur = parent[c]; steps += 1 }
        }
        let roots = messages.indices.map(root)
        let threadRoots = Set(messages.indices.filter { roots[$0] != $0 }.map { roots[$0] })
        var batch = ImportBatch(source: source, skipped: skipped)
        for (i, m) in messages.enumerated() {
            var post = m.post
            let r = roots[i]
            if r != i {
                post.kind = .answer
                post.title = messages[r].post.title
                batch.posts.append(ImportedPost(post: post, parentSourceID: messages[r].id))
            } else {
                if post.title.isEmpty { post.title = String(post.body.prefix(80)) }
                post.kind = threadRoots.contains(i) || post.title.contains("?") ? .question : .tip
                batch.posts.append(ImportedPost(post: post))
            }
        }
        batch.orderParentsFirst()
        return batch
    }

    /// The `<id>`s in a header, without angle brackets.
    static func ids(_ s: String) -> [String] {
        var out: [String] = []
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { out.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if out.isEmpty {
            let bare = s.trimmingCharacters(in: .whitespaces)
            if !bare.isEmpty, !bare.contains(" ") { out.append(bare) }
        }
        return out
    }

    /// "Re: Fwd: [list] Subject" → "[list] Subject" without the reply prefixes.
    static func stripReplyPrefixes(_ s: String) -> String {
        var t = Substring(s)
        while true {
            let lower = t.lowercased()
            if let p = ["re:", "fwd:", "fw:", "aw:", "sv:"].first(where: { lower.hasPrefix($0) }) {
                t = t.dropFirst(p.count).drop(while: { $0 == " " })
            } else { break }
        }
        return String(t)
    }

    /// `"Ann Example" <ann@example.org>` → `Ann Example`; a bare address stays.
    static func author(_ from: String) -> String {
        if let lt = from.firstIndex(of: "<") {
            let name = from[..<lt].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            if !name.isEmpty { return SafeText.line(name) }
            return SafeText.line(Self.ids(from).first ?? from)
        }
        if let paren = from.firstIndex(of: "("), let close = from.lastIndex(of: ")"), paren < close {
            return SafeText.line(String(from[from.index(after: paren)..<close]))
        }
        return SafeText.line(from)
    }
}

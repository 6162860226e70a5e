import Foundation
import PicnicCore

/// Reads a Stack Exchange data-dump `Posts.xml`: questions and their answers as threads.
///
/// Rows with `PostTypeId` 1 become questions, 2 answers (parent by `ParentId`, `accepted` when
/// the question's `AcceptedAnswerId` names them, title taken from the question); other post
/// types (tag wikis, …) are counted as skipped. Bodies are HTML turned into plain text.
public struct StackExchangeImporter {
    /// The site name, used as the space and in the source (`stackexchange:SITE`).
    public var site: String

    /// Where the site's posts live (`beer` → `beer.stackexchange.com`), for each post's link;
    /// nil when the name cannot be a host name.
    public var host: String?

    public init(site: String) {
        self.site = site
        host = Self.host(forSite: site)
    }

    /// The host of a site name as dumps and `siteName(for:)` give it: the sites with their own
    /// domain by name, every other `NAME` under `stackexchange.com` (`meta.NAME` under its meta).
    public static func host(forSite site: String) -> String? {
        let name = site.lowercased()
        guard !name.isEmpty, name != "stackexchange",
              name.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46 }) else { return nil }
        if name.contains(".com") || name.hasSuffix(".net") { return name }
        let ownDomains: [String: String] = [
            "stackoverflow": "stackoverflow.com", "superuser": "superuser.com", "serverfault": "serverfault.com",
            "askubuntu": "askubuntu.com", "mathoverflow": "mathoverflow.net", "stackapps": "stackapps.com",
        ]
        if let own = ownDomains[name] { return own }
        if name.hasPrefix("meta.") {
            let main = String(name.dropFirst(5))
            if let own = ownDomains[main] { return "meta." + own }
            return main + ".meta.stackexchange.com"
        }
        return name + ".stackexchange.com"
    }

    /// The short link of a post: `https://HOST/q/ID` for a question, `/a/ID` for an answer.
    func link(_ id: String, question: Bool) -> String? {
        guard let host, !id.isEmpty, id.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return "https://" + host + (question ? "/q/" : "/a/") + id
    }

    /// The site name a dump file suggests: `beer.stackexchange.Posts.xml` → `beer`,
    /// `dumps/beer/Posts.xml` → `beer`.
    public static func siteName(for url: URL) -> String {
        let name = url.lastPathComponent
        var stem = name
        for suffix in ["Posts.xml", ".xml"] where stem.hasSuffix(suffix) { stem = String(stem.dropLast(suffix.count)); break }
        stem = stem.trimmingCharacters(in: CharacterSet(charactersIn: ".-_"))
        for suffix in [".stackexchange.com", ".stackexchange", ".com"] where stem.hasSuffix(suffix) {
            stem = String(stem.dropLast(suffix.count))
        }
        if stem.isEmpty { stem = url.deletingLastPathComponent().lastPathComponent }
        return stem.isEmpty ? "stackexchange" : stem
    }

    /// Parses the file at `url`.
    public func read(_ url: URL) throws -> ImportBatch {
        try parse(FormatError.readFile(url), file: url.path)
    }

    /// Parses dump bytes; `file` names the input in errors; `progress(bytesRead, totalBytes)`
    /// is called every few thousand rows. A big dump is read in two halves at once (two cores).
    public func parse(_ data: Data, file: String, progress: ((Int, Int) -> Void)? = nil) throws -> ImportBatch {
        try parse(data, file: file, splitAbove: 1 << 20, progress: progress)
    }

    /// `parse`, reading in two halves when the dump has more than `splitAbove` bytes.
    func parse(_ data: Data, file: String, splitAbove: Int, progress: ((Int, Int) -> Void)?) throws -> ImportBatch {
        let xml = try XMLTokenizer(data: data, file: file)
        let parts = try data.count > splitAbove ? readInHalves(xml, total: data.count, progress: progress)
                                                : [readRows(xml, rootSeen: false) { progress?($0, data.count) }]
        var batch = ImportBatch(source: "stackexchange:\(site)")
        var questions: [String: Int] = [:] // source id -> index in batch.posts
        var acceptedIDs = Set<String>()
        for part in parts {
            for (sid, i) in part.questions { questions[sid] = batch.posts.count + i }
            batch.posts += part.posts
            acceptedIDs.formUnion(part.acceptedIDs)
            batch.skipped += part.skipped
        }
        for i in batch.posts.indices where batch.posts[i].post.kind == .answer {
            if acceptedIDs.contains(batch.posts[i].sourceID) { batch.posts[i].post.accepted = true }
            if let q = questions[batch.posts[i].parentSourceID ?? ""] {
                batch.posts[i].post.title = batch.posts[q].post.title
                batch.posts[i].post.tags = batch.posts[q].post.tags
            }
        }
        batch.orderParentsFirst()
        return batch
    }

    /// What one reader found: posts in file order, before answers get their question's title.
    struct Rows {
        var posts: [ImportedPost] = []
        var questions: [String: Int] = [:] // source id -> index in posts
        var acceptedIDs = Set<String>()
        var skipped = 0
    }

    /// Reads `<row>` elements until the reader ends (`rootSeen`: it starts inside `<posts>`).
    /// `progress(offset)` is called every few thousand rows.
    func readRows(_ xml: XMLTokenizer, rootSeen: Bool, progress: (Int) -> Void) throws -> Rows {
        let source = "stackexchange:\(site)"
        var out = Rows()
        var rootSeen = rootSeen
        var rows = 0
        while let event = try xml.next() {
            guard case .start(let name, let attributes) = event else { continue }
            if !rootSeen {
                guard name == "posts" else { throw xml.error("expected <posts> as the root element, found <\(name)>") }
                rootSeen = true
                continue
            }
            guard name == "row" else { try xml.skipElement(); continue }
            rows += 1
            if rows % 4096 == 0 { progress(xml.offset) }
            let at = xml.offset
            var a = RowAttributes()
            for attr in attributes { a.set(attr.name, attr.value) }
            guard let id = a.id, !id.isEmpty else { throw xml.error("row without an Id attribute", at: at) }
            let type = a.postTypeId ?? ""
            guard type == "1" || type == "2" else { out.skipped += 1; continue }
            guard let created = Timestamps.iso8601(a.creationDate ?? "") else {
                throw xml.error("row \(id): expected CreationDate like 2014-01-21T20:26:05.383", at: at)
            }
            let author = SafeText.line(a.ownerDisplayName ?? a.ownerUserId.map { "user \($0)" } ?? "")
            var post = Post(kind: type == "1" ? .question : .answer,
                            title: SafeText.line(a.title ?? ""),
                            body: HTMLText.plainText(a.body ?? ""),
                            tags: Self.tags(a.tags ?? ""), author: author, space: site, created: created,
                            votes: Int(a.score ?? "") ?? 0, url: link(id, question: type == "1"), source: source, sourceID: id)
            if type == "1" {
                if let acc = a.acceptedAnswerId { out.acceptedIDs.insert(acc) }
                out.questions[id] = out.posts.count
                out.posts.append(ImportedPost(post: post))
            } else {
                guard let parent = a.parentId, !parent.isEmpty else {
                    throw xml.error("answer \(id): expected a ParentId attribute", at: at)
                }
                post.title = ""
                out.posts.append(ImportedPost(post: post, parentSourceID: parent))
            }
        }
        return out
    }

    /// Tags in either dump form: `<a><b>` or `|a|b|`.
    public static func tags(_ s: String) -> [String] {
        guard !s.isEmpty else { return [] }
        if s.utf8.allSatisfy({ $0 < 0x80 }) { // on bytes: the same split for ASCII, no Characters
            let pipe = s.utf8.first == UInt8(ascii: "|")
            return s.utf8.split(whereSeparator: { pipe ? $0 == UInt8(ascii: "|") : ($0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")) })
                .map { SafeText.line(String(decoding: $0, as: UTF8.self)) }.filter { !$0.isEmpty }
        }
        let separators: Set<Character> = s.first == "|" ? ["|"] : ["<", ">"]
        return s.split(whereSeparator: { separators.contains($0) })
            .map { SafeText.line(String($0)) }.filter { !$0.isEmpty }
    }
}

/// The attributes of a dump row that Picnic reads.
private struct RowAttributes {
    var id, postTypeId, parentId, acceptedAnswerId, creationDate, score: String?
    var body, title, tags, ownerUserId, ownerDisplayName: String?

    mutating func set(_ name: String, _ value: String) {
        switch name {
        case "Id": id = value
        case "PostTypeId": postTypeId = value
        case "ParentId": parentId = value
        case "AcceptedAnswerId": acceptedAnswerId = value
        case "CreationDate": creationDate = value
        case "Score": score = value
        case "Body": body = value
        case "Title": title = value
        case "Tags": tags = value
        case "OwnerUserId": ownerUserId = value
        case "OwnerDisplayName": ownerDisplayName = value
        default: break
        }
    }
}

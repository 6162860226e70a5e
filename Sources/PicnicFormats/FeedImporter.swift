import Foundation
import PicnicCore
import ProcessSpawn

/// Reads RSS 2.0, Atom 1.0 / 0.3 and RSS 1.0 (RDF) feeds into `link` posts.
///
/// Each item becomes a post: title, body (HTML content or summary as plain text), link as url,
/// author, categories as tags, date. The source is `feed:` plus the feed's address; the source
/// id is the item's guid / Atom id, else its link, else a hash of title and date.
public struct FeedImporter {
    public init() {}

    /// Reads a feed from a file.
    public func read(_ url: URL) throws -> ImportBatch {
        let data = try FormatError.readFile(url)
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
        return try parse(data, file: url.path, address: url.path, fallbackDate: modified)
    }

    /// Fetches and reads a feed over http(s) (20 s timeout, 20 MB at most).
    public func fetch(_ address: URL) throws -> ImportBatch {
        guard let scheme = address.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw PicnicError.usage("\(address): only http and https feed addresses are fetched")
        }
        let data = try Self.download(address)
        return try parse(data, file: address.absoluteString, address: address.absoluteString, fallbackDate: Date())
    }

    static func download(_ address: URL) throws -> Data {
        // curl as a process, not URLSession: FoundationNetworking links libcurl and ~30 more
        // libraries into every picnic process, about 11 ms at each start of every command.
        let argv = ["curl", "--fail", "--silent", "--show-error", "--location", "--max-time", "20",
                    "--max-filesize", "\(20 << 20)", "--proto", "=http,https", "--user-agent", "picnic (feed import)",
                    address.absoluteString]
        let run: ChildProcess.Result
        do {
            run = try ChildProcess.run(argv, ChildProcess.Options(stdout: .capture, stderr: .capture, searchPath: true))
        } catch {
            let reason = (error as? ChildProcess.StartError).map { String(cString: strerror($0.code)) } ?? "\(error)"
            throw PicnicError.io("\(address): cannot run curl to fetch it (\(reason))")
        }
        guard run.status == 0 else {
            let line = run.stderrText.split(separator: "\n").first.map(String.init) ?? "curl exited with \(run.status)"
            throw PicnicError.io("\(address): \(line)")
        }
        let data = Data(run.stdout)
        guard data.count <= 20 << 20 else { throw PicnicError.io("\(address): feed larger than 20 MB") }
        return data
    }

    /// Parses feed bytes. `address` names the feed in the source; `fallbackDate` dates undated items.
    public func parse(_ data: Data, file: String, address: String, fallbackDate: Date) throws -> ImportBatch {
        let root = try XMLNode.parse(data, file: file)
        let items: [XMLNode]
        let channelTitle: String
        var feedDate: Date?
        switch root.localName {
        case "rss":
            guard let channel = root.child("channel") else {
                throw FormatError(SourceLocation(file: file), "RSS without a <channel> (expected <rss><channel>…)")
            }
            items = channel.children("item")
            channelTitle = channel.childText("title") ?? ""
            feedDate = (channel.childText("lastBuildDate") ?? channel.childText("pubDate")).flatMap(Timestamps.feedDate)
        case "feed":
            items = root.children("entry")
            channelTitle = root.childText("title") ?? ""
            feedDate = (root.childText("updated") ?? root.childText("modified")).flatMap(Timestamps.feedDate)
        case "RDF":
            items = root.children("item")
            channelTitle = root.child("channel")?.childText("title") ?? ""
            feedDate = root.child("channel")?.childText("date").flatMap(Timestamps.feedDate)
        default:
            throw FormatError(SourceLocation(file: file),
                              "unknown feed root <\(root.name)> (expected <rss>, <feed> or <rdf:RDF>)")
        }
        let space = SafeText.line(HTMLText.plainText(channelTitle))
        var batch = ImportBatch(source: "feed:" + address)
        var seen = Set<String>()
        for item in items {
            var post = root.localName == "feed" ? atomPost(item) : rssPost(item)
            post.space = space
            post.created = post.created == .distantPast ? (feedDate ?? fallbackDate) : post.created
            let id = post.sourceID ?? post.url ?? ContentHash.hex(Array((post.title + "\u{1F}" + post.body).utf8))
            guard seen.insert(id).inserted else { batch.skipped += 1; continue }
            post.sourceID = id
            post.source = batch.source
            if post.title.isEmpty { post.title = String(post.body.prefix(80)) }
            batch.posts.append(ImportedPost(post: post))
        }
        return batch
    }

    func rssPost(_ item: XMLNode) -> Post {
        let html = item.childText("encoded") ?? item.childText("description") ?? ""
        let date = (item.childText("pubDate") ?? item.childText("date")).flatMap(Timestamps.feedDate)
        let author = item.childText("creator") ?? item.childText("author") ?? ""
        let tags = (item.children("category") + item.children("subject")).map { SafeText.line($0.text) }.filter { !$0.isEmpty }
        let link = item.childText("link") ?? item.attribute("rdf:about")
        return Post(kind: .link, title: SafeText.line(HTMLText.plainText(item.childText("title") ?? "")),
                    body: HTMLText.plainText(html), tags: unique(tags), author: SafeText.line(author),
                    created: date ?? .distantPast, url: link.map(SafeText.line), sourceID: item.childText("guid") ?? link)
    }

    func atomPost(_ entry: XMLNode) -> Post {
        let links = entry.children("link")
        let link = (links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first)?.attribute("href")
        let content = entry.child("content") ?? entry.child("summary")
        let raw = content?.text ?? ""
        let type = content?.attribute("type") ?? "text"
        let body = (type == "text" || type == "text/plain") ? SafeText.clean(raw).trimmingCharacters(in: .whitespacesAndNewlines)
                                                            : HTMLText.plainText(raw)
        let dateText = entry.childText("published") ?? entry.childText("updated") ?? entry.childText("issued")
            ?? entry.childText("modified") ?? entry.childText("created")
        let author = entry.child("author")?.childText("name") ?? ""
        let tags = entry.children("category").compactMap { $0.attribute("term") ?? $0.attribute("label") }
        return Post(kind: .link, title: SafeText.line(HTMLText.plainText(entry.childText("title") ?? "")), body: body,
                    tags: unique(tags.map(SafeText.line)), author: SafeText.line(author),
                    created: dateText.flatMap(Timestamps.feedDate) ?? .distantPast,
                    url: link.map(SafeText.line), sourceID: entry.childText("id") ?? link)
    }

    func unique(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

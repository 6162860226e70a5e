import Foundation
import PicnicCore

/// Reads a Slack workspace export (a folder or its .zip): channels become spaces, messages become
/// posts, replies join their thread by `thread_ts`, user ids become names (`users.json`) and
/// `<@U123>` mentions, `<#C1|name>` channel links and `<url|label>` links turn into plain text.
/// Joins, leaves and other housekeeping subtypes are counted as skipped. Titles and kinds come
/// from the text as people read it (`SlackImporter+Title.swift`): a thread with replies is a
/// question with answers.
public struct SlackImporter {
    public init() {}

    static let housekeeping: Set<String> = ["channel_join", "channel_leave", "channel_topic", "channel_purpose",
                                            "channel_name", "channel_archive", "channel_unarchive", "group_join",
                                            "group_leave", "group_topic", "group_purpose", "group_name", "pinned_item",
                                            "unpinned_item", "bot_add", "bot_remove"]

    /// Reads the export at `url` (a folder or a .zip file).
    public func read(_ url: URL) throws -> ImportBatch {
        let tree = try FileTree.open(url)
        let root = tree.prefix
        let file = url.path
        guard tree.paths.contains(root + "channels.json") || tree.paths.contains(root + "users.json") else {
            throw FormatError(SourceLocation(file: file), "no channels.json or users.json (expected a Slack export)")
        }
        var users: [String: String] = [:]
        if tree.paths.contains(root + "users.json") {
            let path = file + "/" + root + "users.json"
            guard case .array(let list) = try JSONText.parse(tree.data(root + "users.json"), file: path) else {
                throw FormatError(SourceLocation(file: path, line: 1), "expected an array of users")
            }
            for case .object(let u) in list {
                guard let id = u["id"]?.stringValue else { continue }
                var profile: [String: JSONValue] = [:]
                if case .object(let p)? = u["profile"] { profile = p }
                let name = [u["real_name"]?.stringValue, profile["real_name"]?.stringValue,
                            profile["display_name"]?.stringValue, u["name"]?.stringValue]
                    .compactMap { $0 }.first { !$0.isEmpty } ?? id
                users[id] = SafeText.line(name)
            }
        }
        var channelNames: [String: String] = [:] // folder -> channel name
        var channelIDs: [String: String] = [:]   // id -> name
        for list in ["channels.json", "groups.json", "mpims.json", "dms.json"] where tree.paths.contains(root + list) {
            let path = file + "/" + root + list
            guard case .array(let items) = try JSONText.parse(tree.data(root + list), file: path) else {
                throw FormatError(SourceLocation(file: path, line: 1), "expected an array of channels")
            }
            for case .object(let c) in items {
                guard let name = c["name"]?.stringValue ?? c["id"]?.stringValue else { continue }
                channelNames[name] = name
                if let id = c["id"]?.stringValue { channelIDs[id] = name }
            }
        }
        let source = "slack:" + tree.name
        var batch = ImportBatch(source: source)
        var threads: [String: Int] = [:] // root source id -> index
        let dayFiles = tree.paths.filter {
            let rel = $0.dropFirst(root.count)
            return rel.contains("/") && rel.hasSuffix(".json") && !rel.hasPrefix("__MACOSX")
        }
        for path in dayFiles {
            let rel = path.dropFirst(root.count)
            let folder = String(rel[..<rel.firstIndex(of: "/")!])
            let space = channelNames[folder] ?? folder
            let full = file + "/" + path
            guard case .array(let messages) = try JSONText.parse(tree.data(path), file: full) else {
                throw FormatError(SourceLocation(file: full, line: 1), "expected an array of messages")
            }
            let lines = (try? FormatError.utf8Text(tree.data(path), file: full)).map(JSONText.objectLines) ?? []
            for (index, value) in messages.enumerated() {
                let loc = SourceLocation(file: full, line: index < lines.count ? lines[index] : 1)
                guard case .object(let m) = value else { throw FormatError(loc, "expected a message object") }
                if let sub = m["subtype"]?.stringValue, Self.housekeeping.contains(sub) { batch.skipped += 1; continue }
                guard let ts = m["ts"]?.stringValue, let seconds = Double(ts) else {
                    throw FormatError(loc, "message without a \"ts\" (expected a Slack timestamp like 1454884927.000002)")
                }
                let text = Self.messageText(m, users: users, channels: channelIDs)
                if text.isEmpty { batch.skipped += 1; continue }
                let author = m["user"]?.stringValue.flatMap { users[$0] ?? $0 }
                    ?? m["username"]?.stringValue ?? m["bot_id"]?.stringValue ?? ""
                let id = folder + "/" + ts
                let threadTS = m["thread_ts"]?.stringValue
                let parent = threadTS.flatMap { $0 == ts ? nil : folder + "/" + $0 }
                // Title and kind come from what the person wrote, not from link previews.
                let own = m["text"]?.stringValue.map { SafeText.clean(Self.resolve($0, users: users, channels: channelIDs)) } ?? ""
                let said = own.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? text : own
                let bot = m["subtype"]?.stringValue == "bot_message" || m["bot_id"] != nil
                let kind: PostKind = parent != nil ? .answer : bot && Self.link(in: text) != nil ? .link : Self.kind(for: said)
                var post = Post(kind: kind, title: Self.title(for: said, author: SafeText.line(author)),
                                body: text, author: SafeText.line(author), space: space,
                                created: Date(timeIntervalSince1970: seconds),
                                url: kind == .link ? Self.link(in: text) : nil, source: source, sourceID: id)
                if parent != nil { post.title = "" }
                if parent == nil { threads[id] = batch.posts.count }
                batch.posts.append(ImportedPost(post: post, parentSourceID: parent))
            }
        }
        // Replies take their thread's title; a root with replies is a question.
        for i in batch.posts.indices {
            guard let p = batch.posts[i].parentSourceID else { continue }
            if let r = threads[p] {
                batch.posts[i].post.title = batch.posts[r].post.title
                if batch.posts[r].post.kind != .question {
                    batch.posts[r].post.kind = .question
                    batch.posts[r].post.url = nil
                }
            } else {
                batch.posts[i].post.title = String(batch.posts[i].post.body.prefix(80))
            }
        }
        batch.orderParentsFirst()
        return batch
    }

    /// A message's text (and its attachments'), with Slack markup resolved to plain text.
    static func messageText(_ m: [String: JSONValue], users: [String: String], channels: [String: String]) -> String {
        var parts: [String] = []
        if let t = m["text"]?.stringValue, !t.isEmpty { parts.append(t) }
        if case .array(let attachments)? = m["attachments"] {
            for case .object(let a) in attachments {
                let t = [a["pretext"]?.stringValue, a["title"]?.stringValue, a["text"]?.stringValue]
                    .compactMap { $0 }.filter { !$0.isEmpty }
                if !t.isEmpty { parts.append(t.joined(separator: "\n")) }
                else if let f = a["fallback"]?.stringValue, !f.isEmpty { parts.append(f) }
            }
        }
        return SafeText.clean(resolve(parts.joined(separator: "\n"), users: users, channels: channels))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Resolves `<@U1>`, `<@U1|name>`, `<#C1|name>`, `<!here>`, `<url|label>` and the three entities.
    static func resolve(_ text: String, users: [String: String], channels: [String: String]) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else { out += rest[open...]; rest = ""; break }
            let inner = rest[rest.index(after: open)..<close]
            let bar = inner.firstIndex(of: "|")
            let target = bar.map { inner[..<$0] } ?? inner
            let label = bar.map { String(inner[inner.index(after: $0)...]) }
            if target.hasPrefix("@") {
                let id = String(target.dropFirst())
                out += "@" + (users[id] ?? label ?? id)
            } else if target.hasPrefix("#") {
                let id = String(target.dropFirst())
                out += "#" + (label ?? channels[id] ?? id)
            } else if target.hasPrefix("!") {
                out += "@" + (label ?? String(target.dropFirst()).split(separator: "^").first.map(String.init) ?? "")
            } else if let label, label != String(target) {
                out += label + " (" + target + ")"
            } else {
                out += target
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

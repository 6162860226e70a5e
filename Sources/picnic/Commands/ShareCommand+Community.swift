import Foundation
import PicnicCore
import PicnicFormats
import PicnicStore

extension ShareCommand {
    /// Shares the files with a community: each is kept here by content hash (as a local share),
    /// becomes a `file` post there, and its bytes are uploaded by that hash from the outbox.
    func shareToCommunity(_ community: Community, _ db: AppDatabase) throws {
        let store = URL(fileURLWithPath: Global.resolvedDatabasePath).deletingLastPathComponent().appendingPathComponent("files")
        for path in files {
            let url = URL(fileURLWithPath: path)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else { throw PicnicError.io("\(path): no such file") }
            guard !isDir.boolValue else { throw PicnicError.usage("\(path): is a folder (share files, or import docs FOLDER)") }
            let hash: String
            do { hash = try ContentHash.hex(fileAt: url) } catch { throw PicnicError.io("\(path): cannot read the file") }
            let kept = store.appendingPathComponent(hash)
            try Self.keep(url, at: kept)
            let local = try Self.post(for: url, hash: hash, keptAt: kept, title: title, description: description, tags: tags, space: space)
            let size = Int64((try? FileManager.default.attributesOfItem(atPath: kept.path)[.size] as? NSNumber)??.int64Value ?? 0)
            let file = SyncedFile(sha256: hash, name: url.lastPathComponent, size: size, mime: Self.mime(url.pathExtension))
            if let existing = try db.communityFilePost(community: community.id, sha256: hash) {
                print("\(existing)\t\(PostOutput.safe(url.lastPathComponent, max: 120))\t(already shared)")
                continue
            }
            let draft = CommunityDraft(kind: .file, title: local.title, body: Self.fitted(local.body, bytes: 65_536), tags: local.tags,
                                       space: space.isEmpty ? nil : space, file: file, filePath: kept.path)
            let saved = try db.shareToCommunity(draft, community: community.id)
            print("\(saved.id)\t\(PostOutput.safe(url.lastPathComponent, max: 120))")
        }
        SyncHelper.sendNow(community)
    }

    /// Text cut to the API's body limit at a character boundary.
    static func fitted(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var out = ""
        var used = 0
        for c in text {
            let n = c.utf8.count
            if used + n > bytes { break }
            out.append(c)
            used += n
        }
        return out
    }

    /// A MIME type for common extensions; `application/octet-stream` otherwise.
    static func mime(_ ext: String) -> String {
        switch ext.lowercased() {
        case "txt", "log": "text/plain"
        case "md", "markdown": "text/markdown"
        case "json": "application/json"
        case "pdf": "application/pdf"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "svg": "image/svg+xml"
        case "html", "htm": "text/html"
        case "csv": "text/csv"
        case "yaml", "yml": "application/yaml"
        case "zip": "application/zip"
        case "gz", "tgz": "application/gzip"
        case "sh": "text/x-shellscript"
        default: "application/octet-stream"
        }
    }
}

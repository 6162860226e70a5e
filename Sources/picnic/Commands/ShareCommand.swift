import ArgumentParser
import Foundation
import PicnicCore
import PicnicFormats
import PicnicStore

/// `picnic share FILE…`: each file becomes a `file` post, kept in Picnic's data folder by content hash.
struct ShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Share files: each becomes a post, its text indexed, the file kept by content hash.",
        discussion: """
        The file is copied to files/<sha256> beside the database; sharing the same content again \
        updates the one post instead of adding another. Once a community is joined, each file becomes \
        a post there and its bytes are uploaded by their hash (--local keeps them here). Text files (UTF-8, up to 1 MB indexed) are \
        searchable by their content; other files by name, title and description. Prints each post's id.
        """)

    @Argument(help: "The files to share.")
    var files: [String]

    @Option(name: .long, help: "The space (community) or channel (local) to share in.")
    var space: String = ""

    @Option(name: .long, help: "The community to share with, when several are joined.")
    var community: String?

    @Flag(name: .long, help: "Keep the files on this machine, even with a community joined.")
    var local = false

    @Option(name: .long, parsing: .upToNextOption, help: "Tags (comma-separated or several).")
    var tags: [String] = []

    @Option(name: .long, help: "A title (default: the file name; only with one file).")
    var title: String?

    @Option(name: .long, help: "What the file is, for people and for search.")
    var description: String = ""

    /// Text beyond this many bytes is not indexed.
    static let maxIndexedBytes = 1 << 20

    func run() throws {
        guard !files.isEmpty else { throw PicnicError.usage("share needs at least one file") }
        if title != nil, files.count > 1 { throw PicnicError.usage("--title names one file; share several without it") }
        let db = try Global.openDatabase()
        if !local, let joined = try CommunityChoice.pickIfAny(db, community) {
            try shareToCommunity(joined, db)
            return
        }
        let dbPath = Global.resolvedDatabasePath
        let store = URL(fileURLWithPath: dbPath).deletingLastPathComponent().appendingPathComponent("files")
        let shared = try db.postIDs(source: "share")
        var items: [PostImport] = []
        var names: [(String, String)] = []
        for path in files {
            let url = URL(fileURLWithPath: path)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else { throw PicnicError.io("\(path): no such file") }
            guard !isDir.boolValue else { throw PicnicError.usage("\(path): is a folder (share files, or import docs FOLDER)") }
            let hash: String
            do { hash = try ContentHash.hex(fileAt: url) } catch { throw PicnicError.io("\(path): cannot read the file") }
            let kept = store.appendingPathComponent(hash)
            try Self.keep(url, at: kept)
            var post = try Self.post(for: url, hash: hash, keptAt: kept, title: title, description: description,
                                     tags: tags, space: space)
            // Sharing again only changes what this run names; the rest stays as first shared.
            if let id = shared[hash], let old = try db.post(id: id) {
                if title == nil { post.title = old.title }
                if tags.isEmpty { post.tags = old.tags }
                if space.isEmpty { post.space = old.space }
                if description.isEmpty { post.body = old.body }
                post.created = old.created
                post.author = old.author
            }
            items.append(PostImport(post, parentSourceID: nil))
            names.append((hash, url.lastPathComponent))
        }
        let result = try db.importSource("share", items, removeMissing: false)
        for (hash, name) in names {
            if let id = result.ids[hash] { print("\(id)\t\(PostOutput.safe(name, max: 120))") }
        }
        Global.note("Shared \(names.count) file\(names.count == 1 ? "" : "s"): \(result.added) added, \(result.updated) updated, \(result.skipped) unchanged")
    }

    /// Copies the file into the content-addressed store (atomically; an existing copy is kept).
    static func keep(_ url: URL, at kept: URL) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: kept.path) { return }
        do {
            try fm.createDirectory(at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temp = kept.deletingLastPathComponent().appendingPathComponent(".\(kept.lastPathComponent).\(getpid()).tmp")
            try? fm.removeItem(at: temp)
            try fm.copyItem(at: url, to: temp)
            if rename(temp.path, kept.path) != 0 { try? fm.removeItem(at: temp); throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw PicnicError.io("\(kept.path): cannot store the shared file")
        }
    }

    static func post(for url: URL, hash: String, keptAt kept: URL, title: String?, description: String,
                     tags: [String], space: String) throws -> Post {
        let name = url.lastPathComponent
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        var body = SafeText.clean(description)
        if let text = try textContent(url, size: size) {
            body += (body.isEmpty ? "" : "\n\n") + text
        } else {
            body += (body.isEmpty ? "" : "\n\n") + "\(name) (\(url.pathExtension.isEmpty ? "binary" : url.pathExtension.lowercased()) file, \(size) bytes)"
        }
        return Post(kind: .file, title: SafeText.line(title ?? name), body: body, tags: tags,
                    author: ProcessInfo.processInfo.environment["USER"] ?? "", space: space,
                    created: (attributes?[.modificationDate] as? Date) ?? Date(), url: kept.path,
                    source: "share", sourceID: hash)
    }

    /// The file's text when it is UTF-8 text without NUL bytes (the first megabyte), else nil.
    static func textContent(_ url: URL, size: Int) throws -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw PicnicError.io("\(url.path): cannot read the file") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxIndexedBytes)) ?? Data()
        if data.isEmpty { return size == 0 ? "" : nil }
        guard !data.prefix(8192).contains(0) else { return nil }
        var bytes = [UInt8](data)
        // A cut in the middle of a character at the 1 MB limit is not a reason to call it binary.
        if size > maxIndexedBytes { while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }; if let last = bytes.last, last >= 0xC0 { bytes.removeLast() } }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return SafeText.clean(text)
    }
}

import Foundation
import PicnicCore

/// Reads a folder of Markdown and text documents: one `doc` post per file.
///
/// The title is the first Markdown heading (ATX `# …` or setext) or else the file name; the
/// source id is the path relative to the folder; the batch is complete, so a re-import removes
/// posts whose files are gone, and a content hash tells changed files from unchanged ones.
public struct DocsImporter {
    /// File extensions read as documents.
    public static let extensions: Set<String> = ["md", "markdown", "mdown", "mkd", "txt", "text", "rst", "adoc", "org"]
    /// Larger files are skipped.
    public static let maxFileBytes = 8 << 20

    public init() {}

    /// The source name of a folder: `docs:` plus its absolute path.
    public static func source(for folder: URL) -> String {
        "docs:" + folder.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Reads every document under `folder` (hidden files and folders are ignored).
    public func read(_ folder: URL) throws -> ImportBatch {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) else {
            throw PicnicError.io("\(folder.path): no such folder")
        }
        guard isDir.boolValue else { throw PicnicError.usage("\(folder.path): not a folder (docs imports a folder of documents)") }
        let base = folder.standardizedFileURL.resolvingSymlinksInPath()
        let space = base.lastPathComponent
        var batch = ImportBatch(source: Self.source(for: folder), isComplete: true)
        let keys: [URLResourceKey] = [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey]
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: keys,
                                                          options: [.skipsHiddenFiles]) else {
            throw PicnicError.io("\(folder.path): cannot list the folder")
        }
        var files: [(String, URL, Date, Int)] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: Set(keys))
            guard values?.isRegularFile == true else { continue }
            let rel = String(url.standardizedFileURL.resolvingSymlinksInPath().path.dropFirst(base.path.count + 1))
            guard Self.extensions.contains(url.pathExtension.lowercased()) else { batch.skipped += 1; continue }
            files.append((rel, url, values?.contentModificationDate ?? Date(timeIntervalSince1970: 0), values?.fileSize ?? 0))
        }
        for (rel, url, modified, size) in files.sorted(by: { $0.0 < $1.0 }) {
            guard size <= Self.maxFileBytes else { batch.skipped += 1; continue }
            let data = try FormatError.readFile(url)
            let text = SafeText.clean(try FormatError.utf8Text(data, file: url.path))
            let title = Self.title(text) ?? url.deletingPathExtension().lastPathComponent
            let post = Post(kind: .doc, title: SafeText.line(title), body: text, space: space, created: modified,
                            url: url.path, source: batch.source, sourceID: rel)
            batch.posts.append(ImportedPost(post: post, contentHash: ContentHash.hex(data)))
        }
        return batch
    }

    /// The first heading of a Markdown text (skipping YAML front matter's `title:` if present).
    static func title(_ text: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(200).map { $0.trimmingCharacters(in: .whitespaces) }
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") {
            if let t = lines[1..<end].first(where: { $0.hasPrefix("title:") }) {
                let v = t.dropFirst(6).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
                if !v.isEmpty { return v }
            }
            lines = Array(lines[(end + 1)...])
        }
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("#") {
                let t = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                let clean = t.hasSuffix("#") ? t.trimmingCharacters(in: CharacterSet(charactersIn: "# ")) : t
                if !clean.isEmpty { return clean }
            }
            if i + 1 < lines.count, !line.isEmpty, let next = lines[i + 1].first, next == "=" || next == "-",
               lines[i + 1].allSatisfy({ $0 == next }), lines[i + 1].count >= 2 {
                return line
            }
        }
        return nil
    }
}

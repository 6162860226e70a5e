import Foundation
import PicnicCore
import ZIPFoundation

/// The files of a folder or a .zip archive, by relative path, read on demand.
struct FileTree {
    let name: String
    let paths: [String]
    private let load: (String) throws -> Data

    /// Largest total of uncompressed bytes read from one archive (a guard against zip bombs).
    static let maxArchiveBytes: UInt64 = 1 << 30

    static func open(_ url: URL) throws -> FileTree {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw PicnicError.io("\(url.path): no such file or folder")
        }
        if isDir.boolValue {
            let base = url.standardizedFileURL.path
            var paths: [String] = []
            if let e = FileManager.default.enumerator(atPath: base) {
                for case let p as String in e {
                    var d: ObjCBool = false
                    if FileManager.default.fileExists(atPath: base + "/" + p, isDirectory: &d), !d.boolValue { paths.append(p) }
                }
            }
            return FileTree(name: url.lastPathComponent, paths: paths.sorted()) { rel in
                try FormatError.readFile(URL(fileURLWithPath: base + "/" + rel))
            }
        }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw FormatError(SourceLocation(file: url.path, offset: 0), "not a readable zip archive (expected a folder or a .zip)")
        }
        var entries: [String: Entry] = [:]
        var total: UInt64 = 0
        for entry in archive where entry.type == .file {
            total += entry.uncompressedSize
            guard total <= maxArchiveBytes else {
                throw FormatError(SourceLocation(file: url.path, offset: 0), "archive expands beyond 1 GB (refused)")
            }
            entries[entry.path] = entry
        }
        let stem = url.deletingPathExtension().lastPathComponent
        return FileTree(name: stem, paths: entries.keys.sorted()) { rel in
            guard let entry = entries[rel] else { throw PicnicError.io("\(url.path): no entry \(rel)") }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    if data.count > Int(entry.uncompressedSize) + 1024 { throw CocoaError(.fileReadTooLarge) }
                }
            } catch {
                throw FormatError(SourceLocation(file: url.path + "/" + rel, offset: data.count), "damaged zip entry (\(error))")
            }
            return data
        }
    }

    init(name: String, paths: [String], load: @escaping (String) throws -> Data) {
        self.name = name
        self.paths = paths
        self.load = load
    }

    func data(_ path: String) throws -> Data { try load(path) }

    /// The common top folder of every path, when the archive wraps everything in one ("export/").
    var prefix: String {
        guard let first = paths.first, let slash = first.firstIndex(of: "/") else { return "" }
        let p = String(first[...slash])
        return paths.allSatisfy { $0.hasPrefix(p) } ? p : ""
    }
}

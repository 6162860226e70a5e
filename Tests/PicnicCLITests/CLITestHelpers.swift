import Foundation
import TestSupport

/// A test's own database path, in its own temp folder.
func freshDB(_ label: String = "cli") -> URL {
    TestSupport.makeTempDirectory(label).appendingPathComponent("picnic.sqlite")
}

/// Parses `picnic list --json` / `export json` output.
func jsonArray(_ text: String) throws -> [[String: Any]] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
}

/// The bytes of the database file and its WAL, to prove a failed command changed nothing.
func fileContents(_ db: URL) -> [Data?] {
    [db.path, db.path + "-wal"].map { FileManager.default.contents(atPath: $0) }
}

import Foundation
import PicnicCore

/// `$VISUAL`/`$EDITOR` (default `vi`) on a temporary file, for the command line.
enum Editor {
    /// The edited text (an editor's final newline kept as typed).
    static func edit(_ text: String, name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let editor = OutsideWorld.words(environment["VISUAL"] ?? environment["EDITOR"] ?? "vi")
        guard !editor.isEmpty else { throw PicnicError.config("$EDITOR is empty") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-edit-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).md")
        try Data(text.utf8).write(to: file)
        let status = try OutsideWorld.runWaiting(editor + [file.path], environment: environment)
        guard status == 0 else { throw PicnicError.io("\(editor.joined(separator: " ")) exited with status \(status); nothing sent") }
        guard let data = FileManager.default.contents(atPath: file.path), let edited = String(data: data, encoding: .utf8) else {
            throw PicnicError.io("\(file.path): cannot read the edited text")
        }
        return edited
    }
}

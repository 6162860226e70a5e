import CursesBackend
import Dashboard
import Foundation
import PicnicCore
import PicnicStore

/// `picnic` with no subcommand: opens the dashboard on the person's database (seeding the
/// welcome workspace on first run) or, with `--demo`, on a throwaway welcome workspace.
struct DashboardCommand {
    var demo: Bool

    func run() throws {
        // Configuration first: a bad config file is reported before the screen is touched.
        let keymap = try ConfigFile.current().keymap()
        let path: String
        var demoFolder: URL?
        if demo {
            let folder = try DemoWorkspace.create()
            demoFolder = folder
            path = folder.appendingPathComponent("picnic.sqlite").path
        } else {
            path = Global.resolvedDatabasePath
            if !FileManager.default.fileExists(atPath: path) {
                try WelcomeWorkspace.createSeededDatabase(at: path)
            }
        }
        defer { if let demoFolder { DemoWorkspace.remove(demoFolder) } }
        let db = try AppDatabase(path: path, notice: { Global.note("picnic: " + $0) })
        // Welcome tasks finished from the CLI leave their posts until the dashboard opens (DECISIONS.md).
        _ = try? WelcomeWorkspace.reconcile(db)
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch let e as TerminalError {
            throw PicnicError.config(e.message)
        }
        defer { terminal.close() }
        DashboardLoop(terminal: terminal, db: db, keymap: keymap, dbPath: path).run()
        terminal.close()
        if let demoFolder { DemoWorkspace.remove(demoFolder) }
        // Quit at once: closing the store would wait for a match or help scan still running in
        // the background (the connection is serialized), and every write is already committed.
        exit(0)
    }
}

/// The throwaway database of `picnic --demo`: a folder in the temp directory named for the
/// process, removed on exit; folders left by a demo that was killed are removed next time.
enum DemoWorkspace {
    static let prefix = "picnic-demo-"

    static func create() throws -> URL {
        let tmp = FileManager.default.temporaryDirectory
        removeStale(in: tmp)
        let folder = tmp.appendingPathComponent("\(prefix)\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try WelcomeWorkspace.createSeededDatabase(at: folder.appendingPathComponent("picnic.sqlite").path)
        return folder
    }

    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Removes demo folders whose process is gone (a demo ended by SIGKILL or SIGTERM).
    static func removeStale(in tmp: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: tmp.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
    }
}

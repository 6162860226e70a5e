import Foundation
import PicnicCore
import PicnicResources
import PicnicStore

/// The welcome workspace (`Resources/welcome/welcome.json`): tasks that teach the keys and
/// community posts written to match them. Seeded on first run and by `picnic --demo`.
///
/// Welcome tasks carry `extra["picnicWelcome"] = true`; welcome posts have `source = "welcome"`.
/// `reconcile` clears the posts once no welcome task is open (and brings them back if an undo
/// reopens one), so finishing or deleting the tour leaves the queue to its owner.
enum WelcomeWorkspace {
    static let source = "welcome"
    static let marker = "picnicWelcome"

    struct File: Decodable {
        var tasks: [TaskEntry]
        var posts: [PostEntry]
    }

    struct TaskEntry: Decodable {
        var key: String
        var title: String
        var notes: String?
        var tags: [String]?
        var project: String?
        var priority: Priority?
        /// Days from today; the task is due at the end of that day.
        var due: Int?
    }

    struct PostEntry: Decodable {
        var key: String
        var kind: PostKind
        var parent: String?
        var title: String
        var body: String
        var tags: [String]?
        var author: String?
        var space: String?
        var votes: Int?
        var accepted: Bool?
        var url: String?
        var daysAgo: Int?
    }

    /// Reads the bundled welcome file.
    static func file() throws -> File {
        guard let dir = PicnicResources.welcomeDirectory else {
            throw PicnicError.io("the welcome workspace is missing from this build (Resources/welcome)")
        }
        let url = dir.appendingPathComponent("welcome.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PicnicError.io("\(url.path): cannot read the welcome workspace")
        }
        do {
            return try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw PicnicError.data("\(url.path): not a welcome workspace: \(error)")
        }
    }

    /// The welcome tasks, with dates relative to `now`.
    static func tasks(_ file: File, now: Date, calendar: Calendar = .current) -> [WorkTask] {
        let today = calendar.startOfDay(for: now)
        return file.tasks.enumerated().map { i, t in
            let due = t.due.flatMap { calendar.date(byAdding: .second, value: ($0 + 1) * 86400 - 60, to: today) }
            // Staggered creation times keep the file's order among equally urgent tasks.
            return WorkTask(title: t.title, notes: t.notes ?? "", project: t.project, tags: t.tags ?? [],
                            priority: t.priority, due: due, created: now.addingTimeInterval(Double(i - file.tasks.count)),
                            extra: [marker: .bool(true)])
        }
    }

    /// The welcome posts as an import batch (each thread's root before its replies).
    static func posts(_ file: File, now: Date) -> [PostImport] {
        file.posts.map { p in
            let post = Post(kind: p.kind, title: p.title, body: p.body, tags: p.tags ?? [], author: p.author ?? "picnic",
                            space: p.space ?? "picnic", created: now.addingTimeInterval(-Double(p.daysAgo ?? 0) * 86400),
                            votes: p.votes ?? 0, accepted: p.accepted ?? false, url: p.url,
                            source: source, sourceID: p.key)
            return PostImport(post, parentSourceID: p.parent)
        }
    }

    /// Seeds the welcome tasks and posts into `db`.
    static func seed(_ db: AppDatabase, now: Date = Date()) throws {
        let f = try file()
        _ = try db.importSource(source, posts(f, now: now), removeMissing: false)
        _ = try db.saveImportedTasks(tasks(f, now: now), label: "set up the welcome tour")
    }

    /// Creates the database at `path` with the welcome workspace, atomically: it is built beside
    /// the target and renamed into place, so a failure or a concurrent `picnic add` never sees
    /// half a workspace. Does nothing when the file already exists.
    static func createSeededDatabase(at path: String) throws {
        let fm = FileManager.default
        let dir = (path as NSString).deletingLastPathComponent
        try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let temp = "\(dir)/.picnic-welcome-\(getpid()).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: temp + suffix) } }
        do {
            let db = try AppDatabase(path: temp)
            try seed(db)
            try db.checkpoint()
            try db.pool.close()
        }
        // link(2) fails when the target exists (someone else created it meanwhile): keep theirs.
        if link(temp, path) != 0 && errno != EEXIST {
            throw PicnicError.io("\(path): cannot create the database (\(String(cString: strerror(errno))))")
        }
    }

    /// Clears the welcome posts when no welcome task is open; restores them when one is open
    /// again (an undo) and they are gone. Returns whether anything changed.
    @discardableResult
    static func reconcile(_ db: AppDatabase) throws -> Bool {
        let open = try db.allTasks(includeClosed: false).contains { $0.extra[marker] == .bool(true) }
        let stored = try db.postIDs(source: source)
        if !open && !stored.isEmpty {
            _ = try db.importSource(source, [], removeMissing: true)
            return true
        }
        if open && stored.isEmpty {
            _ = try db.importSource(source, posts(try file(), now: Date()), removeMissing: false)
            return true
        }
        return false
    }
}

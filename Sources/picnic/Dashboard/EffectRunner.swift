import CursesBackend
import Dashboard
import Foundation
import PicnicCore
import PicnicStore

/// Executes the dashboard's effects against the store and the outside world, reporting back
/// with events (see `Effect` for the contract).
///
/// Queue changes run on the loop's thread: they are single short transactions and their result
/// must be seen before the next key. Matching, thread loading and the strong-help scan run on
/// background queues and post their events to `inbox`; a request overtaken by a newer generation
/// is skipped before it starts, and `Dashboard.update` drops any stale answer that still arrives.
final class EffectRunner: @unchecked Sendable {
    let db: AppDatabase
    let inbox: EventInbox
    /// Reads of the community state, off the input path.
    let communityQueue = DispatchQueue(label: "picnic.community", qos: .utility)
    /// The ledger asks the server: its own queue, so a slow server delays no other read.
    let ledgerQueue = DispatchQueue(label: "picnic.ledger", qos: .utility)
    /// The open tasks, the posts written here, the sync helper.
    let community = CommunityLink()
    /// The store's path, for the sync helper (nil: no helper, e.g. in tests).
    let dbPath: String?
    /// Runs programs around the terminal (editor, browser, clipboard).
    let outside: OutsideWorld
    private let matchQueue = DispatchQueue(label: "picnic.match", qos: .userInitiated)
    private let scanQueue = DispatchQueue(label: "picnic.scan", qos: .utility)
    private let generations = Generations()

    /// What `picnic capture` adds to the dashboard's runner.
    struct Capture {
        /// The capture history file (↑ in the next capture).
        var history: HistoryFile
        /// The annotation saved with the captured task (where it was captured), if any.
        var note: String?
    }
    /// Set when running `picnic capture`.
    let capture: Capture?

    init(db: AppDatabase, inbox: EventInbox, outside: OutsideWorld, capture: Capture? = nil, dbPath: String? = nil) {
        self.db = db
        self.dbPath = dbPath
        self.inbox = inbox
        self.outside = outside
        self.capture = capture
    }

    /// Runs one effect; returns the events it produced at once (background answers go to the inbox).
    func run(_ effect: Effect) -> [Event] {
        switch effect {
        case .quit:
            return []
        case .loadTasks:
            do {
                let tasks = try db.openTasks(now: Clock.now())
                community.setOpenTasks(tasks.map(\.uuid))
                return [.contextsLoaded(try db.contexts()), .tasksLoaded(tasks)]
            } catch {
                return [.effectFailed(effect, message: Self.describe(error))]
            }
        case .loadQueueHead(let limit, let dueBefore):
            do {
                let head = try db.queueHead(limit: limit, dueBefore: dueBefore, now: Clock.now())
                community.setOpenTasks(head.tasks.map(\.uuid))
                return [.contextsLoaded(try db.contexts()),
                        .queueHeadLoaded(head.tasks, openCount: head.openCount, due: head.due)]
            } catch {
                return [.effectFailed(effect, message: Self.describe(error))]
            }
        case .match(let task, let generation):
            generations.set("match", generation)
            background(matchQueue, effect) { [db, generations] in
                guard generations.isCurrent("match", generation) else { return nil }
                return .matchesLoaded(task: task.uuid, generation: generation, matches: try db.match(task: task))
            }
            return []
        case .matchDraft(let text, let generation):
            generations.set("draft", generation)
            background(matchQueue, effect) { [db, generations] in
                guard generations.isCurrent("draft", generation) else { return nil }
                return .draftMatchesLoaded(generation: generation, matches: try db.match(draft: text))
            }
            return []
        case .scanHelp(let tasks):
            let generation = generations.next("scan")
            background(scanQueue, effect) { [db, generations] in
                try Self.scan(tasks, db: db) { generations.isCurrent("scan", generation) }.map { .strongHelpLoaded($0) }
            }
            return []
        case .loadThread(let id):
            background(matchQueue, effect) { [db] in
                guard let thread = try db.thread(id: id) else { throw PicnicError.usage("thread \(id) is gone") }
                return .threadLoaded(root: thread.root, replies: thread.answers)
            }
            return []
        case .loadCommunity:
            return loadCommunity(effect)
        case .loadCouldHelp(let generation):
            return loadCouldHelp(effect, generation: generation)
        case .loadLedger:
            return loadLedger(effect)
        case .editText(let purpose, let text):
            return editText(effect, purpose: purpose, text: text)
        case .appendHistory(let line):
            // A history that cannot be written costs the next ↑, not the task.
            try? capture?.history.append(line)
            return []
        case .addTask, .modify, .modifySeries, .setContext, .annotate, .markDone, .start, .stop, .delete, .undo,
             .feedback, .ask, .openURL, .copy, .editNotes, .answer, .accept, .markHelped, .markSeen:
            return [runChange(effect)]
        }
    }

    /// Effects that change something, run at once; exactly one success or failure event.
    private func runChange(_ effect: Effect) -> Event {
        do {
            let (message, task) = try change(effect)
            if effect.changesQueue { try WelcomeWorkspace.reconcile(db) }
            return .effectSucceeded(effect, message: message, task: task)
        } catch {
            return .effectFailed(effect, message: Self.describe(error))
        }
    }

    private func change(_ effect: Effect) throws -> (String?, UUID?) {
        let now = Clock.now()
        switch effect {
        case .addTask(let line):
            let draft: TaskModification
            do { draft = try QuickAdd.parseNew(line, now: now, calendar: .current) } catch {
                throw PicnicError.usage(error.description)
            }
            // A capture's origin note goes in with the task: one transaction, one undo step.
            let t = try db.addTask(draft, annotation: capture?.note, now: now)
            return (Self.said("added", t), t.uuid)
        case .modify(let id, let line), .modifySeries(let id, let line):
            let change: TaskModification
            do { change = try QuickAdd.parseModification(line, now: now, calendar: .current) } catch {
                throw PicnicError.usage(error.description)
            }
            let whole: Bool
            if case .modifySeries = effect { whole = true } else { whole = false }
            let t = try db.modify(ref: id.uuidString, with: change, wholeSeries: whole, now: now)
            return (Self.said(whole ? "modified the series of" : "modified", t), t.uuid)
        case .setContext(let name):
            guard let c = try db.setContext(name) else { return ("No context: the whole queue.", nil) }
            return ("Context \(Terminal.safe(c.name)): \(Terminal.safe(c.filter))", nil)
        case .annotate(let id, let text):
            let t = try db.annotate(ref: id.uuidString, text: text, now: now)
            return (Self.said("annotated", t), t.uuid)
        case .markDone(let id):
            // A finished task gives up its number: say the one it had.
            let number = try db.task(ref: id.uuidString).number
            let r = try db.finish(refs: [id.uuidString], now: now)
            return (Self.said("finished", r.closed[0], number: number) + Self.stepped(r, now: now) + Self.undoHint, id)
        case .start(let id):
            let t = try db.start(ref: id.uuidString, now: now)
            return (Self.said("started", t), id)
        case .stop(let id):
            let t = try db.stop(ref: id.uuidString, now: now)
            return (Self.said("stopped", t), id)
        case .delete(let id):
            let number = try db.task(ref: id.uuidString).number
            let r = try db.remove(refs: [id.uuidString], now: now)
            return (Self.said("deleted", r.closed[0], number: number) + Self.stepped(r, now: now) + Self.undoHint, id)
        case .undo:
            guard let label = try db.undo() else { return ("Nothing to undo.", nil) }
            return (Terminal.safe(TaskWords.sentence("Undid: " + label)), nil)
        case .feedback(let taskID, let post, let verdict):
            let task = try db.task(ref: taskID.uuidString)
            try db.setFeedback(task: task, postID: post, verdict: verdict)
            let title = try db.thread(id: post).map { TaskWords.quoted($0.root.title) } ?? "post \(post)"
            return (Terminal.safe(verdict == .helpful ? "Marked \(title) helpful for this task." : "Hid \(title) for this task." + Self.undoHint), taskID)
        case .ask(let draft):
            return try ask(draft)
        case .answer(let question, let body):
            return try answer(question: question, body: body)
        case .accept(let question, let answer):
            return try accept(question: question, answer: answer)
        case .markHelped(let post, let task):
            return try markHelped(post: post, task: task)
        case .markSeen(let question):
            return try markSeen(question: question)
        case .openURL(let url):
            do { try outside.open(url) } catch let none as OutsideWorld.NoOpener {
                // The link is still what the person wants: put it where they can paste it.
                let advice = none.advice.prefix(1).uppercased() + none.advice.dropFirst()
                guard (try? outside.copy(url)) != nil else { return ("\(advice). The link: \(Terminal.safe(url))", nil) }
                return ("\(advice); copied the link instead.", nil)
            }
            return ("Opened \(Terminal.safe(url)).", nil)
        case .copy(let text):
            return (try outside.copy(text), nil)
        case .editNotes(let id):
            let task = try db.task(ref: id.uuidString)
            guard let edited = try outside.edit(task.notes, name: "picnic-notes-\(task.number ?? 0)") else {
                return ("Notes unchanged.", id)
            }
            let t = try db.setNotes(ref: id.uuidString, notes: edited, now: now)
            return (Self.said("saved the notes of", t), id)
        case .quit, .loadTasks, .loadQueueHead, .match, .matchDraft, .scanHelp, .loadThread, .appendHistory,
             .loadCommunity, .loadCouldHelp, .loadLedger, .editText:
            return (nil, nil)  // answered in `run`
        }
    }

    /// ` Next: 7, due tmrw.` after a step of a series, ` The series has ended.` at its end.
    static func stepped(_ r: FinishResult, now: Date) -> String {
        if let next = r.next.first {
            return " Next: " + Terminal.safe(TaskWords.name(next)) + (next.due.map { ", due \(TaskTable.relative($0, now: now))" } ?? "") + "."
        }
        return r.ended.isEmpty ? "" : " The series has ended."
    }

    /// Runs `work` on `queue`; its event (or failure) goes to the inbox. nil: skipped.
    func background(_ queue: DispatchQueue, _ effect: Effect, _ work: @escaping @Sendable () throws -> Event?) {
        inbox.begin()
        queue.async { [inbox] in
            defer { inbox.end() }
            do {
                if let event = try work() { inbox.post(event) }
            } catch {
                inbox.post(.effectFailed(effect, message: Self.describe(error)))
            }
        }
    }

    /// The tasks with a strong match: from the match cache when it is current, else matched now
    /// (which refreshes the cache). Stops (nil) as soon as a newer scan is asked for.
    static func scan(_ tasks: [WorkTask], db: AppDatabase, current: () -> Bool) throws -> Set<UUID>? {
        let cache = Dictionary(try db.strongMatchCache().map { ($0.taskUUID, $0) }, uniquingKeysWith: { a, _ in a })
        var strong = Set<UUID>()
        for task in tasks {
            guard current() else { return nil }
            if let entry = cache[task.uuid], entry.isCurrent(for: task) {
                if entry.strongCount > 0 { strong.insert(task.uuid) }
                continue
            }
            if let cached = try db.matchCache(taskUUID: task.uuid), cached.isCurrent(for: task) {
                if cached.strongCount > 0 { strong.insert(task.uuid) }
                continue
            }
            if try db.match(task: task).contains(where: \.strong) { strong.insert(task.uuid) }
        }
        return strong
    }

    /// `Finished 3 “Fix CI”.` (TaskWords), safe to draw.
    static func said(_ verb: String, _ t: WorkTask, number: Int? = nil) -> String {
        Terminal.safe(TaskWords.said(verb, [t], numbers: number.map { [t.uuid: $0] } ?? [:]))
    }

    /// Said after a change people often want back.
    static let undoHint = " u undoes it."

    static func describe(_ error: Error) -> String {
        if let e = error as? PicnicError { return e.message }
        return "\(error)"
    }
}

/// The latest generation asked for, per kind of request (thread-safe).
final class Generations: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: [String: Int] = [:]

    func set(_ kind: String, _ g: Int) { lock.lock(); latest[kind] = max(latest[kind] ?? g, g); lock.unlock() }
    func next(_ kind: String) -> Int { lock.lock(); defer { lock.unlock() }; latest[kind, default: 0] += 1; return latest[kind]! }
    func isCurrent(_ kind: String, _ g: Int) -> Bool { lock.lock(); defer { lock.unlock() }; return latest[kind] == g }
}

/// Events posted by background work, drained by the loop; counts work still running.
final class EventInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []
    private var running = 0

    func post(_ e: Event) { lock.lock(); events.append(e); lock.unlock() }
    func begin() { lock.lock(); running += 1; lock.unlock() }
    func end() { lock.lock(); running -= 1; lock.unlock() }
    /// Whether background work is running or answers wait (the loop then polls keys briefly).
    var busy: Bool { lock.lock(); defer { lock.unlock() }; return running > 0 || !events.isEmpty }
    func drain() -> [Event] { lock.lock(); defer { lock.unlock() }; let e = events; events = []; return e }
}

import CommunityClient
import Foundation
import PicnicCore
import PicnicStore
import PicnicSync

/// `watch --db P [--pokes]`: keeps every joined community in step live until interrupted. With
/// `--pokes` (the dashboard's child), each line on stdin means "send now", and the end of stdin
/// (the dashboard went away) ends the helper.
struct WatchCommand {
    var dbPath: String
    var pokes: Bool
    var verbose: Bool

    init(args: inout HelperArguments, dbPath: String) throws {
        pokes = args.flag("--pokes")
        verbose = args.flag("--verbose")
        self.dbPath = dbPath
    }

    func run() async throws {
        let store = try Helper.open(dbPath)
        let communities = try store.communities()
        guard !communities.isEmpty else { throw PicnicError.usage("no community joined: `picnic community join URL` first") }
        var streams: [AsyncStream<Void>.Continuation] = []
        var watched: [Watched] = []
        for c in communities {
            let transport = try CommunityTransport(.init(caFile: c.caFile))
            let engine = SyncEngine(store: try Helper.open(dbPath), community: c, client: try Helper.client(for: c, transport: transport))
            var stream: AsyncStream<Void>?
            if pokes {
                let (s, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
                stream = s
                streams.append(continuation)
            }
            watched.append(Watched(engine: engine, pokes: stream, transport: transport, verbose: verbose))
        }
        if pokes { Self.readPokes(into: streams) }
        if verbose { print("watching \(communities.map { Printable.line($0.name) }.joined(separator: ", ")) (Ctrl-C stops)") }
        // With pokes every loop ends with stdin; without, they run until a signal ends the process.
        await withTaskGroup(of: Void.self) { group in
            for w in watched { group.addTask { await w.run() } }
        }
        for w in watched { await w.transport.shutdown() }
    }

    /// One community's live loop.
    struct Watched: Sendable {
        let engine: SyncEngine
        let pokes: AsyncStream<Void>?
        let transport: CommunityTransport
        let verbose: Bool

        func run() async {
            let engine = self.engine
            var changed: (@Sendable () -> Void)?
            if verbose { changed = { WatchCommand.report(engine) } }
            await engine.watch(pokes: pokes, tick: 1, changed: changed)
        }
    }

    /// Lines on stdin poke every community; end of stdin ends them.
    static func readPokes(into streams: [AsyncStream<Void>.Continuation]) {
        let thread = Thread {
            while readLine(strippingNewline: true) != nil { streams.forEach { $0.yield() } }
            streams.forEach { $0.finish() }
        }
        thread.start()
    }

    static func report(_ engine: SyncEngine) {
        guard let s = try? engine.store.communitySummary() else { return }
        var parts = ["synced"]
        if s.toSend > 0 { parts.append("\(s.toSend) to send") }
        if s.newAnswers > 0 { parts.append("\(s.newAnswers) new answer\(s.newAnswers == 1 ? "" : "s")") }
        if s.couldAnswer > 0 { parts.append("\(s.couldAnswer) you could answer") }
        print(parts.joined(separator: " · "))
    }
}

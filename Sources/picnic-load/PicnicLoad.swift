import ArgumentParser
import CommunityClient
import Foundation
import TestSupport

/// The community load test (issue 12, docs/Scaling.md): the real server on a real PostgreSQL,
/// simulated users, then bursts, then pgbench on the same PostgreSQL as the ceiling.
@main
struct PicnicLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picnic-load",
        abstract: "Load-test picnic-server on PostgreSQL and compare with pgbench on the same server.")

    @Option(help: "A PostgreSQL superuser URL to use (default: start a private cluster).")
    var db: String?
    @Option(help: "The picnic-server binary (default: the one beside picnic-load).")
    var serverBinary: String?
    @Option(help: "Simulated users, each with a live event stream.")
    var users = 50
    @Option(help: "Seconds of the steady phase.")
    var seconds = 60
    @Option(help: "Seconds each user waits between actions, at least.")
    var thinkMin = 2.0
    @Option(help: "Seconds each user waits between actions, at most.")
    var thinkMax = 4.0
    @Option(help: "Concurrent writers (and readers) of the bursts.")
    var writers = 16
    @Option(help: "Seconds of each burst.")
    var burstSeconds = 10
    @Option(help: "Seconds of each pgbench run (0: no pgbench).")
    var pgbenchSeconds = 10
    @Option(help: "pgbench's scale factor (default: the writers, at least 10).")
    var pgbenchScale: Int?
    @Option(help: "fsync of the private cluster: on (as in production) or off.")
    var fsync = "on"
    @Option(help: "Write the figures as JSON to this file too.")
    var json: String?

    func validate() throws {
        guard users > 0, seconds > 0, writers > 0, burstSeconds > 0, pgbenchSeconds >= 0 else {
            throw ValidationError("--users, --seconds, --writers and --burst-seconds must be positive")
        }
        if let pgbenchScale, pgbenchScale < 1 { throw ValidationError("--pgbench-scale must be positive") }
        guard thinkMin > 0, thinkMax >= thinkMin else { throw ValidationError("need 0 < --think-min <= --think-max") }
        guard ["on", "off"].contains(fsync) else { throw ValidationError("--fsync is on or off") }
    }

    func run() async throws {
        let started = Date()
        let say: (String) -> Void = { FileHandle.standardError.write(Data("picnic-load: \($0)\n".utf8)) }
        let setup: LoadSetup
        do {
            setup = try LoadSetup(databaseURL: db, serverBinary: serverBinary.map { URL(fileURLWithPath: $0) }
                                    ?? LoadSetup.defaultServerBinary,
                                  userCount: users, fsync: fsync == "on", log: say)
        } catch {
            say("\(error)")
            throw ExitCode(69)
        }
        defer { setup.close() }
        var options = CommunityTransport.Options()
        options.connectionsPerHost = users * 2 + writers * 2
        options.readTimeout = 60
        let transport = try CommunityTransport(options)
        let people = try setup.clients(transport: transport)
        let sampler = ResourceSampler()
        let serverPID = setup.server.pid
        sampler.start(pids: { [serverPID] }, cluster: setup.cluster, database: setup.database.name)

        let report = LoadReport(users: users, seconds: seconds, writers: writers, burstSeconds: burstSeconds)
        let pool = PostPool()
        // Steady phase: every user follows the feed and acts every few seconds.
        say("steady: \(users) users for \(seconds) s, one post and one vote every \(thinkMin)–\(thinkMax) s each")
        let steady = LatencyBook(), fanout = FanoutTracker()
        let head = try await people[0].client.me().head
        let followers = people.map { p in Task { await p.follow(from: head, book: steady, fanout: fanout) } }
        steady.start()
        let deadline = now() + UInt64(seconds) * 1_000_000_000
        await withTaskGroup(of: Void.self) { group in
            for p in people {
                group.addTask { await p.act(until: deadline, think: thinkMin...thinkMax, book: steady, fanout: fanout, pool: pool) }
            }
        }
        steady.end()
        // Let the last posts reach every stream (bounded), then close the streams.
        let drainEnd = now() + 10_000_000_000
        while now() < drainEnd, !fanout.complete(clients: users) {
            try? await Task.sleep(nanoseconds: 20_000_000) // polling the tracker, with a deadline
        }
        followers.forEach { $0.cancel() }
        report.steady = steady.summary()
        report.steadyRequestsPerSecond = steady.requestsPerSecond
        report.fanout = fanout.result(clients: users)
        report.rssDuringSteadyKiB = sampler.peakRSSKiB
        report.connectionsDuringSteady = sampler.peakConnections

        // Bursts: writers as fast as they can, then readers.
        say("burst: \(writers) writers for \(burstSeconds) s")
        report.writeBurst = await burst { i, book in
            await people[i % people.count].post(book: book, fanout: nil, pool: pool, endpoint: SimulatedUser.putPost)
        }
        let ids = (0..<2000).compactMap { _ in pool.randomPost(notBy: -1) }
        let top = (try? await people[0].client.me().head) ?? 0
        say("burst: \(writers) readers of GET /v1/posts/ID, then of GET /v1/changes, \(burstSeconds) s each")
        report.readBurst = await burst { i, book in
            if let id = ids.randomElement() { await people[i % people.count].read(id, book: book) }
        }
        report.pullBurst = await burst { i, book in
            await people[i % people.count].pull(after: Int64.random(in: 0...max(0, top - 100)), limit: 100, book: book)
        }
        sampler.stop()
        report.peakRSSKiB = sampler.peakRSSKiB
        report.peakConnections = sampler.peakConnections
        report.peakActive = sampler.peakActive
        await transport.shutdown()
        for f in followers { _ = await f.value }

        if pgbenchSeconds > 0 {
            say("pgbench: TPC-B and -S with \(writers) and \(users) clients, \(pgbenchSeconds) s each")
            do {
                let bench = try setup.cluster.createDatabase(label: "pgbench")
                defer { bench.drop() }
                let pg = PgBench(cluster: setup.cluster, database: bench.name)
                try pg.initialize(scale: pgbenchScale ?? max(writers, 10))
                for clients in Array(Set([writers, users])).sorted() {
                    report.pgbench.append(try pg.run(selectOnly: false, clients: clients, seconds: pgbenchSeconds))
                    report.pgbench.append(try pg.run(selectOnly: true, clients: clients, seconds: pgbenchSeconds))
                }
            } catch {
                say("\(error)")
            }
        }
        report.loadAverage = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? ""
        report.totalSeconds = Date().timeIntervalSince(started)
        print(report.text(), terminator: "")
        if let json { try report.json().write(to: URL(fileURLWithPath: json)) }
    }

    /// Runs `writers` closed-loop tasks doing `step` for `burstSeconds`; returns the phase's book.
    func burst(_ step: @escaping @Sendable (Int, LatencyBook) async -> Void) async -> BurstResult {
        let book = LatencyBook()
        let end = now() + UInt64(burstSeconds) * 1_000_000_000
        book.start()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<writers {
                group.addTask { while now() < end { await step(i, book) } }
            }
        }
        book.end()
        return BurstResult(endpoints: book.summary(), requestsPerSecond: book.requestsPerSecond)
    }
}

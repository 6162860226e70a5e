import CommunityAPI
import CommunityClient
import Foundation

/// One simulated person: a live event stream that pulls whenever the head moves, and a loop that
/// posts a question or an answer every few seconds and votes on someone else's post.
struct SimulatedUser: Sendable {
    let index: Int
    let name: String
    let client: CommunityClient

    static let changes = "GET /v1/changes"
    static let putPost = "PUT /v1/posts/ID"
    static let vote = "PUT /v1/posts/ID/vote"
    static let getPost = "GET /v1/posts/ID"

    /// Follows `GET /v1/events` from `position`, pulling every page the head passes, and reports
    /// each post's first pull to `fanout`. Reconnects after a cut; ends when cancelled.
    func follow(from start: Int64, book: LatencyBook, fanout: FanoutTracker) async {
        var position = start
        var seen = Set<UUID>()
        while !Task.isCancelled {
            do {
                for try await event in try await client.events(after: position) {
                    if Task.isCancelled { return }
                    guard event.event == "head",
                          let head = try? APIJSON.decode(APIHeadEvent.self, from: Data(event.data.utf8)).head,
                          head > position else { continue }
                    while true {
                        let t0 = now()
                        let page = try await client.changes(after: position)
                        let t1 = now()
                        book.record(Self.changes, ms(t0, t1))
                        for change in page.changes {
                            if let post = change.post, seen.insert(post.id).inserted { fanout.seen(post.id, at: t1) }
                        }
                        position = max(position, page.next)
                        if !page.more { break }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                book.fail("GET /v1/events", error)
                try? await Task.sleep(nanoseconds: 200_000_000) // reconnect backoff, as a client does
            }
        }
    }

    /// Until `deadline`: wait `think` seconds (uniformly at random), post, vote; again.
    func act(until deadline: UInt64, think: ClosedRange<Double>, book: LatencyBook, fanout: FanoutTracker,
             pool: PostPool) async {
        while now() < deadline, !Task.isCancelled {
            let pause = Double.random(in: think)
            try? await Task.sleep(nanoseconds: UInt64(pause * 1e9)) // the person's think time
            if now() >= deadline || Task.isCancelled { return }
            await post(book: book, fanout: fanout, pool: pool, endpoint: Self.putPost)
            if let target = pool.randomPost(notBy: index) {
                let t0 = now()
                do {
                    _ = try await retrying { try await client.vote(target, Bool.random() ? 1 : -1) }
                    book.record(Self.vote, ms(t0))
                } catch {
                    book.fail(Self.vote, error)
                }
            }
        }
    }

    /// Writes one question (a third of the time, or when there is none yet) or an answer to a
    /// recent question, retrying with the same id as clients do; records its time from the first
    /// attempt to the 2xx.
    func post(book: LatencyBook, fanout: FanoutTracker?, pool: PostPool, endpoint: String) async {
        let id = UUID()
        let parent = Int.random(in: 0..<3) == 0 ? nil : pool.randomQuestion()
        let n = Int.random(in: 0..<1_000_000)
        let write = parent.map {
            APIPostWrite(kind: .answer, parent: $0, title: "Re: load question",
                         body: "Answer \(n) by \(name): pin the runner image and retry the build.", tags: ["ci"])
        } ?? APIPostWrite(kind: .question, title: "Load question \(n) from \(name)",
                          body: "Timeouts on arm64 builds since the runner upgrade; what fixed it for you?",
                          tags: ["ci", "arm64"])
        let t0 = now()
        do {
            _ = try await retrying { try await client.putPost(id, write) }
            let t1 = now()
            book.record(endpoint, ms(t0, t1))
            fanout?.acked(id, at: t1)
            pool.add(id, author: index, question: parent == nil)
        } catch {
            book.fail(endpoint, error)
        }
    }

    /// Reads one post by id (a read burst).
    func read(_ id: UUID, book: LatencyBook) async {
        let t0 = now()
        do {
            _ = try await client.post(id)
            book.record(Self.getPost, ms(t0))
        } catch {
            book.fail(Self.getPost, error)
        }
    }

    /// Pulls one page of the feed after a random position (a read burst).
    func pull(after position: Int64, limit: Int, book: LatencyBook) async {
        let t0 = now()
        do {
            _ = try await client.changes(after: position, limit: limit)
            book.record("\(Self.changes) (limit \(limit))", ms(t0))
        } catch {
            book.fail("\(Self.changes) (limit \(limit))", error)
        }
    }

    /// Retries a write after a failure that is not a refusal (network, 5xx, 429), up to 5 times.
    func retrying<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch let error as CommunityError where error.isRetryable && attempt < 5 {
                attempt += 1
                try? await Task.sleep(nanoseconds: UInt64(50_000_000 * attempt)) // client backoff
            }
        }
    }
}

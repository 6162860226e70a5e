import Dispatch
import Foundation
import GRDB
import GRDBSQLite

/// A second reader for stage one, driven by its own thread: in a long-lived process (the
/// dashboard, benchmarks) a match with many postings reads part of its doclists on the other core
/// while the caller reads the rest.
///
/// Reading a posting through FTS5 costs ~650 instructions and a heavy query reads ~2,500 of them,
/// most of its stage one. The helper only reads: the caller sums every doclist itself, in the
/// serial order, so scores, candidates and results are the same bit for bit as a serial match.
/// Opening it costs a connection and a schema parse (~2M instructions), paid on the helper's
/// thread, so a one-shot command never asks for it.
final class MatchHelper: @unchecked Sendable {
    /// One doclist to read: an FTS5 expression, in `posts_fts` or in `posts_title`.
    struct Job: Sendable {
        var expression: String
        var title: Bool
    }

    private let queue = DispatchQueue(label: "picnic.match-helper", qos: .userInitiated)
    private let lock = NSLock()
    // Set once on `queue` when the connection is ready; read under `lock`.
    private var connection: ReadOnlyConnection?
    private var doclist: RawStatement?
    private var titles: RawStatement?
    private var failed = false

    /// Starts opening `path` on the helper's thread; until it is open, matches read alone.
    init(path: String) {
        queue.async { [self] in
            do {
                let c = try ReadOnlyConnection(path: path)
                // The same memory map as the matcher's own connection (`AppDatabase.matchRead`).
                _ = try RawStatement(connection: c.handle, "PRAGMA mmap_size = \(AppDatabase.matchMapBytes)").step()
                let d = try RawStatement(connection: c.handle, "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?")
                let t = try RawStatement(connection: c.handle, "SELECT rowid FROM posts_title WHERE posts_title MATCH ?")
                lock.lock()
                (connection, doclist, titles) = (c, d, t)
                lock.unlock()
            } catch {
                lock.lock()
                failed = true
                lock.unlock()
            }
        }
    }

    /// Waits until the helper has opened (or failed to); returns whether it can take work.
    func waitUntilOpen() -> Bool {
        queue.sync {}
        return isReady
    }

    /// Doclist reads the helper has done (for tests).
    private(set) var jobsRead = 0

    /// Whether the helper can take work now.
    var isReady: Bool {
        lock.lock(); defer { lock.unlock() }
        return connection != nil && !failed
    }

    /// Reads the jobs' doclists on the helper's thread; `wait` on the result for the rowids of
    /// each job, in order (nil if the helper failed: the caller then reads them itself).
    func read(_ jobs: [Job]) -> Pending {
        let pending = Pending()
        queue.async { [self] in
            lock.lock()
            let statements = (doclist, titles)
            lock.unlock()
            guard let main = statements.0, let title = statements.1 else { return pending.finish(nil) }
            do {
                var out: [[Int64]] = []
                out.reserveCapacity(jobs.count)
                for job in jobs {
                    let s = job.title ? title : main
                    s.bind(1, job.expression)
                    var ids: [Int64] = []
                    while try s.step() { ids.append(s.int64(0)) }
                    out.append(ids)
                }
                lock.lock()
                jobsRead += jobs.count
                lock.unlock()
                pending.finish(out)
            } catch {
                pending.finish(nil)
            }
        }
        return pending
    }

    /// The helper's answer to one `read`.
    final class Pending: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: [[Int64]]?

        fileprivate func finish(_ result: [[Int64]]?) {
            self.result = result
            done.signal()
        }

        /// Blocks until the helper is done.
        func wait() -> [[Int64]]? {
            done.wait()
            return result
        }
    }
}

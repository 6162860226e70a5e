import Foundation
import Testing
import TestSupport

@Suite struct ConcurrencyTests {
    /// Runs `work` on `n` threads at once and waits for all.
    func concurrently(_ n: Int, _ work: @escaping @Sendable (Int) throws -> Void) throws {
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: n) { i in
            do { try work(i) } catch { errors.add("\(error)") }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
    }

    func integrityAndNumbers(_ db: URL, expect count: Int) throws {
        let items = try jsonArray(TestSupport.picnic(["list", "--json"], db: db).stdout)
        #expect(items.count == count)
        let ids = items.compactMap { $0["id"] as? Int }
        #expect(Set(ids).count == count)
        #expect(Set(ids) == Set(1...count))
        if let sqlite = TestSupport.which("sqlite3") {
            let check = try TestSupport.run(URL(fileURLWithPath: sqlite), [db.path, "PRAGMA integrity_check"])
            #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        } else {
            print("sqlite3 not installed: skipping PRAGMA integrity_check")
        }
    }

    @Test func fourProcessesAdding250EachLeaveExactly1000() throws {
        let db = freshDB("conc")
        #expect(try TestSupport.picnic(["list"], db: db).status == 0) // create the schema once
        try concurrently(4) { worker in
            let lines = (0..<250).map { "worker \(worker) task \($0) +w\(worker)" }.joined(separator: "\n")
            let r = try TestSupport.picnic(["add", "-"], db: db, stdin: lines + "\n")
            if r.status != 0 || r.stdout.split(separator: "\n").count != 250 { throw Failure(r.stderr) }
        }
        try integrityAndNumbers(db, expect: 1000)
    }

    @Test func manyShortProcessesRacingGetDistinctNumbers() throws {
        let db = freshDB("race")
        try concurrently(4) { worker in
            for i in 0..<25 {
                let r = try TestSupport.picnic(["add", "w\(worker) #\(i)"], db: db)
                if r.status != 0 { throw Failure(r.stderr) }
            }
        }
        try integrityAndNumbers(db, expect: 100)
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    func add(_ e: String) { lock.lock(); errors.append(e); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return errors }
}

import Foundation

extension StackExchangeImporter {
    /// Reads the dump as two halves at once: this thread from the start to a `<row` near the
    /// middle, another from there to the end. The result is exactly a one-pass read's: the first
    /// reader must arrive at the split between two rows of `<posts>` (then the second read on
    /// from the very state it would have had); if it does not (the split fell in a comment, say)
    /// it reads on to the end itself and the second half is dropped. Errors come in file order.
    func readInHalves(_ xml: XMLTokenizer, total: Int, progress: ((Int, Int) -> Void)?) throws -> [Rows] {
        guard let split = xml.find("<row", from: xml.count / 2) else {
            return [try readRows(xml, rootSeen: false) { progress?($0, total) }]
        }
        let second = XMLTokenizer(continuing: xml, at: split, insideRoot: "posts")
        xml.stopOffset = split
        let tail = HalfResult()
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            tail.set(Result { try self.readRows(second, rootSeen: true) { tail.reached($0 - split) } })
            finished.signal()
        }
        let head = Result { try readRows(xml, rootSeen: false) { progress?($0 + tail.bytesRead, total) } }
        finished.wait()
        let first = try head.get()
        if xml.missedStop { return [first] }
        return [first, try tail.get()]
    }
}

/// The second reader's result and progress, handed across threads under a lock.
private final class HalfResult: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<StackExchangeImporter.Rows, Error>?
    private var bytes = 0

    func set(_ r: Result<StackExchangeImporter.Rows, Error>) { lock.lock(); result = r; lock.unlock() }
    func reached(_ n: Int) { lock.lock(); bytes = n; lock.unlock() }
    var bytesRead: Int { lock.lock(); defer { lock.unlock() }; return bytes }
    func get() throws -> StackExchangeImporter.Rows { lock.lock(); defer { lock.unlock() }; return try result!.get() }
}

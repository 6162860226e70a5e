/// A thread's answers' text gathered as UTF-8 bytes, made one `String` at the end: what joining
/// the answers' Strings gives, without a String (and a copy) per answer. Bytes are kept valid
/// UTF-8: a piece that is not plain ASCII is repaired as `String(decoding:as:)` repairs it (the
/// pieces are joined by ASCII bytes, which a repair never crosses), so counts and text agree
/// with the Strings'.
struct AnswersText {
    private var start: UnsafeMutablePointer<UInt8>?
    private var capacity = 0
    /// Bytes held (setting it lower drops the rest, e.g. 0 to start the next thread).
    var count = 0

    mutating func append(_ byte: UInt8) {
        if count == capacity { reserve(count + 1) }
        start.unsafelyUnwrapped[count] = byte
        count += 1
    }

    /// Appends `bytes` as the String decoded from them would append its `utf8`.
    mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        guard Self.isASCII(bytes) else {
            var repaired = String(decoding: bytes, as: UTF8.self)
            repaired.withUTF8 { append(ascii: $0) }
            return
        }
        append(ascii: UnsafeBufferPointer(start: from, count: bytes.count))
    }

    /// The text held.
    func string() -> String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    func free() { start?.deallocate() }

    /// Appends bytes known to be valid UTF-8.
    private mutating func append(ascii bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { reserve(count + bytes.count) }
        (start.unsafelyUnwrapped + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    private mutating func reserve(_ needed: Int) {
        var size = max(capacity, 4096)
        while size < needed { size *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        if let start {
            bigger.update(from: start, count: count)
            start.deallocate()
        }
        start = bigger
        capacity = size
    }

    /// Whether every byte is below 0x80 (eight at a time).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var seen: UInt64 = 0
        while i + 8 <= bytes.count {
            seen |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            seen |= UInt64(base[i])
            i += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }
}

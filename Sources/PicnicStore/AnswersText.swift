import PicnicCore

/// A thread's answers' text gathered as UTF-8 bytes, made one `String` at the end: what joining
/// the answers' Strings gives, without a String (and a copy) per answer. Bytes are kept valid
/// UTF-8: a piece that is not plain ASCII is repaired as `String(decoding:as:)` repairs it (the
/// pieces are joined by ASCII bytes, which a repair never crosses), so counts and text agree
/// with the Strings'.
struct AnswersText {
    private var buffer = ByteBuffer(minimumCapacity: 4096)
    /// Bytes held (setting it lower drops the rest, e.g. 0 to start the next thread).
    var count: Int {
        get { buffer.count }
        set { buffer.count = newValue }
    }

    mutating func append(_ byte: UInt8) { buffer.append(byte) }

    /// Appends `bytes` as the String decoded from them would append its `utf8`.
    mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard Self.isASCII(bytes) else {
            var repaired = String(decoding: bytes, as: UTF8.self)
            repaired.withUTF8 { buffer.append(contentsOf: $0) }
            return
        }
        buffer.append(contentsOf: bytes)
    }

    /// The text held.
    func string() -> String {
        String(decoding: buffer.bytes, as: UTF8.self)
    }

    func free() { buffer.free() }

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

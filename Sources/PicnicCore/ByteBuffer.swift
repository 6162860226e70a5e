/// A growable run of bytes in raw memory, for hot loops that build text byte by byte (the
/// tokenizer's folded word, a thread's answers): no array's uniqueness or bounds checks per byte,
/// nothing allocated until the first byte. A value the owner frees once (`free`).
public struct ByteBuffer {
    @usableFromInline var start: UnsafeMutablePointer<UInt8>?
    @usableFromInline var capacity = 0
    /// Bytes held (setting it lower drops the rest; 0 to start over).
    public var count = 0
    /// The first allocation, in bytes.
    @usableFromInline let minimumCapacity: Int

    public init(minimumCapacity: Int = 64) {
        self.minimumCapacity = minimumCapacity
    }

    /// The bytes held, valid until the next append or `free`.
    @inlinable public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    @inlinable @inline(__always) public mutating func append(_ byte: UInt8) {
        if count == capacity { reserve(count + 1) }
        start.unsafelyUnwrapped[count] = byte
        count += 1
    }

    @inlinable public mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { reserve(count + bytes.count) }
        (start.unsafelyUnwrapped + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    /// Grows (doubling) to hold at least `needed` bytes.
    @usableFromInline mutating func reserve(_ needed: Int) {
        var size = max(capacity * 2, minimumCapacity)
        while size < needed { size *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        if let start {
            bigger.update(from: start, count: count)
            start.deallocate()
        }
        start = bigger
        capacity = size
    }

    public func free() { start?.deallocate() }
}

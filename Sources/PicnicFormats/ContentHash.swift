import Crypto
import Foundation

/// SHA-256 content hashes and names (apple/swift-crypto), for shared files, imported documents,
/// and ids derived from content (todo.txt lines, mail and feed items without an id). The hex
/// strings and UUIDs are the ones earlier stores hold (`ContentHashTests`).
public enum ContentHash {
    /// The hex digest of some bytes.
    public static func hex<D: DataProtocol>(_ data: D) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The hex digest of a file, read in 1 MiB chunks.
    public static func hex(fileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hex(hasher.finalize())
    }

    /// A stable UUID named by `text`: the digest's first 16 bytes in the version 5 layout.
    public static func uuid(_ text: String) -> UUID {
        var d = Array(SHA256.hash(data: Array(text.utf8)).prefix(16))
        d[6] = (d[6] & 0x0F) | 0x50
        d[8] = (d[8] & 0x3F) | 0x80
        return UUID(uuid: (d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                           d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0F)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

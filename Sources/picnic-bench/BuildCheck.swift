import Foundation

/// Warns when the `picnic` under test is not the build users should run: figures from a
/// position-independent binary include start-up relocation, and one that loads SQLite, ncurses
/// and libstdc++ as shared libraries their symbol lookups at every start (docs/Performance.md).
enum BuildCheck {
    static let command = "PICNIC_STATIC_RELEASE=1 swift build -c release --static-swift-stdlib --pkg-config-path Sources/picnic/StaticLink --scratch-path .build-release"

    /// Prints a note on stdout when `path` is a position-independent (ET_DYN) ELF executable or
    /// still names the shared SQLite library (the fast build links it in).
    static func warnIfNotFastBuild(_ path: String) {
        let needle = Array("libsqlite3.so.0".utf8)
        if let binary = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped),
           binary.withUnsafeBytes({ Self.contains($0, needle) }) {
            print("note: \(path) loads SQLite and the other C libraries as shared objects; for the figures users see, build with")
            print("      " + command)
        }
        guard let h = FileHandle(forReadingAtPath: path) else { return }
        defer { try? h.close() }
        let header = h.readData(ofLength: 18)
        guard header.count == 18, header.starts(with: [0x7f, 0x45, 0x4c, 0x46]) else { return }
        let type = UInt16(header[16]) | UInt16(header[17]) << 8
        if type == 3 {
            print("note: \(path) is position-independent; for the figures users see, build with")
            print("      " + command)
        }
    }

    /// Whether `bytes` holds `needle` (memchr for its first byte, then a compare).
    static func contains(_ bytes: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = bytes.baseAddress, !needle.isEmpty else { return false }
        var at = base
        let end = base + bytes.count
        while end - at >= needle.count {
            guard let hit = memchr(at, Int32(needle[0]), end - at - needle.count + 1) else { return false }
            if memcmp(hit, needle, needle.count) == 0 { return true }
            at = UnsafeRawPointer(hit) + 1
        }
        return false
    }
}

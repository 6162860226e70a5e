import Foundation

/// Warns when the `picnic` under test is not the build users should run: figures from a
/// position-independent binary include ~3 ms of start-up relocation (docs/DECISIONS.md, "Start-up").
enum BuildCheck {
    /// Prints a note on stdout when `path` is a position-independent (ET_DYN) ELF executable.
    static func warnIfPositionIndependent(_ path: String) {
        guard let h = FileHandle(forReadingAtPath: path) else { return }
        defer { try? h.close() }
        let header = h.readData(ofLength: 18)
        guard header.count == 18, header.starts(with: [0x7f, 0x45, 0x4c, 0x46]) else { return }
        let type = UInt16(header[16]) | UInt16(header[17]) << 8
        if type == 3 {
            print("note: \(path) is position-independent; for the figures users see, build with")
            print("      PICNIC_STATIC_RELEASE=1 swift build -c release --static-swift-stdlib --scratch-path .build-release")
        }
    }
}

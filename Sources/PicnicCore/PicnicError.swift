import Foundation

/// An error meant for a person: one line saying what and where, with a sysexits-style code.
public struct PicnicError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The exit codes of DESIGN.md.
    public enum Kind: Int32, Sendable {
        case usage = 64        // EX_USAGE: bad arguments, malformed filter, unknown id
        case dataError = 65    // EX_DATAERR: bad input data (unreadable date, bad import file)
        case unavailable = 69  // EX_UNAVAILABLE: the community server cannot be reached or is down
        case ioError = 74      // EX_IOERR: cannot read or write a file, not a database
        case protocolError = 76 // EX_PROTOCOL: the server speaks something else, or answered malformed data
        case permission = 77   // EX_NOPERM: the server refused the token or the action
        case config = 78       // EX_CONFIG: bad configuration file
        case interrupted = 130 // Ctrl-C, Esc in capture
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var exitCode: Int32 { kind.rawValue }
    public var description: String { message }

    public static func usage(_ m: String) -> PicnicError { .init(.usage, m) }
    public static func data(_ m: String) -> PicnicError { .init(.dataError, m) }
    public static func io(_ m: String) -> PicnicError { .init(.ioError, m) }
    public static func config(_ m: String) -> PicnicError { .init(.config, m) }
}

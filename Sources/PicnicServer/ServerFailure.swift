import Foundation

/// A failure of an admin command or of the server's start, as one line and an exit code
/// (docs/Server.md, "Exit codes").
public struct ServerFailure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }

    public static func usage(_ m: String) -> ServerFailure { ServerFailure(m, exitCode: 64) }
    public static func badData(_ m: String) -> ServerFailure { ServerFailure(m, exitCode: 65) }
    public static func unavailable(_ m: String) -> ServerFailure { ServerFailure(m, exitCode: 69) }
    public static func io(_ m: String) -> ServerFailure { ServerFailure(m, exitCode: 74) }
    public static func config(_ m: String) -> ServerFailure { ServerFailure(m, exitCode: 78) }
}

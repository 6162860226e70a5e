/// A terminal that cannot be used, with a one-line message for the user.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    /// The one-line message (no trailing newline).
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

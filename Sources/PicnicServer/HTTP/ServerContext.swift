import Hummingbird
import NIOCore

/// The request context: Hummingbird's core plus the peer's address (for the login throttle).
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or "unknown".
    let peer: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

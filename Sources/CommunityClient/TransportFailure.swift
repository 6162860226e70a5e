import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Turns what async-http-client and NIO throw into one line a person can act on.
enum TransportFailure {
    static func describe(_ error: Error, method: String, path: String, server: CommunityServer) -> CommunityError {
        if let e = error as? CommunityError { return e }
        let at = server.baseURL
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout, .tlsHandshakeTimeout:
                return CommunityError(.unreachable, "\(at): cannot connect (timed out)")
            case .readTimeout, .deadlineExceeded:
                return CommunityError(.unreachable, "\(at): no answer in time to \(method) \(CommunityClient.route(path))")
            case .remoteConnectionClosed:
                return CommunityError(.unreachable, "\(at): the connection was cut during \(method) \(CommunityClient.route(path))")
            case .invalidURL, .emptyHost, .emptyScheme:
                return CommunityError(.usage, "\(at): not a server URL")
            case .bodyLengthMismatch:
                return CommunityError(.protocolViolation, "\(at): \(method) \(CommunityClient.route(path)): the answer's length is wrong or too big")
            case .cancelled:
                return CommunityError(.unreachable, "\(at): the request was cancelled")
            default:
                return CommunityError(.unreachable, "\(at): \(method) \(CommunityClient.route(path)) failed (\(e))")
            }
        }
        if let e = error as? NIOConnectionError {
            if e.dnsAError != nil || e.dnsAAAAError != nil {
                return CommunityError(.unreachable, "\(at): cannot find the host \(e.host)")
            }
            let reasons = e.connectionErrors.map { describeSocket($0.error) }
            return CommunityError(.unreachable, "\(at): cannot connect (\(Array(Set(reasons)).sorted().joined(separator: ", ")))")
        }
        if let e = error as? IOError {
            return CommunityError(.unreachable, "\(at): cannot connect (\(describeSocket(e)))")
        }
        if let e = error as? ChannelError {
            switch e {
            case .connectTimeout: return CommunityError(.unreachable, "\(at): cannot connect (timed out)")
            case .ioOnClosedChannel, .eof, .alreadyClosed, .outputClosed, .inputClosed:
                return CommunityError(.unreachable, "\(at): the connection was cut during \(method) \(CommunityClient.route(path))")
            default: return CommunityError(.unreachable, "\(at): connection failed (\(e))")
            }
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            let text = "\(error)"
            let hint = server.isHTTPS ? "; for a self-signed server give its certificate with --ca-file" : ""
            if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("failedToValidateHostname") || text.contains("certificate") {
                return CommunityError(.protocolViolation, "\(at): the server's certificate is not trusted\(hint)")
            }
            if text.contains("WRONG_VERSION_NUMBER") || text.contains("wrong version") {
                return CommunityError(.protocolViolation, "\(at): the server does not speak HTTPS (try http://)")
            }
            return CommunityError(.protocolViolation, "\(at): the HTTPS handshake failed (\(CommunityClient.printable(text, 120)))\(hint)")
        }
        if let e = error as? HTTPParserError, e == .invalidEOFState {
            // The line went dead in the middle of an answer (no parse error of what came).
            return CommunityError(.unreachable, "\(at): the connection was cut during \(method) \(CommunityClient.route(path))")
        }
        if error is HTTPParserError {
            let hint = server.isHTTPS ? "" : " (an HTTPS server? try https://)"
            return CommunityError(.protocolViolation, "\(at): the answer is not HTTP\(hint)")
        }
        if error is NIOTooManyBytesError {
            return CommunityError(.protocolViolation, "\(at): \(method) \(CommunityClient.route(path)): the answer is too big")
        }
        if error is CancellationError { return CommunityError(.unreachable, "\(at): the request was cancelled") }
        return CommunityError(.unreachable, "\(at): \(method) \(CommunityClient.route(path)) failed (\(CommunityClient.printable("\(error)", 120)))")
    }

    static func describeSocket(_ error: Error) -> String {
        guard let io = error as? IOError else { return CommunityClient.printable("\(error)", 80) }
        switch io.errnoCode {
        case ECONNREFUSED: return "connection refused"
        case ETIMEDOUT: return "timed out"
        case EHOSTUNREACH, ENETUNREACH: return "no route to the host"
        case ECONNRESET: return "connection reset"
        default: return String(cString: strerror(io.errnoCode))
        }
    }
}

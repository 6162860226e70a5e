import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Real programs on loopback that a client meets by mistake: a plain web server, something that
/// does not speak HTTP at all, and a TLS server with a self-signed certificate. Each is started
/// for one test and stopped by `stop()`; readiness is read from what the program prints.
public final class Peer {
    public let child: Spawn.Child
    public let port: Int
    public let folder: URL

    private init(child: Spawn.Child, port: Int, folder: URL) {
        self.child = child
        self.port = port
        self.folder = folder
    }

    public func stop() {
        kill(child.pid, SIGKILL)
        _ = child.wait()
        try? FileManager.default.removeItem(at: folder)
    }

    public static var hasPython: Bool { TestSupport.which("python3") != nil }
    public static var hasOpenSSL: Bool { TestSupport.which("openssl") != nil }

    /// `python3 -m http.server` on a free port, serving `files` (path → content) from a temp folder.
    public static func webServer(files: [String: String] = [:]) throws -> Peer {
        let folder = TestSupport.makeTempDirectory("picnic-web")
        for (path, content) in files { try write(content, folder.appendingPathComponent(path)) }
        return try start(folder, script: "cd '\(folder.path)' && exec python3 -u -m http.server 0 --bind 127.0.0.1") { out in
            out.range(of: #"port (\d+)"#, options: .regularExpression).flatMap { Int(out[$0].dropFirst(5)) }
        }
    }

    /// A TCP server that greets every connection like an SSH server and closes it.
    public static func notHTTP() throws -> Peer {
        let folder = TestSupport.makeTempDirectory("picnic-nothttp")
        let program = """
            import socket
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", 0)); s.listen(8)
            print("port", s.getsockname()[1], flush=True)
            while True:
                c, _ = s.accept()
                try:
                    c.recv(4096); c.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\\r\\n")
                finally:
                    c.close()
            """
        try write(program, folder.appendingPathComponent("peer.py"))
        return try start(folder, script: "exec python3 -u '\(folder.path)/peer.py'") { out in
            out.range(of: #"port (\d+)"#, options: .regularExpression).flatMap { Int(out[$0].dropFirst(5)) }
        }
    }

    /// `openssl s_server -WWW` with a self-signed certificate for 127.0.0.1, serving `files`.
    /// Its certificate is `folder/cert.pem`.
    public static func tlsServer(files: [String: String]) throws -> Peer {
        let folder = TestSupport.makeTempDirectory("picnic-tls")
        for (path, content) in files { try write(content, folder.appendingPathComponent("www/" + path)) }
        let made = try TestSupport.run(URL(fileURLWithPath: "/bin/sh"), ["-c", """
            cd '\(folder.path)' && openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 \
              -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1,DNS:localhost 2>&1
            """])
        guard made.status == 0 else { throw PeerError("openssl req failed: \(made.stdout)") }
        let port = try freePort()
        let peer = try start(folder, script: """
            cd '\(folder.path)/www' && exec openssl s_server -WWW -accept 127.0.0.1:\(port) -cert ../cert.pem -key ../key.pem
            """) { out in out.contains("ACCEPT") ? port : nil }
        return peer
    }

    private static func start(_ folder: URL, script: String, ready: (String) -> Int?) throws -> Peer {
        let log = folder.appendingPathComponent("peer.log").path
        let child = try Spawn.start("/bin/sh", ["-c", script], stdout: log, stderr: folder.appendingPathComponent("peer.err").path)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let out = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let port = ready(out) { return Peer(child: child, port: port, folder: folder) }
            if let status = child.wait(timeout: 0.02) {
                let err = (try? String(contentsOfFile: folder.appendingPathComponent("peer.err").path, encoding: .utf8)) ?? ""
                throw PeerError("peer exited with \(status) before it was ready: \(err)")
            }
        }
        kill(child.pid, SIGKILL)
        _ = child.wait()
        throw PeerError("peer not ready within 20 s: \(script)")
    }

    /// A port nobody listens on right now (bound and released).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Bool in
                bind(fd, p, length) == 0 && getsockname(fd, p, &length) == 0
            }
        }
        guard bound else { throw PeerError("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func write(_ content: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: url, atomically: true, encoding: .utf8)
    }
}

public struct PeerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy in front of the real server that cuts the first answer to `GET /v1/changes` after
/// `cutAfter` bytes, and passes everything else through: a connection lost mid-pull.
final class CuttingProxy {
    let child: Spawn.Child
    let port: Int
    let folder: URL
    var url: String { "http://127.0.0.1:\(port)" }

    init(upstream: String, cutAfter: Int) throws {
        folder = TestSupport.makeTempDirectory("picnic-proxy")
        let target = URLComponents(string: upstream)!
        let program = """
            import socket, threading
            UP = ("\(target.host!)", \(target.port!))
            cut = {"left": 1}
            lock = threading.Lock()
            def close(*socks):
                for s in socks:
                    try: s.shutdown(socket.SHUT_RDWR)
                    except OSError: pass
                    s.close()
            def serve(c):
                u = socket.create_connection(UP)
                state = {"cutting": False}
                def requests():
                    try:
                        while True:
                            data = c.recv(65536)
                            if not data: break
                            with lock:
                                if b"GET /v1/changes" in data and cut["left"] > 0:
                                    cut["left"] -= 1; state["cutting"] = True
                            u.sendall(data)
                    except OSError: pass
                    finally: close(c, u)
                threading.Thread(target=requests, daemon=True).start()
                sent = 0
                try:
                    while True:
                        data = u.recv(65536)
                        if not data: break
                        if state["cutting"]:
                            # Headers and the start of the page, then the line goes dead.
                            room = \(cutAfter) - sent
                            if len(data) >= room:
                                c.sendall(data[:room]); break
                            sent += len(data)
                        c.sendall(data)
                except OSError: pass
                finally: close(c, u)
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", 0)); s.listen(16)
            print("port", s.getsockname()[1], flush=True)
            while True:
                c, _ = s.accept()
                threading.Thread(target=serve, args=(c,), daemon=True).start()
            """
        let script = folder.appendingPathComponent("proxy.py")
        try program.write(to: script, atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("proxy.log").path
        child = try Spawn.start("/bin/sh", ["-c", "exec python3 -u '\(script.path)'"], stdout: log,
                                stderr: folder.appendingPathComponent("proxy.err").path)
        var found: Int?
        try waitUntil(20, "the proxy's port") {
            let out = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            found = out.split(separator: " ").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return found != nil
        }
        port = found!
    }

    func stop() {
        kill(child.pid, SIGKILL)
        _ = child.wait()
        try? FileManager.default.removeItem(at: folder)
    }
}

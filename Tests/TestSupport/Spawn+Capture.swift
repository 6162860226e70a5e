import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Spawn {
    /// Runs `path` to completion with stdout and stderr captured through temporary files (no
    /// pipes: a daemon the command forks would hold a pipe open and its reader would never end).
    public static func capture(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                               directory: String? = "/") throws -> TestSupport.Output {
        let stamp = UUID().uuidString.prefix(8)
        let tmp = FileManager.default.temporaryDirectory
        let outURL = tmp.appendingPathComponent("picnic-cmd-\(stamp).out")
        let errURL = tmp.appendingPathComponent("picnic-cmd-\(stamp).err")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let status = try start(path, arguments, stdout: outURL.path, stderr: errURL.path,
                               environment: environment, directory: directory,
                               closeOtherDescriptors: true).wait()
        return TestSupport.Output(status: status,
                                  stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                                  stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

/// A free TCP port on the loopback address, asked of the kernel (bind to port 0, then close).
public enum FreePort {
    /// A port nobody listened on a moment ago. Another process may take it before the caller
    /// binds it, so callers that can retry on "address in use" do.
    public static func loopback() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresError("socket(): errno \(errno)") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw PostgresError("bind(127.0.0.1:0): errno \(errno)") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        guard named == 0 else { throw PostgresError("getsockname: errno \(errno)") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

import Foundation
import PicnicCore
#if canImport(Glibc)
import Glibc
#endif

/// Where API tokens live: one file each under `$XDG_CONFIG_HOME/picnic/tokens/` (default
/// `~/.config/picnic/tokens/`), the folder mode 0700 and each file 0600, named by the
/// community's `tokenID`. Never in the database, never printed.
public enum CommunityTokens {
    /// The folder (created on first save). `environment` defaults to the process's own.
    public static func folder(environment: [String: String]? = nil) -> String {
        let get: (String) -> String? = { name in environment.map { $0[name] } ?? Environment.value(name) }
        let base: String
        if let x = get("XDG_CONFIG_HOME"), !x.isEmpty {
            base = x
        } else {
            base = (get("HOME") ?? NSHomeDirectory()) + "/.config"
        }
        return base + "/picnic/tokens"
    }

    /// The token file of `id`.
    public static func path(_ id: String, environment: [String: String]? = nil) -> String {
        folder(environment: environment) + "/\(id).token"
    }

    /// Writes the token, replacing any earlier one, atomically and readable by the owner only.
    public static func save(_ token: String, id: String, environment: [String: String]? = nil) throws {
        let dir = folder(environment: environment)
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw PicnicError.io("\(dir): cannot create the token folder")
        }
        chmod(dir, 0o700)
        let target = path(id, environment: environment)
        let temp = target + ".\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL, 0o600)
        guard fd >= 0 else { throw PicnicError.io("\(temp): cannot write the token file") }
        let bytes = Array((token + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temp, target) == 0 else {
            unlink(temp)
            throw PicnicError.io("\(target): cannot write the token file")
        }
    }

    /// Reads the token of `id`; a `.config` error when it is missing or readable by others.
    public static func read(_ id: String, environment: [String: String]? = nil) throws -> String {
        try readFile(path(id, environment: environment), ownerOnly: true)
    }

    /// Reads a token from a file a person names (`--token-file`): the first line, trimmed.
    /// `ownerOnly` refuses a file others may read (the stored tokens must stay private).
    public static func readFile(_ path: String, ownerOnly: Bool = false) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw PicnicError.config("\(path): no token file (join the community again)") }
        if ownerOnly, info.st_mode & 0o077 != 0 {
            throw PicnicError.config("\(path): readable by others; chmod 600 it (or join again)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw PicnicError.io("\(path): cannot read the token file") }
        let token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !token.isEmpty else { throw PicnicError.data("\(path): the token file is empty") }
        guard token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw PicnicError.data("\(path): a token is printable ASCII without spaces")
        }
        return token
    }

    /// Removes the token of `id` (nothing when it is not there).
    public static func remove(_ id: String, environment: [String: String]? = nil) {
        unlink(path(id, environment: environment))
    }
}

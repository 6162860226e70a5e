import Foundation
import ProcessSpawn

/// Shared helpers for the test targets: temp folders, the built binaries, the shared data.
public enum TestSupport {
    /// The repository root (found from this file's path).
    public static let repositoryRoot: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// `../shared/data` beside the repository, or `$PICNIC_SHARED_DATA`; nil when absent
    /// (tests that need it skip with a message).
    public static let sharedData: URL? = {
        let env = ProcessInfo.processInfo.environment["PICNIC_SHARED_DATA"]
        let candidates = [env.map { URL(fileURLWithPath: $0) },
                          repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")]
        for case let url? in candidates where FileManager.default.fileExists(atPath: url.path) {
            return url
        }
        return nil
    }()

    /// A file under the shared data folder, or nil when it is not there.
    public static func sharedFile(_ relative: String) -> URL? {
        guard let base = sharedData else { return nil }
        let url = base.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The folder holding the built products (`picnic`, `picnic-eval`, …).
    public static let productsDirectory: URL = {
        // The test bundle runs from .build/<triple>/debug/; the executables sit beside it.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }()

    /// A built executable of this package.
    public static func binary(_ name: String) -> URL {
        productsDirectory.appendingPathComponent(name)
    }

    /// A fresh, empty temporary folder owned by one test.
    public static func makeTempDirectory(_ label: String = "picnic") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Whether an executable is on PATH.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// The result of running a process.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs an executable with arguments, optional stdin and extra environment, and waits.
    @discardableResult
    public static func run(_ executable: URL, _ arguments: [String], stdin: String? = nil,
                           environment: [String: String] = [:]) throws -> Output {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        // stdin is always a pipe (empty when nil), both outputs are read to their end together.
        let run = try ChildProcess.run([executable.path] + arguments,
                                       ChildProcess.Options(environment: env, stdin: .bytes(Array((stdin ?? "").utf8)),
                                                            stdout: .capture, stderr: .capture))
        return Output(status: run.status, stdout: run.stdoutText, stderr: run.stderrText)
    }

    /// Runs `picnic` against the database at `db`.
    @discardableResult
    public static func picnic(_ arguments: [String], db: URL, stdin: String? = nil,
                              environment: [String: String] = [:]) throws -> Output {
        try run(binary("picnic"), ["--db", db.path] + arguments, stdin: stdin, environment: environment)
    }
}

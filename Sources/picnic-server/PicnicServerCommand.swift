import ArgumentParser
import Foundation
import Logging
import PicnicServer

/// `picnic-server`: the team community's server and its admin commands (docs/Server.md).
@main
struct PicnicServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picnic-server",
        abstract: "The Picnic team community's server, over PostgreSQL.",
        discussion: "Every command takes --db URL or $PICNIC_SERVER_DB (postgres://USER@HOST:PORT/DATABASE). See docs/Server.md.",
        version: "picnic-server \(PicnicServerVersion.version)",
        subcommands: [Migrate.self, Serve.self, UserCommand.self, TokenCommand.self, SpaceCommand.self, Demo.self])
}

/// `--db URL`, or `$PICNIC_SERVER_DB`.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "The database URL (default $PICNIC_SERVER_DB).")
    var db: String?

    func url() throws -> DatabaseURL {
        guard let text = db ?? ProcessInfo.processInfo.environment["PICNIC_SERVER_DB"], !text.isEmpty else {
            throw ServerFailure.usage("give --db URL or set PICNIC_SERVER_DB (postgres://USER@HOST:PORT/DATABASE)")
        }
        return try DatabaseURL(parsing: text)
    }
}

/// Runs a command's work: a failure is one line on stderr and its exit code (docs/Server.md).
enum CommandRun {
    static func guarded(_ body: () async throws -> Void) async throws {
        bootstrapLogging()
        do {
            try await body()
        } catch let e as ServerFailure {
            FileHandle.standardError.write(Data("picnic-server: \(e.message)\n".utf8))
            throw ExitCode(e.exitCode)
        } catch let e as ExitCode {
            throw e
        } catch {
            FileHandle.standardError.write(Data("picnic-server: \(error)\n".utf8))
            throw ExitCode(70)
        }
    }

    static let logger: Logger = {
        var l = Logger(label: "picnic-server")
        l.logLevel = logLevel
        return l
    }()

    static var logLevel: Logger.Level {
        ProcessInfo.processInfo.environment["PICNIC_SERVER_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
    }

    nonisolated(unsafe) private static var bootstrapped = false
    static func bootstrapLogging() {
        guard !bootstrapped else { return }
        bootstrapped = true
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
    }

    /// The ready line, on stderr once the socket accepts connections (a test or a script waits
    /// for it instead of sleeping; docs/Server.md, "Operations").
    static func ready(_ url: String) {
        FileHandle.standardError.write(Data("picnic-server: listening on \(url)\n".utf8))
    }

    /// A line on stdout, at once (a waiting script reads it).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

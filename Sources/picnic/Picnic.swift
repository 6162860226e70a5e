import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

@main
struct Picnic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picnic",
        abstract: "Your work queue, and the community help that matches the task in hand.",
        discussion: """
        Global options, accepted anywhere on the line: --db PATH (or $PICNIC_DB) and \
        --config PATH. Every command is in docs/CLI.md.

        Exit codes:
          0    ok
          64   usage: a bad argument, option, filter or task number
          65   bad input data: a value or a file that does not read
          74   I/O: a file or the database cannot be read or written
          78   config: a bad configuration file
          130  interrupted
        """,
        version: Picnic.version,
        subcommands: Picnic.commands
    )

    /// What `picnic --version` prints; raised by hand with each release (docs/DECISIONS.md).
    static let version = "picnic 0.1.0"

    @Flag(name: .long, help: "Open the dashboard on a throwaway welcome workspace.")
    var demo = false

    func run() throws {
        try DashboardCommand(demo: demo).run()
    }

    /// Pulls the global `--db` / `--config` out of the arguments (they may stand anywhere),
    /// then runs the command and maps errors to the exit codes of DESIGN.md.
    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        do {
            Global.databasePath = try Global.take("--db", from: &args)
            Global.configPath = try Global.take("--config", from: &args)
        } catch {
            Global.fail(error)
        }
        do {
            if let fast = FastPath.command(for: args) {
                try fast()
                return
            }
            if let first = args.first, let mistyped = CommandSuggestion.error(for: first) { throw mistyped }
            var command = try parseAsRoot(args)
            try command.run()
        } catch {
            Global.fail(error)
        }
    }
}

/// Process-wide settings shared by every command.
enum Global {
    nonisolated(unsafe) static var databasePath: String?
    nonisolated(unsafe) static var configPath: String?

    /// The database chosen by `--db`, `$PICNIC_DB` or the XDG default.
    static var resolvedDatabasePath: String { databasePath ?? AppDatabase.defaultPath() }

    /// Connections the process keeps until it exits (see `openDatabase`).
    nonisolated(unsafe) static var openConnections: [AnyObject] = []

    /// Opens the store for a command. The connection is never closed: the process ends soon after,
    /// every change is already committed, and tearing the connection down (schema, caches, queue)
    /// costs more of a short command than the kernel's cleanup at exit.
    static func openDatabase() throws -> AppDatabase {
        let db = try AppDatabase(path: resolvedDatabasePath, notice: { note("picnic: " + $0) })
        openConnections.append(db)
        return db
    }

    static func take(_ flag: String, from args: inout [String]) throws -> String? {
        var value: String?
        var i = 0
        while i < args.count {
            if args[i] == "--" { break }
            if args[i] == flag {
                guard i + 1 < args.count else { throw PicnicError.usage("\(flag) needs a value") }
                value = args[i + 1]
                args.removeSubrange(i...(i + 1))
            } else if args[i].hasPrefix(flag + "=") {
                value = String(args[i].dropFirst(flag.count + 1))
                args.remove(at: i)
            } else {
                i += 1
            }
        }
        return value
    }

    /// Prints a one-line error on stderr and exits with its code.
    static func fail(_ error: Error) -> Never {
        if let e = error as? PicnicError {
            FileHandle.standardError.write(Data("picnic: \(e.message)\n".utf8))
            exit(e.exitCode)
        }
        let code = Picnic.exitCode(for: error)
        if code == .validationFailure {
            FileHandle.standardError.write(Data((ParserErrorLine.line(fromFullMessage: Picnic.fullMessage(for: error)) + "\n").utf8))
            exit(code.rawValue)
        }
        Picnic.exit(withError: error)
    }

    /// The short numbers `refs` name now, by task (a finished or deleted task gives its up, and
    /// its message still says it).
    static func numbers(_ refs: [String], _ db: AppDatabase) throws -> [UUID: Int] {
        var out: [UUID: Int] = [:]
        for ref in refs { let t = try db.task(ref: ref); if let n = t.number { out[t.uuid] = n } }
        return out
    }

    /// Writes a line to stderr (messages; data goes to stdout).
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

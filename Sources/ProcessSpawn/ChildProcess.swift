import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting another program, the one way Picnic does it (the dashboard's editor and browser, the
/// clipboard, the feed importer's curl, `picnic capture`'s git, the benchmarks and the tests).
///
/// `posix_spawn` with an argv, never a shell, so nothing in a task or a post becomes a command;
/// every standard stream set on purpose; in the child an empty signal mask and default signal
/// dispositions (a test thread or the dashboard may block or ignore some, and the mask is
/// inherited); the child reaped with `wait4`, which also reports the CPU time it used.
/// Foundation's `Process` is not used: it can miss the exit of a child that forks a daemon
/// (tmux), and it costs milliseconds per run that a 10 ms command would show.
public enum ChildProcess {
    /// Where the child's standard input comes from.
    public enum Input: Sendable {
        /// `/dev/null`.
        case null
        /// This process's own standard input (a terminal, for an editor).
        case inherit
        /// A file, opened for reading.
        case file(String)
        /// These bytes, through a pipe (written by `Running.finish`).
        case bytes([UInt8])
        /// A descriptor of this process (a pseudo-terminal, for the benchmarks).
        case descriptor(Int32)
    }

    /// Where the child's standard output or error goes.
    public enum Output: Sendable {
        /// `/dev/null`.
        case null
        /// This process's own stream.
        case inherit
        /// A file, created or truncated.
        case file(String)
        /// A pipe, read by `Running.finish` into `Result`.
        case capture
        /// A descriptor of this process.
        case descriptor(Int32)
        /// For standard error: wherever standard output goes.
        case sameAsStdout
    }

    /// How to start a child.
    public struct Options: Sendable {
        /// The child's whole environment; nil passes this process's.
        public var environment: [String: String]?
        public var stdin: Input
        public var stdout: Output
        public var stderr: Output
        /// The child's working directory (nil: this process's).
        public var directory: String?
        /// Look a program name without a `/` up in the environment's `PATH`.
        public var searchPath: Bool
        /// A session of its own: out of reach of a ^C to our process group, alive when our
        /// terminal closes (a browser, a daemon).
        public var newSession: Bool
        /// Close every inherited descriptor above 2 in the child (the default): a daemon must
        /// not hold our pipes open, nor another thread's child a pipe of ours.
        public var closeOtherDescriptors: Bool

        /// Options; by default every stream on /dev/null, this process's environment.
        public init(environment: [String: String]? = nil, stdin: Input = .null, stdout: Output = .null,
                    stderr: Output = .null, directory: String? = nil, searchPath: Bool = false,
                    newSession: Bool = false, closeOtherDescriptors: Bool = true) {
            self.environment = environment
            self.stdin = stdin; self.stdout = stdout; self.stderr = stderr
            self.directory = directory; self.searchPath = searchPath
            self.newSession = newSession; self.closeOtherDescriptors = closeOtherDescriptors
        }
    }

    /// A program that could not be started: its name and the reason (`strerror`).
    public struct StartError: Error, CustomStringConvertible, Sendable {
        public var program: String
        public var code: Int32
        public var description: String { "cannot run \(program): \(String(cString: strerror(code)))" }
    }

    /// Starts `argv` (`argv[0]` a path, or a name with `searchPath`); the caller waits for it
    /// (`Running.wait`) or hands it `finish` when it feeds or captures a stream.
    public static func start(_ argv: [String], _ options: Options = Options()) throws -> Running {
        guard let program = argv.first, !program.isEmpty else { throw StartError(program: "(nothing)", code: EINVAL) }
        var pipes = Pipes()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        do {
            try pipes.input(options.stdin, &actions)
            try pipes.output(options.stdout, fd: 1, &actions)
            try pipes.output(options.stderr, fd: 2, &actions)
        } catch {
            pipes.closeAll()
            throw StartError(program: program, code: (error as? StartError)?.code ?? EIO)
        }
        if let directory = options.directory, let addchdir = GlibcSpawnExtras.addchdir { _ = addchdir(&actions, directory) }
        if options.closeOtherDescriptors, let closefrom = GlibcSpawnExtras.addclosefrom { _ = closefrom(&actions, 3) }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGQUIT] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        let session = options.newSession ? GlibcSpawnExtras.setsid : 0
        posix_spawnattr_setflags(&attr, Int16(Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | session))

        let cargv = argv.map { strdup($0) } + [nil]
        let cenv = (options.environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cargv + cenv).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = options.searchPath
            ? posix_spawnp(&pid, program, &actions, &attr, cargv, cenv)
            : posix_spawn(&pid, program, &actions, &attr, cargv, cenv)
        pipes.closeChildEnds()
        guard rc == 0 else {
            pipes.closeAll()
            throw StartError(program: program, code: rc)
        }
        return Running(pid: pid, stdin: pipes.stdinWrite, stdout: pipes.stdoutRead, stderr: pipes.stderrRead,
                       input: { if case .bytes(let b) = options.stdin { return b } else { return [] } }())
    }

    /// Runs `argv` to completion: feeds `.bytes` input, collects `.capture` outputs, waits.
    public static func run(_ argv: [String], _ options: Options = Options()) throws -> Result {
        try start(argv, options).finish()
    }

    /// Whether `name` (a path, or a name looked up in `path`) is an executable file.
    public static func isProgram(_ name: String, path: String? = nil) -> Bool {
        let isFile: (String) -> Bool = { file in
            var st = stat()
            return access(file, X_OK) == 0 && stat(file, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        }
        if name.contains("/") { return isFile(name) }
        let dirs = path ?? getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        return dirs.split(separator: ":").contains { isFile("\($0)/\(name)") }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure while driving tmux, carrying the last screen seen so a test log shows what happened.
public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var screen: String

    public init(_ message: String, screen: String = "") {
        self.message = message
        self.screen = screen
    }

    public var description: String {
        screen.isEmpty ? message : "\(message)\n--- screen ---\n\(screen)\n--------------"
    }
}

/// A private tmux server with one session running an interactive shell, for end-to-end tests.
///
/// Each session owns its socket (`tmux -S`), starts with no user config (`-f /dev/null`), a fixed
/// size and `LANG=C.UTF-8`, and is killed (server, socket and temp folder) by `close()` or deinit.
/// Programs are started from the pane's shell with `launch`, which also arranges the readiness
/// FIFO (`PICNIC_READY_FIFO`, see docs/Testing.md) and a `tmux wait-for` channel signalled on exit,
/// so tests synchronise on real events and never on sleeps.
public final class TmuxSession: @unchecked Sendable {
    /// Whether tmux is installed; tests use `.enabled(if: TmuxSession.isAvailable, …)`.
    public static let isAvailable: Bool = tmuxPath != nil
    /// Why end-to-end tests skip when tmux is missing.
    public static let skipMessage = "tmux is not installed: end-to-end tests skipped"
    static let tmuxPath: String? = TestSupport.which("tmux")

    /// The private socket of this session's server.
    public let socket: String
    /// A temp folder owned by this session (FIFOs, exit files, scripts).
    public let directory: URL
    /// The target pane (`session:window.pane`).
    public let target = "e2e:0.0"
    private var launches = 0
    private var closed = false

    /// Starts a detached session `width`×`height` running `/bin/sh` with `environment` added.
    ///
    /// `terminal` sets the pane's `TERM` (tmux's `default-terminal`).
    public init(width: Int = 80, height: Int = 24, environment: [String: String] = [:],
                terminal: String = "tmux-256color") throws {
        guard Self.isAvailable else { throw TmuxError(Self.skipMessage) }
        directory = TestSupport.makeTempDirectory("picnic-tmux")
        // Sockets have a short path limit (108 bytes): keep it in the temp folder's root.
        socket = directory.appendingPathComponent("s").path
        var env = ["LANG": "C.UTF-8", "PS1": "$ ", "ENV": ""]
        for (k, v) in environment { env[k] = v }
        var args = ["start-server", ";", "set-option", "-g", "default-terminal", terminal, ";",
                    "set-option", "-g", "exit-empty", "on", ";",
                    "new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)"]
        for (k, v) in env.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append("/bin/sh")
        try tmux(args)
        // The shell is ready once it has drawn its prompt.
        _ = try waitUntil(timeout: 10) { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    deinit { close() }

    /// Kills the server and removes the socket and temp folder. Safe to call twice.
    public func close() {
        if closed { return }
        closed = true
        _ = try? tmux(["kill-server"], check: false)
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Driving

    /// Runs a tmux command against this server; returns stdout. Throws when tmux fails.
    @discardableResult
    public func tmux(_ arguments: [String], check: Bool = true) throws -> String {
        guard let path = Self.tmuxPath else { throw TmuxError(Self.skipMessage) }
        // Output goes to files, not pipes: the server tmux forks inherits the client's
        // descriptors, so a pipe would never reach end-of-file while the server lives.
        let stamp = UUID().uuidString.prefix(8)
        let outURL = directory.appendingPathComponent("out-\(stamp)")
        let errURL = directory.appendingPathComponent("err-\(stamp)")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let status = try Spawn.start(path, ["-S", socket, "-f", "/dev/null"] + arguments,
                                     stdout: outURL.path, stderr: errURL.path).wait()
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        if check && status != 0 {
            let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw TmuxError("tmux \(arguments.joined(separator: " ")) failed (\(status)): \(err)")
        }
        return out
    }

    /// Sends keys by tmux name (`"j"`, `"Enter"`, `"C-c"`, `"Escape"`, `"Up"`…), one argument each.
    public func sendKeys(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// Types `text` literally (no key-name lookup).
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", text])
    }

    /// The visible screen as plain text, one line per row (trailing blanks trimmed by tmux).
    /// With `escapes`, attributes and colours are included as SGR sequences (`capture-pane -e`).
    public func capturePane(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
    }

    /// Evaluates a tmux format for the pane, e.g. `#{alternate_on}`, `#{pane_title}`.
    public func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", target, format])
            .trimmingCharacters(in: .newlines)
    }

    /// Whether the pane is showing the alternate screen.
    public func alternateScreenOn() throws -> Bool { try display("#{alternate_on}") == "1" }

    /// The pane's title as set by programs (OSC 0/2).
    public func paneTitle() throws -> String { try display("#{pane_title}") }

    /// Names of the paste buffers on this server (empty when nothing was copied).
    public func bufferNames() throws -> [String] {
        try tmux(["list-buffers", "-F", "#{buffer_name}"], check: false)
            .split(separator: "\n").map(String.init)
    }

    /// Resizes the window (and so the pane) to `width`×`height`.
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "e2e:0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the real screen until `predicate` holds; returns that screen.
    /// Throws with the last screen when `timeout` seconds pass first.
    @discardableResult
    public func waitUntil(timeout: TimeInterval = 10, _ predicate: (String) throws -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = try capturePane()
            if try predicate(screen) { return screen }
            if Date() >= deadline { throw TmuxError("timed out after \(timeout)s waiting for the screen", screen: screen) }
            usleep(15_000) // between polls of the real screen, not to synchronise
        }
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        do {
            return try waitUntil(timeout: timeout) { $0.contains(text) }
        } catch let e as TmuxError {
            throw TmuxError("timed out waiting for \(text.debugDescription)", screen: e.screen)
        }
    }

    /// Polls a tmux format until it has `value`.
    public func waitForFormat(_ format: String, toBe value: String, timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try display(format) != value {
            if Date() >= deadline {
                throw TmuxError("\(format) never became \(value) (is \(try display(format)))", screen: try capturePane())
            }
            usleep(15_000)
        }
    }

    // MARK: - Launching programs

    /// Starts `arguments` from the pane's shell with `environment` added.
    ///
    /// Before launch a FIFO is created and named in `PICNIC_READY_FIFO`; on exit the shell writes
    /// the status to a file and signals a `tmux wait-for` channel. Use the returned `Launch` to
    /// wait for the first frame and for the exit.
    public func launch(_ arguments: [String], environment: [String: String] = [:]) throws -> Launch {
        launches += 1
        let n = launches
        let fifo = directory.appendingPathComponent("ready-\(n)").path
        let status = directory.appendingPathComponent("status-\(n)").path
        let channel = "exit-\(n)-\(UUID().uuidString.prefix(8))"
        guard mkfifo(fifo, 0o600) == 0 else { throw TmuxError("mkfifo \(fifo): errno \(errno)") }
        // Opened read-write and non-blocking: the app's non-blocking write-open then succeeds,
        // and the test never sees EOF before the app has written its line.
        let fd = open(fifo, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw TmuxError("open \(fifo): errno \(errno)") }
        var env = environment
        env["PICNIC_READY_FIFO"] = fifo
        let assignments = env.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\(Self.quote($0.value))" }
        let script = """
        env \(assignments.joined(separator: " ")) \(arguments.map(Self.quote).joined(separator: " "))
        echo $? > \(Self.quote(status))
        \(Self.quote(Self.tmuxPath!)) -S \(Self.quote(socket)) wait-for -S \(channel)

        """
        let scriptPath = directory.appendingPathComponent("run-\(n).sh").path
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        try type(". \(scriptPath)")
        try sendKeys("Enter")
        return Launch(session: self, fifoDescriptor: fd, statusPath: status, channel: channel)
    }

    /// Quotes a word for `/bin/sh`.
    public static func quote(_ s: String) -> String {
        if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }), s.first != "=" {
            return s
        }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A program started in the pane by `launch`.
    public final class Launch: @unchecked Sendable {
        let session: TmuxSession
        let fifoDescriptor: Int32
        let statusPath: String
        let channel: String
        private var buffer = Data()
        /// The pid the app reported in its ready line (`ready PID`), once ready.
        public private(set) var pid: Int32?

        init(session: TmuxSession, fifoDescriptor: Int32, statusPath: String, channel: String) {
            self.session = session
            self.fifoDescriptor = fifoDescriptor
            self.statusPath = statusPath
            self.channel = channel
        }

        deinit { Glibc.close(fifoDescriptor) }

        /// The exit status once the program has ended, else nil.
        public var exitStatus: Int32? {
            guard let s = try? String(contentsOfFile: statusPath, encoding: .utf8) else { return nil }
            return Int32(s.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        /// Waits for the program's ready line on the FIFO (written after its first full frame);
        /// returns the line. Fails early, with the screen, if the program exits first.
        @discardableResult
        public func waitForReady(timeout: TimeInterval = 15) throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                if let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[..<nl], as: UTF8.self)
                    buffer.removeSubrange(...nl)
                    let parts = line.split(separator: " ")
                    if parts.count >= 2, let p = Int32(parts[1]) { pid = p }
                    return line
                }
                if let status = exitStatus {
                    throw TmuxError("the program exited with \(status) before it was ready", screen: (try? session.capturePane()) ?? "")
                }
                if Date() >= deadline {
                    throw TmuxError("no ready line on the FIFO after \(timeout)s", screen: (try? session.capturePane()) ?? "")
                }
                var pfd = pollfd(fd: fifoDescriptor, events: Int16(POLLIN), revents: 0)
                if poll(&pfd, 1, 50) > 0 {
                    var chunk = [UInt8](repeating: 0, count: 256)
                    let n = read(fifoDescriptor, &chunk, chunk.count)
                    if n > 0 { buffer.append(contentsOf: chunk[0..<n]) }
                }
            }
        }

        /// Blocks on the exit channel (`tmux wait-for`) and returns the exit status.
        @discardableResult
        public func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
            guard let path = TmuxSession.tmuxPath else { throw TmuxError(TmuxSession.skipMessage) }
            let waiter = try Spawn.start(path, ["-S", session.socket, "-f", "/dev/null", "wait-for", channel])
            if waiter.wait(timeout: timeout) == nil {
                kill(waiter.pid, SIGTERM)
                _ = waiter.wait()
                throw TmuxError("the program did not exit within \(timeout)s", screen: (try? session.capturePane()) ?? "")
            }
            guard let status = exitStatus else { throw TmuxError("exit channel signalled but no status file") }
            return status
        }

        /// Sends a signal to the program (its pid comes from the ready line).
        public func signal(_ sig: Int32) throws {
            guard let pid else { throw TmuxError("no pid: wait for the ready line first") }
            guard kill(pid, sig) == 0 else { throw TmuxError("kill(\(pid), \(sig)): errno \(errno)") }
        }
    }
}

import Foundation
import TestSupport

/// Runs `termui-demo` in a private tmux server (own socket, no config) and talks to it:
/// frames are announced on a FIFO, so the tests wait for a frame instead of sleeping.
final class TmuxHarness {
    let dir: URL
    let socket: String
    let fifo: String
    let status: String
    private var lines: [String] = []
    private let lock = NSLock()
    private let available = DispatchSemaphore(value: 0)
    private var reader: Thread?

    static var tmux: String? { TestSupport.which("tmux") }

    init(width: Int = 80, height: Int = 24, arguments: [String] = [], environment: [String: String] = [:]) throws {
        dir = TestSupport.makeTempDirectory("termui-tmux")
        socket = dir.appendingPathComponent("sock").path
        fifo = dir.appendingPathComponent("frames").path
        status = dir.appendingPathComponent("status").path
        guard mkfifo(fifo, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        let fifoPath = fifo
        reader = Thread { [weak self] in
            guard let handle = FileHandle(forReadingAtPath: fifoPath) else { return }
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let nl = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...nl)
                    guard let self else { return }
                    self.lock.lock(); self.lines.append(line); self.lock.unlock()
                    self.available.signal()
                }
            }
        }
        reader?.start()
        let demo = TestSupport.binary("termui-demo").path
        let quotedArgs = arguments.map { "'\($0)'" }.joined(separator: " ")
        let command = "\(demo) --frames \(fifo) \(quotedArgs); echo $? > \(status); tmux -S \(socket) wait-for -S done; exec cat"
        var args = ["-S", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                    "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8"]
        var env = ["TERM": "xterm-256color"]
        for (k, v) in environment { env[k] = v }
        for (k, v) in env.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        if environment["NO_COLOR"] == nil { args += ["-e", "NO_COLOR="] }
        // The server daemonizes and would hold on to pipes: give new-session no pipes at all.
        try run(args + [command], capture: false)
    }

    deinit {
        _ = try? run(["-S", socket, "kill-server"])
        // Unblock the reader if the demo never opened the FIFO.
        let fd = open(fifo, O_WRONLY | O_NONBLOCK)
        if fd >= 0 { close(fd) }
        try? FileManager.default.removeItem(at: dir)
    }

    /// The next frame line (`frame N WxH key=… depth=… pid=…`), or nil after `timeout` seconds.
    func nextFrame(timeout: Double = 15) -> String? {
        guard available.wait(timeout: .now() + timeout) == .success else { return nil }
        lock.lock(); defer { lock.unlock() }
        return lines.removeFirst()
    }

    /// Sends tmux key names (`j`, `C-d`, `Escape`, `Up`…).
    func send(_ keys: String...) throws { try send(keys) }
    func send(_ keys: [String]) throws { try run(["-S", socket, "send-keys"] + keys) }

    /// The visible pane text.
    func capture() throws -> String { try run(["-S", socket, "capture-pane", "-p"]) }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}`.
    func display(_ format: String) throws -> String {
        try run(["-S", socket, "display", "-p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["-S", socket, "resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits for the demo to exit (signalled through `tmux wait-for`); its exit status.
    func waitForExit(timeout: Double = 20) throws -> Int32? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.tmux!)
        p.arguments = ["-S", socket, "wait-for", "done"]
        let finished = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in finished.signal() }
        try p.run()
        if finished.wait(timeout: .now() + timeout) != .success { p.terminate(); return nil }
        let text = (try? String(contentsOfFile: status, encoding: .utf8)) ?? ""
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @discardableResult
    private func run(_ args: [String], capture: Bool = true) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.tmux!)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TMUX")
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let out = Pipe()
        p.standardOutput = capture ? out : FileHandle.nullDevice
        try p.run()
        let data = capture ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

extension String {
    /// The value of `key=` in a frame line.
    func field(_ key: String) -> String? {
        split(separator: " ").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }
}

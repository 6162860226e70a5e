import Foundation
import ProcessSpawn
#if canImport(Glibc)
import Glibc
#endif

extension DashboardBench {
    /// One launch of the dashboard in a fresh pseudo-terminal.
    struct Launch {
        /// From just before `posix_spawn` to the ready line (written after the first full frame).
        var firstFrame: Double
        /// CPU time of the child's drawing thread up to the ready line (its `cpu-ms=` field), in ms.
        var firstFrameCPU: Double
        /// From just before `posix_spawn` to the child's exit after the keys (the whole queue is
        /// loaded before the first key is read, so this bounds the time until keys are answered).
        var exited: Double
        /// Peak resident set of the child (its VmHWM, sampled until it exits), in MB.
        var peakRSS: Double
        var status: Int32
    }

    /// Spawns `argv` on a new pty of `width`×`height` with `PICNIC_READY_FIFO` set, times the first
    /// frame, types `keysAfterReady` (which should end with `q`), and reaps it with `wait4`.
    static func launchInPty(_ argv: [String], environment: [String: String], width: Int, height: Int,
                            keysAfterReady: String, workDir: URL) throws -> Launch {
        let fifo = workDir.appendingPathComponent("ready-\(UUID().uuidString.prefix(6))").path
        guard mkfifo(fifo, 0o600) == 0 else { throw BenchError("mkfifo \(fifo)") }
        defer { unlink(fifo) }
        let readyFD = open(fifo, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        defer { close(readyFD) }

        // posix_openpt & co. are not in Swift's Glibc module: the Linux ioctls do the same.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
            throw BenchError("cannot open a pseudo-terminal")
        }
        let name = "/dev/pts/\(number)"
        var ws = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &ws)
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw BenchError("cannot open \(name)") }

        var env = environment
        env["PICNIC_READY_FIFO"] = fifo
        // The pty on every standard stream; the child's other copies of it (and our FIFO) closed.
        let options = ChildProcess.Options(environment: env, stdin: .descriptor(slave), stdout: .descriptor(slave),
                                           stderr: .descriptor(slave), newSession: true, closeOtherDescriptors: true)

        // The child's output must be read or it blocks on a full pty.
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var buf = [UInt8](repeating: 0, count: 65536)
            while read(master, &buf, buf.count) > 0 {}
            drained.signal()
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = Swift.Result { try ChildProcess.start(argv, options) }
        close(slave)
        let pid: pid_t
        do { pid = try spawned.get().pid } catch { close(master); throw BenchError("\(error)") }

        var ready: UInt64?
        var cpu = Double.nan
        let deadline = start + 20_000_000_000
        var line = [UInt8](repeating: 0, count: 128)
        while ready == nil && DispatchTime.now().uptimeNanoseconds < deadline {
            var pfd = pollfd(fd: readyFD, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 20) > 0 {
                let n = read(readyFD, &line, line.count)
                if n > 0 {
                    ready = DispatchTime.now().uptimeNanoseconds
                    let text = String(decoding: line[0..<n], as: UTF8.self)
                    if let r = text.range(of: "cpu-ms=") {
                        cpu = Double(text[r.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? .nan
                    } else if let ran = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/schedstat", encoding: .utf8),
                              let ns = Double(ran.split(separator: " ").first ?? "") {
                        // An older binary without the field: its main thread's time on a CPU so
                        // far (it idles on the keyboard once the frame is drawn).
                        cpu = ns / 1e6
                    }
                }
            }
            var st: Int32 = 0
            if ready == nil, waitpid(pid, &st, WNOHANG) == pid {
                close(master)
                throw BenchError("\(argv[0]) exited (status \(st)) before its first frame")
            }
        }
        guard let ready else {
            kill(pid, SIGKILL)
            throw BenchError("no first frame within 20 s")
        }
        for byte in keysAfterReady.utf8 {
            var b = byte
            _ = write(master, &b, 1)
        }
        // The child's own peak, sampled from /proc until it exits: `ru_maxrss` would report the
        // bench's peak instead, since posix_spawn's vfork makes the child start in our memory.
        let peak = PeakSampler(pid: pid)
        var status: Int32 = 0
        var usage = rusage()
        let killer = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: killer)
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exited = DispatchTime.now().uptimeNanoseconds
        killer.cancel()
        close(master)
        _ = drained.wait(timeout: .now() + 2)
        return Launch(firstFrame: Double(ready - start) / 1e6, firstFrameCPU: cpu, exited: Double(exited - start) / 1e6,
                      peakRSS: peak.stop() ?? Double(usage.ru_maxrss) / 1024, status: status)
    }
}

/// A benchmark failure with a one-line reason.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

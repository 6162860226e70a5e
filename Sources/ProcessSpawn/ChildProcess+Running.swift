import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ChildProcess {
    /// How a child ended.
    public struct Exit: Sendable, Equatable {
        /// The exit code, or 128 + N when signal N ended it (as shells report it).
        public var status: Int32
        /// User + system CPU milliseconds the child used.
        public var cpuMilliseconds: Double
    }

    /// How a run went: the exit, and the captured output (empty when not captured).
    public struct Result: Sendable {
        public var status: Int32
        public var cpuMilliseconds: Double
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        /// Standard output as text (invalid UTF-8 repaired).
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        /// Standard error as text.
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// A started child, not reaped yet.
    public struct Running: Sendable {
        /// The child's process id.
        public let pid: pid_t
        let stdin: Int32?
        let stdout: Int32?
        let stderr: Int32?
        let input: [UInt8]

        /// Waits for the child to end.
        public func wait() -> Exit {
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
            return Self.exit(status, usage)
        }

        /// Waits up to `timeout` seconds; nil while it is still running.
        public func wait(timeout: TimeInterval) -> Exit? {
            let deadline = Date().addingTimeInterval(timeout)
            var status: Int32 = 0
            var usage = rusage()
            while true {
                let r = wait4(pid, &status, WNOHANG, &usage)
                if r == pid { return Self.exit(status, usage) }
                if r < 0 && errno != EINTR { return Exit(status: -1, cpuMilliseconds: 0) }
                if Date() >= deadline { return nil }
                usleep(5_000) // polling the child's state, not synchronising on time
            }
        }

        /// Waits for the child on a background thread, so a detached child (a browser) does
        /// not stay a zombie.
        public func reapInBackground() {
            let pid = pid
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
        }

        /// Writes the `.bytes` input, reads the `.capture` outputs to their end, and waits.
        /// SIGPIPE is held on this thread while it writes, so a child that stops reading ends
        /// the input instead of this process.
        public func finish() -> Result {
            var pipeSignal = sigset_t(), old = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            if stdin != nil { pthread_sigmask(SIG_BLOCK, &pipeSignal, &old) }
            var out: [UInt8] = [], err: [UInt8] = []
            var writeFD = stdin, outFD = stdout, errFD = stderr
            var written = 0
            if let fd = writeFD { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            if writeFD != nil && input.isEmpty { close(writeFD!); writeFD = nil }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while writeFD != nil || outFD != nil || errFD != nil {
                var fds: [pollfd] = []
                if let fd = writeFD { fds.append(pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)) }
                if let fd = outFD { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
                if let fd = errFD { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
                if poll(&fds, nfds_t(fds.count), -1) < 0 {
                    if errno == EINTR { continue }
                    break
                }
                for p in fds where p.revents != 0 {
                    if p.fd == writeFD {
                        let n = input[written...].withUnsafeBufferPointer { write(p.fd, $0.baseAddress, $0.count) }
                        if n > 0 { written += n }
                        if written >= input.count || (n < 0 && errno != EAGAIN && errno != EINTR) {
                            close(p.fd); writeFD = nil
                        }
                    } else {
                        let n = read(p.fd, &buffer, buffer.count)
                        if n > 0 {
                            if p.fd == outFD { out += buffer[0..<n] } else { err += buffer[0..<n] }
                        } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                            close(p.fd)
                            if p.fd == outFD { outFD = nil } else { errFD = nil }
                        }
                    }
                }
            }
            [writeFD, outFD, errFD].compactMap { $0 }.forEach { close($0) }
            if stdin != nil {
                var pending = sigset_t()
                sigpending(&pending)
                if sigismember(&pending, SIGPIPE) == 1 {
                    var zero = timespec()
                    _ = sigtimedwait(&pipeSignal, nil, &zero)
                }
                pthread_sigmask(SIG_SETMASK, &old, nil)
            }
            let exit = wait()
            return Result(status: exit.status, cpuMilliseconds: exit.cpuMilliseconds, stdout: out, stderr: err)
        }

        static func exit(_ status: Int32, _ usage: rusage) -> Exit {
            let sig = status & 0x7f
            func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1e3 + Double(t.tv_usec) / 1e3 }
            return Exit(status: sig == 0 ? (status >> 8) & 0xff : 128 + sig,
                        cpuMilliseconds: ms(usage.ru_utime) + ms(usage.ru_stime))
        }
    }
}

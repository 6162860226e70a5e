import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells a waiting test or benchmark that the first full frame is on screen (docs/Testing.md).
///
/// When `$PICNIC_READY_FIFO` names a FIFO, writes one line `ready PID cpu-ms=MS` to it, once
/// (MS: CPU time of the drawing thread so far). The open is
/// non-blocking: with nobody reading (ENXIO) the signal is simply dropped, never a hang.
enum ReadySignal {
    nonisolated(unsafe) private static var sent = false

    static func send(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if sent { return }
        sent = true
        guard let path = environment["PICNIC_READY_FIFO"], !path.isEmpty else { return }
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return }
        let line = Array("ready \(getpid()) cpu-ms=\(String(format: "%.2f", threadCPUMilliseconds()))\n".utf8)
        _ = line.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// CPU time (user + system) the calling thread has used since exec, in ms: the first-frame
    /// cost without the waiting a loaded machine adds (the benchmark quotes both).
    static func threadCPUMilliseconds() -> Double {
        var ts = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0 else { return 0 }
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
    }
}

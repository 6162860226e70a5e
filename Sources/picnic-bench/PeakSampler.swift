import Foundation

/// Samples a child's peak resident set (`VmHWM` in /proc/PID/status) every millisecond until
/// stopped. `VmHWM` belongs to the process's own address space since its exec, unlike
/// `ru_maxrss`, which after posix_spawn (vfork) starts from the parent's peak.
final class PeakSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private var peakKB = 0
    private let finished = DispatchSemaphore(value: 0)

    init(pid: pid_t) {
        DispatchQueue.global().async { [self] in
            let path = "/proc/\(pid)/status"
            while lock.withLock({ running }) {
                if let kb = Self.hwm(path) { lock.withLock { peakKB = max(peakKB, kb) } }
                usleep(1000)
            }
            finished.signal()
        }
    }

    /// Stops sampling; the peak in MB, or nil if none was read.
    func stop() -> Double? {
        lock.withLock { running = false }
        finished.wait()
        let kb = lock.withLock { peakKB }
        return kb > 0 ? Double(kb) / 1024 : nil
    }

    static func hwm(_ path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One environment variable, read with `getenv`: `ProcessInfo.processInfo.environment` builds a
/// dictionary of the whole environment on every access, a measurable part of a short command.
public enum Environment {
    /// The variable's value, or nil when it is unset.
    public static func value(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }
}


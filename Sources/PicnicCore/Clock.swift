import Foundation

/// The time commands take as "now": the machine's clock, or `PICNIC_NOW` (ISO 8601, e.g.
/// `2026-12-07T09:00:00Z`) so that tests can move the clock without touching the machine's.
public enum Clock {
    /// Now, in whole seconds when `PICNIC_NOW` sets it.
    public static func now() -> Date {
        if let text = Environment.value("PICNIC_NOW"), !text.isEmpty, let d = TaskJSON.parse(text) { return d }
        return Date()
    }
}

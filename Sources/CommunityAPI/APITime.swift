import Foundation
import PicnicCore

/// RFC 3339 times as the API writes them (`2026-12-03T07:23:13.123Z`), fast both ways: a feed
/// page of thousands of posts is mostly times and text.
public enum APITime {
    /// The time in UTC, to the nearest millisecond.
    public static func format(_ date: Date) -> String {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        let total = Int64(ms)
        var seconds = total.quotientFloor(1000)
        let millis = Int(total - seconds * 1000)
        let days = seconds.quotientFloor(86_400)
        seconds -= days * 86_400
        let (y, m, d) = CivilDays.date(days)
        var out = [UInt8]()
        out.reserveCapacity(24)
        func put(_ v: Int, _ width: Int) {
            var digits = [UInt8](repeating: 0x30, count: width)
            var v = v
            for k in stride(from: width - 1, through: 0, by: -1) { digits[k] = UInt8(0x30 + v % 10); v /= 10 }
            out.append(contentsOf: digits)
        }
        put(Int(y), 4); out.append(0x2D); put(Int(m), 2); out.append(0x2D); put(Int(d), 2); out.append(0x54)
        put(Int(seconds / 3600), 2); out.append(0x3A); put(Int(seconds / 60 % 60), 2); out.append(0x3A)
        put(Int(seconds % 60), 2); out.append(0x2E); put(millis, 3); out.append(0x5A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count >= 20 else { return nil }
            func num(_ from: Int, _ count: Int) -> Int? {
                var v = 0
                for k in from..<(from + count) {
                    let c = b[k]
                    guard c >= 0x30, c <= 0x39 else { return nil }
                    v = v * 10 + Int(c - 0x30)
                }
                return v
            }
            guard let y = num(0, 4), b[4] == 0x2D, let mo = num(5, 2), b[7] == 0x2D, let d = num(8, 2),
                  b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20, let h = num(11, 2), b[13] == 0x3A,
                  let mi = num(14, 2), b[16] == 0x3A, let s = num(17, 2),
                  (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
            var i = 19
            var fraction = 0.0
            if i < b.count, b[i] == 0x2E {
                i += 1
                var scale = 0.1
                let start = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { fraction += Double(b[i] - 0x30) * scale; scale /= 10; i += 1 }
                guard i > start else { return nil }
            }
            guard i < b.count else { return nil }
            var offset = 0
            if b[i] == 0x5A || b[i] == 0x7A {
                i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D, i + 6 == b.count, let oh = num(i + 1, 2), b[i + 3] == 0x3A,
                      let om = num(i + 4, 2) {
                offset = (oh * 3600 + om * 60) * (b[i] == 0x2D ? -1 : 1)
                i += 6
            } else {
                return nil
            }
            guard i == b.count else { return nil }
            let days = CivilDays.days(year: Int64(y), month: Int64(mo), day: Int64(d))
            let seconds = Double(days * 86_400 + Int64(h * 3600 + mi * 60 + s - offset))
            // Milliseconds are exact on the wire; round the fraction to them, as `format` writes.
            return Date(timeIntervalSince1970: seconds + (fraction * 1000).rounded() / 1000)
        }
    }
}

extension Int64 {
    /// Division rounding towards negative infinity.
    func quotientFloor(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

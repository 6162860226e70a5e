import Foundation

/// One Server-Sent Event (`event:`, `data:`, `id:`, `retry:` lines ended by a blank line).
public struct ServerSentEvent: Equatable, Sendable {
    public var event: String
    public var data: String
    public var id: String?
    public var retry: Int?

    public init(event: String = "message", data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }

    /// The event as the stream's bytes.
    public var wireText: String {
        var s = ""
        if let retry { s += "retry: \(retry)\n" }
        if let id { s += "id: \(id)\n" }
        if event != "message" { s += "event: \(event)\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) { s += "data: \(line)\n" }
        return s + "\n"
    }

    /// A `head` event (the feed moved to `head`).
    public static func head(_ head: Int64) -> ServerSentEvent {
        ServerSentEvent(event: "head", data: String(decoding: APIJSON.encode(APIHeadEvent(head: head)), as: UTF8.self))
    }

    /// The comment the server sends every 15 s so a dead connection is noticed.
    public static let ping = ": ping\n\n"
}

/// Reads a `text/event-stream` in chunks as they arrive (the WHATWG rules: LF, CRLF or CR line
/// ends, comment lines, multi-line data, `retry` only when numeric).
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var lastWasCR = false
    private var event = ""
    private var data: [String] = []
    private var hasData = false
    private var id: String?
    private var retry: Int?

    public init() {}

    /// Feeds bytes; returns the events they completed.
    public mutating func feed<S: Sequence>(_ bytes: S) -> [ServerSentEvent] where S.Element == UInt8 {
        var out: [ServerSentEvent] = []
        for c in bytes {
            if c == 0x0A, lastWasCR { lastWasCR = false; continue }
            lastWasCR = c == 0x0D
            if c == 0x0A || c == 0x0D {
                if let e = endLine() { out.append(e) }
            } else {
                line.append(c)
            }
        }
        return out
    }

    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            defer { event = ""; data = []; hasData = false; retry = nil }
            guard hasData || retry != nil else { return nil }
            return ServerSentEvent(event: event.isEmpty ? "message" : event, data: data.joined(separator: "\n"), id: id, retry: retry)
        }
        if line[0] == 0x3A { return nil }   // a comment
        let text = String(decoding: line, as: UTF8.self)
        var field = text, value = ""
        if let colon = text.firstIndex(of: ":") {
            field = String(text[..<colon])
            value = String(text[text.index(after: colon)...])
            if value.hasPrefix(" ") { value.removeFirst() }
        }
        switch field {
        case "event": event = value
        case "data": data.append(value); hasData = true
        case "id": if !value.contains("\0") { id = value }
        case "retry": if let r = Int(value), r >= 0, value.allSatisfy(\.isNumber) { retry = r }
        default: break
        }
        return nil
    }
}

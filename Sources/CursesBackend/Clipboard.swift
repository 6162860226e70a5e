import Foundation
import Glibc
import ProcessSpawn
import TermUI

/// Copying text to the user's clipboard from a terminal program: OSC 52 (the one escape
/// sequence Picnic emits on purpose, carrying base64 of sanitized text, so it cannot smuggle
/// anything) or, inside tmux when OSC 52 would not get through, the tmux paste buffer.
public enum Clipboard {
    /// How the text was copied.
    public enum Method: String, Sendable { case osc52, tmuxBuffer }

    /// Largest text sent through OSC 52 (terminals cap the sequence; xterm at about 100 kB).
    public static let osc52Limit = 74_000

    /// The OSC 52 sequence that puts `text` (sanitized first) on the clipboard, or nil when too long.
    public static func osc52Sequence(_ text: String) -> [UInt8]? {
        let clean = Sanitizer.clean(text, tabWidth: 4)
        let data = Data(clean.utf8)
        guard data.count <= osc52Limit else { return nil }
        return Array("\u{1B}]52;c;\(data.base64EncodedString())\u{07}".utf8)
    }

    /// Whether OSC 52 is likely to reach the clipboard: inside tmux only when `set-clipboard`
    /// is `on` or `external`; in GNU screen and the Linux console no; elsewhere yes (most
    /// terminal emulators accept it or ignore it harmlessly).
    public static func osc52Likely(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if environment["TMUX"].map({ !$0.isEmpty }) == true {
            guard let value = tmux(["show", "-gv", "set-clipboard"], environment: environment) else { return false }
            let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return v == "on" || v == "external"
        }
        let term = environment["TERM"] ?? ""
        if term == "linux" || term.hasPrefix("screen") || term == "dumb" { return false }
        return true
    }

    /// Copies `text`: OSC 52 to the controlling terminal when likely to work, else the tmux
    /// buffer when inside tmux. Returns how, or nil when neither was possible.
    @discardableResult
    public static func copy(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Method? {
        if osc52Likely(environment: environment), let seq = osc52Sequence(text), writeToTTY(seq) { return .osc52 }
        if environment["TMUX"].map({ !$0.isEmpty }) == true {
            let clean = Sanitizer.clean(text, tabWidth: 4)
            if tmux(["load-buffer", "-"], stdin: clean, environment: environment) != nil { return .tmuxBuffer }
        }
        return nil
    }

    /// Writes bytes straight to /dev/tty (bypassing curses, which would not pass them through).
    static func writeToTTY(_ bytes: [UInt8]) -> Bool {
        let fd = open("/dev/tty", O_WRONLY | O_NOCTTY)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return false }
            written += n
        }
        return true
    }

    /// Runs `tmux ARGS`; its stdout, or nil when it failed.
    static func tmux(_ args: [String], stdin: String? = nil, environment: [String: String]) -> String? {
        let input: ChildProcess.Input = stdin.map { .bytes(Array($0.utf8)) } ?? .null
        let options = ChildProcess.Options(environment: environment, stdin: input, stdout: .capture, searchPath: true)
        guard let run = try? ChildProcess.run(["tmux"] + args, options), run.status == 0 else { return nil }
        return run.stdoutText
    }
}

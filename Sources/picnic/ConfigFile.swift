import Dashboard
import Foundation
import PicnicCore

/// config.toml as this executable reads it; the pure parsers (`Keymap.parse`,
/// `CaptureConfig.parse`) get its text.
struct ConfigFile {
    /// The file named (or looked for).
    let path: String
    /// Its text; nil when the default file does not exist.
    let text: String?

    /// `$XDG_CONFIG_HOME/picnic/config.toml`, or `~/.config/picnic/config.toml`.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/picnic/config.toml"
    }

    /// Reads the file: `explicitPath` (from `--config`) must exist; the default path may be absent.
    static func read(explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConfigFile {
        let path = explicitPath ?? defaultPath(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            if explicitPath != nil { throw PicnicError.config("\(path): no such config file") }
            return ConfigFile(path: path, text: nil)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PicnicError.config("\(path): cannot read the config file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PicnicError.config("\(path): the config file is not UTF-8")
        }
        return ConfigFile(path: path, text: text)
    }

    /// The global `--config` file of this run.
    static func current() throws -> ConfigFile { try read(explicitPath: Global.configPath) }

    /// The keymap: defaults plus the file's `[keys.*]` tables.
    func keymap() throws -> Keymap {
        try text.map { try Keymap.parse(configText: $0, file: path) } ?? .defaults
    }

    /// The `[capture]` settings.
    func capture() throws -> CaptureConfig {
        try text.map { try CaptureConfig.parse(configText: $0, file: path) } ?? CaptureConfig()
    }
}

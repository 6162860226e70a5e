import Foundation

/// `[capture] record_origin = true` in config.toml (read with a minimal scan: one boolean).
enum CaptureSettings {
    static func recordOrigin(configPath: String?) -> Bool {
        let env = ProcessInfo.processInfo.environment
        let path = configPath ?? ((env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.config") + "/picnic/config.toml")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        var section = ""
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.split(separator: "#", maxSplits: 1).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.hasPrefix("[") { section = line; continue }
            guard section == "[capture]" else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "record_origin" { return parts[1] == "true" }
        }
        return false
    }
}

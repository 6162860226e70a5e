import Foundation

/// Text that tries to drive a terminal or break its columns, for the sanitizer and width tests of
/// the CLI and the dashboard alike.
public enum HostileText {
    /// Each item is one attack (or one hard case for display width).
    public static let corpus: [String] = [
        "Pwn\u{1B}]52;c;ZWNobyBoaQ==\u{07}ed",              // OSC 52: write the clipboard
        "title\u{1B}]2;owned\u{1B}\\ here",                  // OSC 2 with ST: the window title
        "red\u{1B}[31m text \u{1B}[2J\u{1B}[H",             // CSI: colour, clear, home
        "c1\u{9B}31m csi \u{9D}0;x\u{9C} osc",               // 8-bit CSI and OSC
        "bell\u{07} nul\u{0} del\u{7F} cr\u{0D}over",        // C0 controls, DEL, CR
        "\u{202E}gnp.exe\u{202C} and \u{2066}iso\u{2069} \u{200F}rlm \u{061C}alm", // bidi
        "line\u{2028}sep\u{2029}para \u{FEFF}bom",
        "emoji 👩‍💻 flag 🇫🇷 keycap 1️⃣ wide 漢字テスト 한국어", // widths 2
        "combining e\u{0301}\u{0301} zero\u{200B}width",
    ]

    /// Scalars that must never reach a terminal from untrusted text.
    public static func isForbidden(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F..<0xA0).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C || v == 0x2028 || v == 0x2029
    }

    /// Payloads of the escape sequences in the corpus: none may be printed.
    public static let payloads = ["ZWNobyBoaQ", "52;", "]2;", "[31m", "[2J", "31m csi"]
}

import TermUI

extension Keymap {
    /// `docs/Keybindings.md`: every mode's bindings and every action, generated from the keymap.
    public func markdown() -> String {
        var out = """
        # Key bindings

        Generated from the keymap in `Sources/Dashboard/Keymap.swift` — do not edit by hand.
        Regenerate with `PICNIC_RECORD=1 swift test --filter KeybindingsDoc`.

        Override any binding in `$XDG_CONFIG_HOME/picnic/config.toml` (or the file given with
        `--config`), one table per mode; `"none"` removes a binding:

        ```toml
        [keys.normal]
        "ctrl-n" = "move-down"
        "ctrl-p" = "move-up"
        "x" = "none"
        ```

        Key names: a character (`j`, `G`, `?`, `+`), `space`, `ctrl-<key>`, `alt-<key>`, `enter`,
        `esc`, `tab`, `backtab`, `backspace`, `delete`, `insert`, `up`, `down`, `left`, `right`,
        `home`, `end`, `pgup`, `pgdn`, `f1`…`f24`; a sequence is names separated by spaces (`"g g"`).
        An unknown action or key name, the same key twice in a table, or a sequence that is a
        prefix of another is refused at start-up with the file and line (exit code 78).

        Prompts (filter, add, modify, annotate) also take readline keys for the keys they do not
        bind: `Ctrl-a`/`Ctrl-e` start/end, `Ctrl-w` delete word, `Ctrl-u`/`Ctrl-k` delete to
        start/end, `←`/`→`, `↑`/`↓` history.

        """
        for mode in Mode.allCases {
            let entries = entries(in: mode)
            out += "\n## \(mode.title) (`[keys.\(mode.rawValue)]`)\n\n| keys | action | what it does |\n|---|---|---|\n"
            if entries.isEmpty { out += "| | | (nothing bound) |\n" }
            for (action, seqs) in entries {
                let keys = seqs.map { "`\($0.name)`" }.joined(separator: ", ")
                out += "| \(keys) | `\(action.name)` | \(action.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        out += "\n## All actions\n\n| action | what it does |\n|---|---|\n"
        for b in Binding.all {
            out += "| `\(b.action.name)` | \(b.summary) |\n"
        }
        return out
    }
}

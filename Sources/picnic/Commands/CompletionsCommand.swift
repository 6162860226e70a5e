import ArgumentParser

/// `picnic completions bash|zsh|fish`: print a shell completion script.
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print a completion script: eval \"$(picnic completions bash)\".",
        discussion: "Same as picnic --generate-completion-script SHELL. See docs/CLI.md for installing it.")

    @Argument(help: "bash, zsh or fish.")
    var shell: String

    func run() throws {
        guard let s = CompletionShell(rawValue: shell) else {
            throw ValidationError("unknown shell '\(shell)': use bash, zsh or fish")
        }
        print(Picnic.completionScript(for: s), terminator: "")
    }
}

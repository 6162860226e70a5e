import ArgumentParser

extension Picnic {
    /// Every subcommand, in the order `picnic --help` lists them.
    /// Add one line per command; the command itself lives in its own file in this folder.
    static let commands: [ParsableCommand.Type] = [
        StatusCommand.self,
        TmuxCommand.self,
    ]
}

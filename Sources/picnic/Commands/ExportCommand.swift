import ArgumentParser

/// `picnic export FORMAT`: write every task (done and deleted too) to stdout.
/// Each format is a subcommand; add one line to `formats` for a new one.
struct ExportCommand: ParsableCommand {
    static let formats: [ParsableCommand.Type] = [
        ExportJSONCommand.self,
        ExportTaskwarriorCommand.self,
        ExportTodoTxtCommand.self,
    ]

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every task to stdout in a format other tools read.",
        subcommands: formats)
}

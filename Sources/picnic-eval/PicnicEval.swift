import ArgumentParser

/// Relevance measurements of Picnic's matcher on labelled data.
@main
struct PicnicEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picnic-eval",
        abstract: "Measure how well Picnic's matcher ranks community posts, on labelled data.",
        subcommands: [SemEvalCommand.self]
    )
}

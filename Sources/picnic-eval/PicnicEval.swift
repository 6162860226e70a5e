import ArgumentParser
import Foundation
import PicnicCore

/// Relevance measurements of Picnic's matcher on labelled data.
@main
struct PicnicEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picnic-eval",
        abstract: "Measure how well Picnic's matcher ranks community posts, on labelled data.",
        subcommands: [SemEvalCommand.self]
    )

    /// Runs the command; a `PicnicError` prints one line and exits with its code (DESIGN.md).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let e as PicnicError {
            FileHandle.standardError.write(Data("picnic-eval: \(e.message)\n".utf8))
            Foundation.exit(e.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}

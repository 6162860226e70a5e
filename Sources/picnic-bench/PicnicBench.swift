import ArgumentParser
import Foundation

/// Benchmarks that print figures (never timed tests). Build with
/// `swift build -c release --static-swift-stdlib` and run `.build/release/picnic-bench SUBCOMMAND`.
@main
struct PicnicBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picnic-bench",
        abstract: "Measure Picnic: speed, memory and side-by-side peers.",
        subcommands: PicnicBench.benches
    )
}

import ArgumentParser
import Foundation

/// Benchmarks that print figures (never timed tests). Build with
/// `PICNIC_STATIC_RELEASE=1 swift build -c release --static-swift-stdlib --pkg-config-path Sources/picnic/StaticLink --scratch-path .build-release` and run `.build-release/release/picnic-bench SUBCOMMAND`.
@main
struct PicnicBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "picnic-bench",
        abstract: "Measure Picnic: speed, memory and side-by-side peers.",
        subcommands: PicnicBench.benches
    )
}

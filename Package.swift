// swift-tools-version:6.0
import PackageDescription
import Foundation

/// Set for the static release build that benchmarks and users run (see `picnic` below).
let staticRelease = ProcessInfo.processInfo.environment["PICNIC_STATIC_RELEASE"] == "1"

let package = Package(
    name: "Picnic",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "picnic", targets: ["picnic"]),
        .executable(name: "picnic-eval", targets: ["picnic-eval"]),
        .executable(name: "picnic-bench", targets: ["picnic-bench"]),
        .executable(name: "picnic-sync", targets: ["picnic-sync"]),
        .executable(name: "picnic-server", targets: ["picnic-server"]),
        .executable(name: "picnic-load", targets: ["picnic-load"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // The team server (PicnicServer, picnic-server) and the community client (CommunityClient,
        // PicnicSync, picnic-sync): NIO-based, never linked into picnic.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // Also PicnicFormats' SHA-256 (ContentHash); ~1 min more on a cold build (BoringSSL).
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
    ],
    targets: [
        // Domain: tasks, posts, quick-add, dates, urgency, matcher. Foundation only (and the
        // static word-vector table, data in C).
        .target(name: "PicnicCore", dependencies: ["CWordVectors"]),
        // The matcher's static word vectors: generated data only (scripts/gen_word_vectors.py),
        // compiled into the binary so nothing is loaded or downloaded at run time.
        .target(name: "CWordVectors"),
        // SQLite through GRDB: migrations, records, FTS5, undo journal, change polling.
        .target(name: "PicnicStore", dependencies: [
            "PicnicCore", "CSQLiteTuning",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Two SQLite settings Swift cannot reach (a variadic C function): keep the WAL between runs.
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The community API's contract (docs/CommunityAPI.md): wire types, limits, JSON, SSE.
        // Shared by picnic-server and every client; Foundation and PicnicCore only.
        .target(name: "CommunityAPI", dependencies: ["PicnicCore"]),
        // The typed HTTP client of the community API (async-http-client): auth, timeouts, a custom
        // CA, errors as one line and an exit code, the SSE stream. Used by sync, the server's tests
        // and the load generator; never linked into picnic (docs/DECISIONS.md, "Networking").
        .target(name: "CommunityClient", dependencies: [
            "CommunityAPI", "PicnicCore", "TermUI",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The sync engine: pull pages into the store, push the outbox, the live connection.
        .target(name: "PicnicSync", dependencies: [
            "CommunityClient", "CommunityAPI", "PicnicStore", "PicnicCore",
        ]),
        // The networking helper that picnic runs for community commands and background sync.
        .executableTarget(name: "picnic-sync", dependencies: [
            "PicnicSync", "CommunityClient", "CommunityAPI", "PicnicStore", "PicnicCore", "TermUI",
        ]),
        // Importers and exporters for the formats people already have.
        .target(name: "PicnicFormats", dependencies: [
            "PicnicCore", "ProcessSpawn", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Starting other programs, the one way (posix_spawn, argv only, streams set on purpose).
        .target(name: "ProcessSpawn"),
        // Pure terminal UI: cells, display width, screen buffer, diff, widgets. Foundation only.
        .target(name: "TermUI"),
        // The dashboard state machine: Event -> update -> Effects; render -> ScreenBuffer.
        .target(name: "Dashboard", dependencies: [
            "PicnicCore", "TermUI", "CommunityAPI",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The project's own default data (the welcome workspace), shipped as a resource bundle.
        .target(name: "PicnicResources", path: "Resources", resources: [.copy("welcome")]),
        // ncursesw with the wide-character API.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // The only code that calls ncurses.
        .target(name: "CursesBackend", dependencies: ["TermUI", "CNcursesw", "ProcessSpawn"]),
        // A playground for TermUI on the real backend; the subject of the backend's tmux tests.
        .executableTarget(name: "termui-demo", dependencies: ["TermUI", "CursesBackend"]),
        .executableTarget(name: "picnic", dependencies: [
            "PicnicCore", "PicnicStore", "PicnicFormats", "TermUI", "Dashboard", "CursesBackend", "ProcessSpawn",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "PicnicResources",
        ],
        // Link configuration for the fast release build, not sources (see StaticLink/zlib.pc).
        exclude: ["StaticLink"],
        // With PICNIC_STATIC_RELEASE=1 (set it only with --static-swift-stdlib): a
        // position-dependent executable, so the loader need not relocate ~90,000 pointers at each
        // start, which `picnic status` in tmux's status line pays often (docs/DECISIONS.md,
        // "Start-up"). Against a shared Swift runtime it would warn at every start, so opt-in.
        linkerSettings: staticRelease ? [.unsafeFlags(["-Xclang-linker", "-no-pie"])] : []),
        .executableTarget(name: "picnic-eval", dependencies: [
            "PicnicCore", "PicnicStore", "PicnicFormats",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "picnic-bench", dependencies: [
            "PicnicCore", "PicnicStore", "PicnicFormats", "TermUI", "Dashboard", "ProcessSpawn",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The team community server: HTTP (Hummingbird), PostgreSQL (postgres-nio), the feed, SSE.
        .target(name: "PicnicServer", dependencies: [
            "CommunityAPI", "PicnicCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        ]),
        // The server's admin commands: migrate, serve, user/token/space, demo.
        .executableTarget(name: "picnic-server", dependencies: [
            "PicnicServer", "CommunityAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The community load test (docs/Scaling.md): simulated users over CommunityClient against
        // the real picnic-server on a real PostgreSQL (TestSupport's clusters), beside pgbench.
        .executableTarget(name: "picnic-load", dependencies: [
            "CommunityClient", "CommunityAPI", "TestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Helpers shared by the test targets (temp folders, built binaries, ../shared/data).
        .target(name: "TestSupport", dependencies: ["ProcessSpawn"], path: "Tests/TestSupport"),
        .testTarget(name: "PicnicCoreTests", dependencies: ["TestSupport", "PicnicCore"]),
        .testTarget(name: "CommunityAPITests", dependencies: ["TestSupport", "CommunityAPI", "PicnicCore"]),
        .testTarget(name: "CommunityClientTests", dependencies: [
            "TestSupport", "CommunityClient", "CommunityAPI", "PicnicCore",
        ]),
        .testTarget(name: "PicnicSyncTests", dependencies: [
            "TestSupport", "PicnicSync", "CommunityClient", "CommunityAPI", "PicnicStore", "PicnicCore", "picnic-sync",
        ]),
        .testTarget(name: "PicnicStoreTests", dependencies: ["TestSupport", "PicnicStore", "PicnicCore"]),
        .testTarget(name: "PicnicFormatsTests", dependencies: ["TestSupport", "PicnicFormats", "PicnicCore"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "TermUITests", dependencies: ["TestSupport", "TermUI"]),
        .testTarget(name: "ProcessSpawnTests", dependencies: ["ProcessSpawn"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["TestSupport", "CursesBackend", "TermUI", "termui-demo"]),
        .testTarget(name: "DashboardTests", dependencies: ["TestSupport", "Dashboard", "TermUI", "PicnicCore", "CommunityAPI"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "PicnicCLITests", dependencies: ["TestSupport", "PicnicCore", "PicnicStore", "picnic"]),
        // The real server on a real PostgreSQL (skips with a message when PostgreSQL is missing).
        .testTarget(name: "PicnicServerTests", dependencies: [
            "TestSupport", "PicnicServer", "CommunityAPI", "PicnicCore", "picnic-server",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The real binary in a real terminal: tmux on a private socket, one per test.
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "PicnicCore", "picnic-server", "picnic-sync"]),
                // Faults with the real binaries: kill -9, PostgreSQL restarts, cut clients, two instances,
        // reads on a replica; and picnic-load's own short run.
        .testTarget(name: "ServerFaultTests", dependencies: [
            "TestSupport", "CommunityClient", "CommunityAPI", "picnic-server", "picnic-load",
        ]),
        // The PostgreSQL harness itself: private clusters, databases, templates, replicas.
        .testTarget(name: "PostgresHarnessTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)

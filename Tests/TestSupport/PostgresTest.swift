import Foundation

/// The PostgreSQL that tests share (docs/Testing.md, "PostgreSQL").
///
/// `$PICNIC_TEST_PG_URL` (a superuser URL on loopback, exported by `.ci/run`) when set; otherwise
/// a private cluster started once per test process on first use and stopped at its exit. Each test
/// takes a database of its own (`database()`), dropped when the test lets go of it.
///
/// Suites use `.enabled(if: PostgresTest.isEnabled, "\(PostgresTest.skipMessage)")`: where
/// PostgreSQL is missing they skip, except in CI (`CI=true`), where they run and fail with the
/// reason, so a CI without PostgreSQL cannot pass by skipping.
public enum PostgresTest {
    /// The variable `.ci/run` exports.
    public static let urlVariable = "PICNIC_TEST_PG_URL"
    /// Why a suite skipped (the reason itself is printed once on stderr when first known).
    public static let skipMessage = "PostgreSQL 15 could not be reached or started (reason on stderr): tests skipped"
    /// Whether this is a CI run (`CI=true`): a missing PostgreSQL fails instead of skipping.
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    private static let shared: Result<PostgresCluster, PostgresError> = {
        let result: Result<PostgresCluster, PostgresError>
        do {
            if let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty {
                let cluster = try PostgresCluster(url: url)
                try cluster.psql("SELECT 1")
                result = .success(cluster)
            } else {
                result = .success(try PostgresCluster.startPrivate())
            }
        } catch let error as PostgresError {
            result = .failure(error)
        } catch {
            result = .failure(PostgresError("\(error)"))
        }
        if case .failure(let error) = result {
            let what = isCI ? "CI=true, so the tests that need it fail" : "the tests that need it skip"
            FileHandle.standardError.write(Data("PostgresTest: PostgreSQL is not available (\(error)); \(what)\n".utf8))
        }
        return result
    }()

    /// Whether PostgreSQL could be reached or started (starts the shared cluster on first use).
    public static var isAvailable: Bool {
        if case .success = shared { return true }
        return false
    }

    /// The condition for `.enabled(if:)`: available, or a CI run (where the test must fail).
    public static var isEnabled: Bool { isCI || isAvailable }

    /// The shared server; throws why it is not available.
    public static func cluster() throws -> PostgresCluster { try shared.get() }

    /// A fresh database on the shared server for one test, optionally a copy of a template made
    /// by `template(_:prepare:)`.
    public static func database(template: String? = nil, label: String = "test") throws -> PostgresDatabase {
        try cluster().createDatabase(template: template, label: label)
    }

    /// A template on the shared server, made once per process (see `PostgresCluster.template`).
    public static func template(_ key: String, prepare: (PostgresDatabase) throws -> Void) throws -> String {
        try cluster().template(key, prepare: prepare)
    }

    /// A private cluster owned by one test, for tests that stop or restart PostgreSQL itself
    /// or need a replica of their own primary.
    public static func privateCluster(settings: [String: String] = [:]) throws -> PostgresCluster {
        try PostgresCluster.startPrivate(settings: settings)
    }
}

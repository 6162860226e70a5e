import Foundation
import TestSupport

/// One dashboard under test: its own tmux server, database, config and state folders.
final class DashboardHarness {
    let tmux: TmuxSession
    let home: URL
    let db: URL
    /// The session's environment (HOME, the XDG folders, PATH and `environment`), also given to `picnic`.
    let environment: [String: String]
    var run: TmuxSession.Launch?

    /// A fresh folder and tmux session; `seed` runs `picnic` commands (e.g. add) before launch.
    /// Without a seed the database does not exist, so the dashboard opens on the welcome workspace.
    init(width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        home = TestSupport.makeTempDirectory("picnic-e2e")
        db = home.appendingPathComponent("data/picnic.sqlite")
        var env = ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                   "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                   "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        for (k, v) in environment { env[k] = v }
        self.environment = env
        tmux = try TmuxSession(width: width, height: height, environment: env)
    }

    deinit {
        tmux.close()
        try? FileManager.default.removeItem(at: home)
    }

    /// Runs `picnic --db DB ARGS` outside the dashboard (as another process would).
    @discardableResult
    func picnic(_ args: [String], stdin: String? = nil) throws -> TestSupport.Output {
        try TestSupport.picnic(args, db: db, stdin: stdin, environment: environment)
    }

    /// Launches the dashboard and waits for its first frame.
    @discardableResult
    func launch(_ extra: [String] = [], environment: [String: String] = [:]) throws -> TmuxSession.Launch {
        let r = try tmux.launch([TestSupport.binary("picnic").path, "--db", db.path] + extra, environment: environment)
        run = r
        try r.waitForReady()
        return r
    }

    /// Presses keys and waits for the screen to show `text`.
    @discardableResult
    func press(_ keys: String..., until text: String, timeout: TimeInterval = 10) throws -> String {
        for k in keys { try tmux.sendKeys(k) }
        return try tmux.waitFor(text, timeout: timeout)
    }

    /// After the program ended: the alternate screen is off and the shell still answers.
    func expectShellIntact() throws -> Bool {
        let alt = try tmux.alternateScreenOn()
        try tmux.type("echo shell-ok-$((6*7))")
        try tmux.sendKeys("Enter")
        try tmux.waitFor("shell-ok-42")
        return !alt
    }

    /// The line of the screen that contains `text`, if any.
    static func line(_ screen: String, containing text: String) -> String? {
        screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
    }
}

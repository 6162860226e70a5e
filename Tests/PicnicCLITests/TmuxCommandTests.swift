import Foundation
import Testing
import TestSupport

private let hasTmux = TestSupport.which("tmux") != nil

/// A bare tmux server on its own socket (no user config), killed at the end of the test.
private final class BareTmux {
    let dir = TestSupport.makeTempDirectory("picnic-tmuxcmd")
    var socket: String { dir.appendingPathComponent("s").path }

    init() throws {
        // The server forked here keeps the client's stdout and stderr: give it /dev/null, not
        // pipes, or reading them to the end would wait for the server to exit.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.which("tmux")!)
        p.arguments = ["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "/bin/sh"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TmuxFailure(message: "tmux new-session failed (\(p.terminationStatus))") }
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: dir)
    }

    @discardableResult
    func run(_ args: [String]) throws -> TestSupport.Output {
        try TestSupport.run(URL(fileURLWithPath: TestSupport.which("tmux")!),
                            ["-S", socket, "-f", "/dev/null"] + args)
    }
}

private struct TmuxFailure: Error { var message: String }

@Suite struct TmuxSnippetTests {
    @Test func printsAllFourPieces() throws {
        let db = TestSupport.makeTempDirectory().appendingPathComponent("p.sqlite")
        let out = try TestSupport.picnic(["tmux", "--key", "C-y", "--dashboard-key", "M-p"], db: db)
        #expect(out.status == 0, "\(out.stderr)")
        let s = out.stdout
        #expect(s.contains("bind-key C-y display-popup -EE -d '#{pane_current_path}' -w 80% -h 12 "))
        #expect(s.contains("capture"))
        #expect(s.contains("bind-key M-p if-shell -F"))
        #expect(s.contains("new-window -n picnic"))
        #expect(s.contains("bind-key -T copy-mode-vi C-t send-keys -X copy-pipe-and-cancel"))
        #expect(s.contains("add -"))
        #expect(s.contains("status --tmux)"))
        #expect(s.contains("status-interval"))
        // --db travels into every command so the popup writes where the user asked.
        #expect(s.contains("--db \(db.path)"))
    }

    @Test func refusesKeysThatWouldBreakTheConfig() throws {
        let db = TestSupport.makeTempDirectory().appendingPathComponent("p.sqlite")
        let bad = try TestSupport.picnic(["tmux", "--key", "T; run-shell x"], db: db)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--key"))
        let size = try TestSupport.picnic(["tmux", "--popup-height", "tall"], db: db)
        #expect(size.status == 64)
        #expect(size.stderr.contains("--popup-height"))
        let both = try TestSupport.picnic(["tmux", "--install", "--uninstall"], db: db)
        #expect(both.status == 64)
    }

    @Test(.enabled(if: hasTmux, "tmux is not installed: snippet loading skipped"))
    func snippetLoadsIntoAFreshServerAndIsIdempotent() throws {
        let dir = TestSupport.makeTempDirectory()
        let db = dir.appendingPathComponent("p.sqlite")
        let out = try TestSupport.picnic(["tmux"], db: db)
        let file = dir.appendingPathComponent("snippet.conf")
        try out.stdout.write(to: file, atomically: true, encoding: .utf8)

        let tmux = try BareTmux()
        for _ in 0..<2 {
            let load = try tmux.run(["source-file", file.path])
            #expect(load.status == 0)
            #expect(load.stderr.isEmpty, "\(load.stderr)")
        }
        let keys = try tmux.run(["list-keys", "-T", "prefix"]).stdout
        #expect(keys.contains("display-popup -EE"))
        #expect(keys.contains("new-window -n picnic"))
        let copyKeys = try tmux.run(["list-keys", "-T", "copy-mode-vi", "C-t"]).stdout
        #expect(copyKeys.contains("copy-pipe-and-cancel"))
        let status = try tmux.run(["show-options", "-gv", "status-right"]).stdout
        // Sourcing twice (a config reload) must not add the segment twice.
        #expect(status.components(separatedBy: "status --tmux").count == 2, "\(status)")
        #expect(try tmux.run(["show-options", "-gv", "status-right-length"]).stdout == "90\n")
    }

    @Test(.enabled(if: hasTmux, "tmux is not installed: dashboard key skipped"))
    func dashboardBindingOpensThenFocusesOneWindow() throws {
        let dir = TestSupport.makeTempDirectory()
        let db = dir.appendingPathComponent("p.sqlite")
        // A stand-in dashboard that stays open, so the test is about the binding, not the app.
        let out = try TestSupport.picnic(["tmux", "--command", "/bin/cat"], db: db)
        let file = dir.appendingPathComponent("snippet.conf")
        try out.stdout.write(to: file, atomically: true, encoding: .utf8)
        let tmux = try BareTmux()
        #expect(try tmux.run(["source-file", file.path]).status == 0)
        let binding = try tmux.run(["list-keys", "-T", "prefix", "P"]).stdout
        let command = try #require(binding.range(of: "if-shell").map { String(binding[$0.lowerBound...]) })
        for _ in 0..<3 {
            let script = dir.appendingPathComponent("press.conf")
            try command.write(to: script, atomically: true, encoding: .utf8)
            let press = try tmux.run(["source-file", script.path])
            #expect(press.status == 0, "\(press.stderr)")
            try tmux.run(["select-window", "-t", "t:0"])
        }
        let windows = try tmux.run(["list-windows", "-t", "t", "-F", "#{window_name}"]).stdout
        #expect(windows.split(separator: "\n").filter { $0 == "picnic" }.count == 1, "\(windows)")
    }
}

@Suite struct TmuxInstallTests {
    private func picnic(_ args: [String], home: URL) throws -> TestSupport.Output {
        try TestSupport.picnic(args, db: home.appendingPathComponent("p.sqlite"),
                               environment: ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path])
    }

    @Test(arguments: [Array("set -g mouse on\n# mine\n".utf8), Array("set -g mouse on".utf8), [],
                      [0x78, 0x0d, 0x0a, 0xfe, 0xff, 0x0a, 0xc3]])
    func installTwiceThenUninstallRestoresTheFileByteForByte(original: [UInt8]) throws {
        let home = TestSupport.makeTempDirectory()
        let conf = home.appendingPathComponent("my.conf")
        let bytes = Data(original)
        try bytes.write(to: conf)
        let first = try picnic(["tmux", "--install", "--file", conf.path], home: home)
        #expect(first.status == 0, "\(first.stderr)")
        let once = try Data(contentsOf: conf)
        #expect(once.starts(with: bytes))
        let second = try picnic(["tmux", "--install", "--file", conf.path], home: home)
        #expect(second.status == 0)
        #expect(second.stderr.contains("already"))
        let twice = try Data(contentsOf: conf)
        #expect(twice == once)
        let text = String(decoding: twice, as: UTF8.self)
        #expect(text.components(separatedBy: "# >>> picnic >>>").count == 2)
        #expect(text.components(separatedBy: "# <<< picnic <<<").count == 2)
        let removed = try picnic(["tmux", "--uninstall", "--file", conf.path], home: home)
        #expect(removed.status == 0)
        #expect(try Data(contentsOf: conf) == bytes)
    }

    @Test func installUpdatesTheBlockInPlaceAndKeepsTheRest() throws {
        let home = TestSupport.makeTempDirectory()
        let conf = home.appendingPathComponent(".tmux.conf")
        try Data("before\n".utf8).write(to: conf)
        #expect(try picnic(["tmux", "--install"], home: home).status == 0)
        // The user adds lines after the block; a re-install with other keys keeps them.
        let handle = try FileHandle(forWritingTo: conf)
        handle.seekToEndOfFile()
        handle.write(Data("after\n".utf8))
        try handle.close()
        let update = try picnic(["tmux", "--install", "--key", "F6"], home: home)
        #expect(update.stderr.contains("updated"))
        let text = try String(contentsOf: conf, encoding: .utf8)
        #expect(text.hasPrefix("before\n# >>> picnic >>>"))
        #expect(text.hasSuffix("# <<< picnic <<<\nafter\n"))
        #expect(text.contains("bind-key F6 display-popup"))
        #expect(try picnic(["tmux", "--uninstall"], home: home).status == 0)
        #expect(try String(contentsOf: conf, encoding: .utf8) == "before\nafter\n")
    }

    @Test func installFindsTheXDGConfigAndCreatesNothingElse() throws {
        let home = TestSupport.makeTempDirectory()
        let xdg = home.appendingPathComponent(".config/tmux")
        try FileManager.default.createDirectory(at: xdg, withIntermediateDirectories: true)
        let conf = xdg.appendingPathComponent("tmux.conf")
        try Data("set -g base-index 1\n".utf8).write(to: conf)
        #expect(try picnic(["tmux", "--install"], home: home).status == 0)
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent(".tmux.conf").path))
        #expect(try String(contentsOf: conf, encoding: .utf8).contains("# >>> picnic >>>"))
    }

    @Test func uninstallRemovesAFileThatInstallCreated() throws {
        let home = TestSupport.makeTempDirectory()
        let conf = home.appendingPathComponent(".tmux.conf")
        #expect(try picnic(["tmux", "--install"], home: home).status == 0)
        #expect(FileManager.default.fileExists(atPath: conf.path))
        let out = try picnic(["tmux", "--uninstall"], home: home)
        #expect(out.status == 0)
        #expect(!FileManager.default.fileExists(atPath: conf.path))
        let again = try picnic(["tmux", "--uninstall"], home: home)
        #expect(again.status == 0)
        #expect(again.stderr.contains("nothing to remove"))
    }

    @Test func installWritesThroughASymlink() throws {
        let home = TestSupport.makeTempDirectory()
        let real = home.appendingPathComponent("dotfiles-tmux.conf")
        try Data("a\n".utf8).write(to: real)
        let link = home.appendingPathComponent(".tmux.conf")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        #expect(try picnic(["tmux", "--install"], home: home).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try String(contentsOf: real, encoding: .utf8).contains("picnic"))
        #expect(try picnic(["tmux", "--uninstall"], home: home).status == 0)
        #expect(try String(contentsOf: real, encoding: .utf8) == "a\n")
    }
}

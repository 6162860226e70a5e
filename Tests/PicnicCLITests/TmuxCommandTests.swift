import Foundation
import Testing
import TestSupport
@testable import picnic

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
        #expect(update.stderr.contains("Updated the picnic block"))
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

/// The popup command as sh runs it: a cancelled capture closes the popup, a failure keeps it.
@Suite struct CapturePopupCommandTests {
    @Test(arguments: [(130, 0), (0, 0), (65, 65), (74, 74)])
    func aCancelEndsWithZeroAndAFailureKeepsItsStatus(capture: Int32, popup: Int32) throws {
        let dir = TestSupport.makeTempDirectory()
        let fake = dir.appendingPathComponent("fake-picnic")
        try "#!/bin/sh\nexit \(capture)\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let command = TmuxSnippet(command: [fake.path]).captureCommand
        let out = try TestSupport.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command])
        #expect(out.status == popup, "\(command)")
    }
}

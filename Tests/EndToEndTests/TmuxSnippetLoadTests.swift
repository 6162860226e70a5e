import Foundation
import Testing
import TestSupport

/// `picnic tmux` output and the TPM plugin, loaded into a real tmux server on a private socket.
@Suite(.enabled(if: TmuxSession.isAvailable, "\(TmuxSession.skipMessage)"))
struct TmuxSnippetLoadTests {
    private func snippet(_ args: [String], in dir: URL) throws -> URL {
        let out = try TestSupport.run(TestSupport.binary("picnic"), ["tmux"] + args)
        #expect(out.status == 0, "\(out.stderr)")
        let file = dir.appendingPathComponent("snippet.conf")
        try out.stdout.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func snippetLoadsWithoutErrorAndReloadingAddsNothingTwice() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        let file = try snippet([], in: tmux.directory)
        // source-file fails (non-zero, message on stderr) on any parse or command error.
        try tmux.tmux(["source-file", file.path])
        try tmux.tmux(["source-file", file.path])
        let keys = try tmux.tmux(["list-keys", "-T", "prefix"])
        // tmux prints bindings back in its own order and quoting.
        #expect(keys.contains("display-popup -EE -d \"#{pane_current_path}\" -h 12 -w \"80%\""), "\(keys)")
        #expect(keys.contains("-n picnic"))
        #expect(try tmux.tmux(["list-keys", "-T", "copy-mode-vi", "C-t"]).contains("copy-pipe-and-cancel"))
        #expect(try tmux.tmux(["list-keys", "-T", "copy-mode", "C-t"]).contains("copy-pipe-and-cancel"))
        let status = try tmux.tmux(["show-options", "-gv", "status-right"])
        #expect(status.components(separatedBy: "status --tmux").count == 2, "segment added once: \(status)")
        #expect(try tmux.tmux(["show-options", "-gv", "status-right-length"]) == "90\n")
    }

    @Test func dashboardKeyOpensThenFocusesOneWindow() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        // A stand-in dashboard that stays open: this test is about the binding.
        let file = try snippet(["--command", "/bin/cat"], in: tmux.directory)
        try tmux.tmux(["source-file", file.path])
        let binding = try tmux.tmux(["list-keys", "-T", "prefix", "P"])
        let command = try #require(binding.range(of: "if-shell").map { String(binding[$0.lowerBound...]) })
        let press = tmux.directory.appendingPathComponent("press.conf")
        try command.write(to: press, atomically: true, encoding: .utf8)
        for _ in 0..<3 {
            try tmux.tmux(["source-file", press.path])
            #expect(try tmux.tmux(["display-message", "-p", "-t", "e2e", "#{window_name}"]) == "picnic\n")
            try tmux.tmux(["select-window", "-t", "e2e:0"])
        }
        let windows = try tmux.tmux(["list-windows", "-t", "e2e", "-F", "#{window_name}"])
        #expect(windows.split(separator: "\n").filter { $0 == "picnic" }.count == 1, "\(windows)")
    }

    @Test func tpmPluginBindsTheConfiguredKeys() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        let plugin = TestSupport.repositoryRoot.appendingPathComponent("picnic.tmux")
        try tmux.tmux(["set-option", "-g", "@picnic_command", TestSupport.binary("picnic").path])
        try tmux.tmux(["set-option", "-g", "@picnic_key", "F7"])
        try tmux.tmux(["set-option", "-g", "@picnic_popup_height", "10"])
        try tmux.tmux(["set-option", "-g", "@picnic_status", "off"])
        try tmux.tmux(["run-shell", plugin.path])
        let keys = try tmux.tmux(["list-keys", "-T", "prefix", "F7"])
        #expect(keys.contains("display-popup -EE"), "\(keys)")
        #expect(keys.contains("-h 10"))
        #expect(!(try tmux.tmux(["show-options", "-gv", "status-right"])).contains("picnic"))
    }
}

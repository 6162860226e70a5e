import Foundation
import ProcessSpawn
import Testing

/// The one way Picnic starts programs: streams, status, environment, failures (real /bin/sh,
/// cat and friends).
@Suite struct ChildProcessTests {
    @Test func feedsAndCapturesMoreThanAPipeHolds() throws {
        // 1 MiB in and out at once: a runner that wrote all input before reading would deadlock.
        let input = [UInt8]((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let run = try ChildProcess.run(["/bin/cat"], .init(stdin: .bytes(input), stdout: .capture))
        #expect(run.status == 0)
        #expect(run.stdout == input)
    }

    @Test func keepsStdoutAndStderrApart() throws {
        let run = try ChildProcess.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"],
                                       .init(stdout: .capture, stderr: .capture))
        #expect(run.status == 3)
        #expect(run.stdoutText == "out\n")
        #expect(run.stderrText == "err\n")
    }

    @Test func stderrCanFollowStdoutIntoAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("log").path
        let exit = try ChildProcess.start(["/bin/sh", "-c", "echo a; echo b >&2"],
                                          .init(stdout: .file(file), stderr: .sameAsStdout)).wait()
        #expect(exit.status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "a\nb\n")
    }

    @Test func aSignalIsReportedAs128PlusItsNumber() throws {
        let exit = try ChildProcess.start(["/bin/sh", "-c", "kill -TERM $$"]).wait()
        #expect(exit.status == 128 + SIGTERM)
    }

    @Test func theEnvironmentIsExactlyTheOneGiven() throws {
        let run = try ChildProcess.run(["/usr/bin/env"], .init(environment: ["ONLY": "this"], stdout: .capture))
        #expect(run.stdoutText == "ONLY=this\n")
    }

    @Test func namesAreLookedUpInPathOnlyWhenAsked() throws {
        #expect(try ChildProcess.run(["sh", "-c", "exit 0"], .init(searchPath: true)).status == 0)
        #expect(throws: ChildProcess.StartError.self) { try ChildProcess.start(["sh", "-c", "exit 0"]) }
        #expect(ChildProcess.isProgram("sh") && !ChildProcess.isProgram("no-such-program-here"))
        #expect(!ChildProcess.isProgram("/tmp"))
    }

    @Test func aMissingProgramIsOneClearError() throws {
        let error = #expect(throws: ChildProcess.StartError.self) { try ChildProcess.start(["/nonexistent/tool"]) }
        #expect(error?.description == "cannot run /nonexistent/tool: No such file or directory")
    }

    @Test func runsInTheGivenFolder() throws {
        let run = try ChildProcess.run(["/bin/pwd"], .init(stdout: .capture, directory: "/usr"))
        #expect(run.stdoutText == "/usr\n")
    }

    @Test func aChildThatStopsReadingEndsItsInputNotUs() throws {
        // head exits after one line; the rest of the input meets a closed pipe (EPIPE, no SIGPIPE here).
        let input = [UInt8](repeating: UInt8(ascii: "x"), count: 4 << 20) + [10]
        let run = try ChildProcess.run(["/bin/sh", "-c", "head -c 1 >/dev/null"], .init(stdin: .bytes(input)))
        #expect(run.status == 0)
    }

    @Test func theChildStartsWithNoBlockedSignals() throws {
        let run = try ChildProcess.run(["/bin/sh", "-c", "grep '^SigBlk' /proc/self/status"], .init(stdout: .capture))
        #expect(run.stdoutText.hasSuffix("0000000000000000\n"))
    }

    @Test func waitWithATimeoutReturnsNilWhileItRuns() throws {
        let child = try ChildProcess.start(["/usr/bin/tail", "-f", "/dev/null"])
        #expect(child.wait(timeout: 0.05) == nil)
        kill(child.pid, SIGKILL)
        #expect(child.wait().status == 128 + SIGKILL)
    }
}

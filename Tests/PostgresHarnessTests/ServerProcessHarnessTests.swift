import Foundation
import Testing
import TestSupport

/// The server launcher's contract, on real processes: it waits for the readiness line, takes the
/// URL from it, and fails early with the output when the program dies first.
struct ServerProcessHarnessTests {
    @Test func theURLIsReadFromTheListeningLine() {
        #expect(PicnicServerProcess.announcedURL(in: "migrating\npicnic-server: listening on http://127.0.0.1:40123 (pid 9)\n")
                == "http://127.0.0.1:40123")
        #expect(PicnicServerProcess.announcedURL(in: "listening on https://127.0.0.1:8443/\n") == "https://127.0.0.1:8443")
        #expect(PicnicServerProcess.announcedURL(in: "picnic-server: starting\n") == nil)
        #expect(PicnicServerProcess.announcedURL(in: "listening on 127.0.0.1:5\n") == nil)
    }

    @Test func aProgramThatAnnouncesItsURLIsReadyAndStopsOnSIGTERM() throws {
        let script = "echo 'picnic-server: listening on http://127.0.0.1:5555' >&2; exec tail -f /dev/null"
        let server = try PicnicServerProcess(executable: URL(fileURLWithPath: "/bin/sh"),
                                             arguments: ["-c", script], timeout: 10)
        defer { server.close() }
        #expect(server.baseURL == "http://127.0.0.1:5555")
        #expect(server.isRunning)
        #expect(server.stop() == 128 + SIGTERM)
        #expect(!server.isRunning)
    }

    @Test func aProgramThatExitsBeforeListeningFailsAtOnceWithItsOutput() throws {
        let started = Date()
        do {
            _ = try PicnicServerProcess(executable: URL(fileURLWithPath: "/bin/sh"),
                                        arguments: ["-c", "echo 'cannot reach the database' >&2; exit 69"],
                                        timeout: 30)
            Issue.record("expected a failure")
        } catch let error as PostgresError {
            #expect(error.message.contains("exited (69)"))
            #expect(error.message.contains("cannot reach the database"))
        }
        #expect(Date().timeIntervalSince(started) < 20)
    }
}

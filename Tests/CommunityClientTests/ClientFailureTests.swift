import CommunityAPI
import CommunityClient
import Foundation
import Testing
import TestSupport

/// What a person sees when the client meets something that is not a working community server:
/// one line naming the server and what went wrong, and the documented exit code.
@Suite("Client failures against real peers")
struct ClientFailureTests {
    func client(_ url: String, token: String? = "picnic_test", caFile: String? = nil) throws -> (CommunityClient, CommunityTransport) {
        let transport = try CommunityTransport(.init(caFile: caFile))
        return (CommunityClient(server: try CommunityServer(url), token: token, transport: transport), transport)
    }

    func failure(_ body: () async throws -> Void) async -> CommunityError? {
        do {
            try await body()
            return nil
        } catch let error as CommunityError {
            return error
        } catch {
            Issue.record("not a CommunityError: \(error)")
            return nil
        }
    }

    @Test func nobodyListeningIsUnreachable() async throws {
        let port = try Peer.freePort()
        let (client, transport) = try client("http://127.0.0.1:\(port)")
        let error = await failure { _ = try await client.hello() }
        await transport.shutdown()
        #expect(error?.kind == .unreachable)
        #expect(error?.exitCode == 69)
        #expect(error?.isRetryable == true)
        #expect(error?.message == "http://127.0.0.1:\(port): cannot connect (connection refused)")
    }

    @Test func anUnknownHostSaysSo() async throws {
        let (client, transport) = try client("http://no-such-host.invalid:8080")
        let error = await failure { _ = try await client.hello() }
        await transport.shutdown()
        #expect(error?.kind == .unreachable)
        #expect(error?.message.contains("no-such-host.invalid") == true)
    }

    @Test(.enabled(if: Peer.hasPython, "python3 is not installed: no plain web server to meet"))
    func aPlainWebServerIsNotACommunity() async throws {
        let peer = try Peer.webServer(files: ["index.html": "<html>hello</html>"])
        defer { peer.stop() }
        let (client, transport) = try client("http://127.0.0.1:\(peer.port)")
        let hello = await failure { _ = try await client.hello() }
        let me = await failure { _ = try await client.me() }
        await transport.shutdown()
        #expect(hello?.kind == .protocolViolation)
        #expect(hello?.exitCode == 76)
        #expect(hello?.message == "http://127.0.0.1:\(peer.port): not a Picnic community server (GET /v1/hello answered HTTP 404)")
        #expect(me?.kind == .protocolViolation, "an HTML 404 is no API refusal")
    }

    @Test(.enabled(if: Peer.hasPython, "python3 is not installed: no plain web server to meet"))
    func aServerOfAnotherServiceOrVersionIsRefused() async throws {
        let other = #"{"service":"something-else","api":1,"server":"x","community":"y"}"#
        let newer = #"{"service":"picnic-community","api":2,"server":"picnic-server 9","community":"y"}"#
        let broken = #"{"changes":[{"position":"seven"}],"next":1,"head":1,"more":false}"#
        let peer = try Peer.webServer(files: ["a/v1/hello": other, "b/v1/hello": newer, "c/v1/changes": broken])
        defer { peer.stop() }
        let (a, transport) = try client("http://127.0.0.1:\(peer.port)/a")
        let b = CommunityClient(server: try CommunityServer("http://127.0.0.1:\(peer.port)/b/"), token: nil, transport: transport)
        let c = CommunityClient(server: try CommunityServer("http://127.0.0.1:\(peer.port)/c"), token: "t", transport: transport)
        let wrongService = await failure { _ = try await a.hello() }
        let wrongVersion = await failure { _ = try await b.hello() }
        // http.server ignores the query and serves the file: a malformed page names the field.
        let malformed = await failure { _ = try await c.changes(after: 0) }
        await transport.shutdown()
        #expect(wrongService?.exitCode == 76)
        #expect(wrongService?.message.contains("it says it is \"something-else\"") == true)
        #expect(wrongVersion?.message.contains("API v2; this picnic speaks v1") == true)
        #expect(malformed?.kind == .protocolViolation)
        #expect(malformed?.message.contains("changes[0].position") == true, "\(malformed?.message ?? "")")
    }

    @Test(.enabled(if: Peer.hasPython, "python3 is not installed"))
    func somethingThatIsNotHTTP() async throws {
        let peer = try Peer.notHTTP()
        defer { peer.stop() }
        let (client, transport) = try client("http://127.0.0.1:\(peer.port)")
        let error = await failure { _ = try await client.hello() }
        await transport.shutdown()
        #expect(error?.exitCode == 76, "\(String(describing: error))")
        #expect(error?.message.hasPrefix("http://127.0.0.1:\(peer.port): ") == true)
    }

    @Test(.enabled(if: Peer.hasOpenSSL, "openssl is not installed: no TLS server to meet"))
    func aSelfSignedServerNeedsItsCertificate() async throws {
        let hello = #"{"service":"picnic-community","api":1,"server":"picnic-server 1.0","community":"tls"}"#
        let peer = try Peer.tlsServer(files: ["v1/hello": hello])
        defer { peer.stop() }
        let url = "https://127.0.0.1:\(peer.port)"
        let (untrusting, t1) = try client(url)
        let refused = await failure { _ = try await untrusting.hello() }
        await t1.shutdown()
        #expect(refused?.kind == .protocolViolation)
        #expect(refused?.message.contains("certificate is not trusted") == true, "\(refused?.message ?? "")")
        #expect(refused?.message.contains("--ca-file") == true)

        let (trusting, t2) = try client(url, caFile: peer.folder.appendingPathComponent("cert.pem").path)
        let answer = try await trusting.hello()
        await t2.shutdown()
        #expect(answer.community == "tls")
    }

    @Test func aMissingCAFileIsAConfigurationError() throws {
        #expect(throws: CommunityError(.configuration, "/nonexistent/ca.pem: cannot read the file")) {
            _ = try CommunityTransport(.init(caFile: "/nonexistent/ca.pem"))
        }
        let folder = TestSupport.makeTempDirectory("picnic-ca")
        defer { try? FileManager.default.removeItem(at: folder) }
        let junk = folder.appendingPathComponent("junk.pem")
        try "not a certificate\n".write(to: junk, atomically: true, encoding: .utf8)
        do {
            _ = try CommunityTransport(.init(caFile: junk.path))
            Issue.record("a junk CA file was accepted")
        } catch let error as CommunityError {
            #expect(error.exitCode == 78)
            #expect(error.message.hasPrefix(junk.path + ": "))
        }
    }
}

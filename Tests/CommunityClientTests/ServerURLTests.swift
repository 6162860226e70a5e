import CommunityClient
import Testing

@Suite("Server URLs")
struct ServerURLTests {
    @Test func normalises() throws {
        #expect(try CommunityServer("http://127.0.0.1:8080").baseURL == "http://127.0.0.1:8080")
        #expect(try CommunityServer("HTTPS://Picnic.Example.com/").baseURL == "https://picnic.example.com")
        #expect(try CommunityServer(" https://example.com/team/v1/ ").baseURL == "https://example.com/team")
        #expect(try CommunityServer("http://[::1]:9000").baseURL == "http://[::1]:9000")
        #expect(try CommunityServer("http://localhost:1").isLoopback)
        #expect(try CommunityServer("http://[::1]:1").isLoopback)
        #expect(try !CommunityServer("http://10.0.0.1:1").isLoopback)
        #expect(try CommunityServer("https://x.org").url("/v1/me") == "https://x.org/v1/me")
    }

    @Test(arguments: [
        ("ftp://example.com", "the scheme must be http or https"),
        ("example.com", "expected http://HOST[:PORT] or https://HOST[:PORT]"),
        ("http://", "no host"),
        ("http://x.org/?a=1", "no query or fragment, please"),
        ("http://ana:secret@x.org", "no user or password in the URL: the token comes from --token-file or the prompt"),
    ])
    func refuses(_ text: String, _ why: String) {
        do {
            _ = try CommunityServer(text)
            Issue.record("accepted \(text)")
        } catch let error as CommunityError {
            #expect(error.exitCode == 64)
            #expect(error.message == "\(text): not a server URL (\(why))")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func hostileTextInAURLIsNeutralised() {
        do {
            _ = try CommunityServer("ftp://\u{1B}]2;owned\u{07}x")
            Issue.record("accepted")
        } catch let error as CommunityError {
            #expect(!error.message.contains("\u{1B}"))
        } catch {
            Issue.record("\(error)")
        }
    }
}

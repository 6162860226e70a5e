import CommunityAPI
import CommunityClient
import Foundation
import PicnicCore
import PicnicStore
import PicnicSync

/// `join --db P --url U [--token-file F] [--ca-file F]`: checks the server and the token before
/// anything is written, stores the token in a file of its own, records the community, and pulls
/// everything (with a progress bar on a terminal). A failed check leaves the store untouched.
struct JoinCommand {
    var url: String
    var tokenFile: String?
    var caFile: String?
    var dbPath: String

    init(args: inout HelperArguments, dbPath: String) throws {
        tokenFile = try args.value("--token-file")
        caFile = try args.value("--ca-file")
        guard let url = try args.value("--url") ?? args.positional() else { throw PicnicError.usage("join needs the server's URL") }
        self.url = url
        self.dbPath = dbPath
    }

    func run() async throws {
        let server = try CommunityServer(url)
        let caPath = caFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let token = try tokenFile.map { try CommunityTokens.readFile($0) } ?? TokenPrompt.read("Token for \(server.baseURL): ")
        if !server.isHTTPS && !server.isLoopback {
            Helper.note("warning: \(server.baseURL) is plain HTTP: the token and posts cross the network unencrypted")
        }
        try await Helper.withTransport(caFile: caPath) { transport in
            let client = CommunityClient(server: server, token: token, transport: transport)
            let hello = try await client.hello()
            let me = try await client.me()
            // Everything checked: now the store and the token file.
            let store = try Helper.open(dbPath)
            let earlier = try store.communities(includeLeft: true).first { $0.url == server.baseURL && $0.userName == me.user.name }
            let tokenID = earlier?.tokenID ?? UUID().uuidString.lowercased()
            try CommunityTokens.save(token, id: tokenID)
            let community: Community
            do {
                community = try store.joinCommunity(url: server.baseURL, name: hello.community, server: hello.server,
                                                    userName: me.user.name, displayName: me.user.displayName,
                                                    spaces: me.spaces.filter(\.readable).map(CommunitySpace.init), head: me.head,
                                                    tokenID: tokenID, caFile: caPath)
            } catch {
                if earlier == nil { CommunityTokens.remove(tokenID) }
                throw error
            }
            let spaces = community.spaces.map(\.name).sorted().joined(separator: ", ")
            print("Joined \(Printable.line(hello.community)) at \(server.baseURL) as \(Printable.line(me.user.name))"
                  + (spaces.isEmpty ? "." : " (spaces: \(Printable.line(spaces)))."))
            let engine = SyncEngine(store: store, community: community, client: client)
            let bar = ProgressLine.shared
            bar.label = "pulling \(Printable.line(hello.community))"
            engine.progress = { p in bar.update(p) }
            do {
                let pulled = try await engine.pull()
                bar.clear()
                _ = try? store.refreshCouldHelp()
                print("Pulled \(pulled.added) post\(pulled.added == 1 ? "" : "s"); \(SyncCommand.nextStep)")
            } catch let error as CommunityError {
                bar.clear()
                Helper.note("joined, but the first pull stopped; `picnic sync` picks it up where it stopped")
                throw error
            }
        }
    }
}

/// Reads a secret from the terminal without echo.
enum TokenPrompt {
    static func read(_ prompt: String) throws -> String {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else {
            throw PicnicError.usage("no terminal to read the token from: give it with --token-file FILE")
        }
        defer { close(fd) }
        var saved = termios()
        let isTerminal = tcgetattr(fd, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL)
            tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer { if isTerminal { tcsetattr(fd, TCSAFLUSH, &saved) } }
        _ = prompt.withCString { Glibc.write(fd, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var c: UInt8 = 0
        while Glibc.read(fd, &c, 1) == 1, c != 0x0A, c != 0x0D { bytes.append(c) }
        let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw PicnicError.usage("no token given") }
        return token
    }
}

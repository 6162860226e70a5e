import CommunityClient
import Foundation
import PicnicCore
import PicnicStore
import PicnicSync

/// The helper's commands (`picnic-sync COMMAND --db PATH [options]`), each returning an exit code.
enum Helper {
    static func run(_ arguments: [String]) async -> Int32 {
        var args = HelperArguments(arguments)
        do {
            guard let command = args.next() else { throw PicnicError.usage("picnic-sync: expected a command (join, sync, push, ledger, watch)") }
            let db = try args.value("--db") ?? AppDatabase.defaultPath()
            switch command {
            case "join": try await JoinCommand(args: &args, dbPath: db).run()
            case "sync": try await SyncCommand(args: &args, dbPath: db).run()
            case "push": try await SyncCommand.pushAfterWrite(args: &args, dbPath: db)
            case "watch": try await WatchCommand(args: &args, dbPath: db).run()
            case "ledger": try await LedgerCommand(args: &args, dbPath: db).run()
            default: throw PicnicError.usage("picnic-sync: unknown command \(command)")
            }
            return 0
        } catch let error as CommunityError {
            return fail(error.message, error.exitCode)
        } catch let error as PicnicError {
            return fail(error.message, error.exitCode)
        } catch {
            return fail("\(error)", 70)
        }
    }

    static func fail(_ message: String, _ code: Int32) -> Int32 {
        ProgressLine.shared.clear()
        FileHandle.standardError.write(Data("picnic: \(message)\n".utf8))
        return code
    }

    /// A message for the person, on stderr.
    static func note(_ message: String) {
        ProgressLine.shared.clear()
        FileHandle.standardError.write(Data("picnic: \(message)\n".utf8))
    }

    /// Opens the store as `picnic` does (migrating it if needed).
    static func open(_ path: String) throws -> AppDatabase {
        try AppDatabase(path: path, notice: { note($0) })
    }

    /// A client for a joined community, with its stored token and CA file.
    static func client(for community: Community, transport: CommunityTransport) throws -> CommunityClient {
        let token = try CommunityTokens.read(community.tokenID)
        return CommunityClient(server: try CommunityServer(community.url), token: token, transport: transport)
    }

    /// Runs `body` with a transport for `caFile`, shutting it down afterwards, whatever happens.
    static func withTransport<T>(caFile: String?, _ body: (CommunityTransport) async throws -> T) async throws -> T {
        let transport = try CommunityTransport(.init(caFile: caFile))
        do {
            let result = try await body(transport)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    /// The communities a command works on: all active ones, or the one `--community` names.
    static func select(_ store: AppDatabase, _ name: String?) throws -> [Community] {
        let all = try store.communities()
        guard let name else { return all }
        let hits = all.filter { $0.name == name || $0.url == name || String($0.id) == name }
        guard !hits.isEmpty else {
            throw PicnicError.usage("no joined community \(name) (joined: \(all.map(\.name).joined(separator: ", ")))")
        }
        return hits
    }
}

/// `--flag value` arguments in any order after the command.
struct HelperArguments {
    private var items: [String]
    init(_ items: [String]) { self.items = items }

    mutating func next() -> String? { items.isEmpty ? nil : items.removeFirst() }

    mutating func value(_ flag: String) throws -> String? {
        guard let i = items.firstIndex(of: flag) else { return nil }
        guard i + 1 < items.count else { throw PicnicError.usage("\(flag) needs a value") }
        let v = items[i + 1]
        items.removeSubrange(i...(i + 1))
        return v
    }

    mutating func flag(_ flag: String) -> Bool {
        guard let i = items.firstIndex(of: flag) else { return false }
        items.remove(at: i)
        return true
    }

    mutating func positional() -> String? {
        guard let i = items.firstIndex(where: { !$0.hasPrefix("--") }) else { return nil }
        return items.remove(at: i)
    }
}

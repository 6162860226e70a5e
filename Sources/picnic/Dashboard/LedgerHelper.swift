import CommunityAPI
import Foundation
import PicnicCore

/// The ledger overlay's figures: `picnic-sync ledger --json` (the same call `picnic ledger`
/// prints from), run with both its outputs captured so nothing draws over the dashboard.
enum LedgerHelper {
    /// The first community's ledger, or the helper's own one-line error.
    static func load(dbPath: String) throws -> APILedger {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try SyncHelper.path())
        process.arguments = ["ledger", "--db", dbPath, "--json"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line = String(decoding: errors, as: UTF8.self).split(separator: "\n").last.map(String.init)
            throw PicnicError.io(line.map { $0.hasPrefix("picnic") ? String($0.drop { $0 != " " }.dropFirst()) : $0 }
                                          ?? "the ledger could not be read (picnic-sync exited \(process.terminationStatus))")
        }
        let item = try decode(data)
        return APILedger(me: item.me, community: item.communityTotals)
    }

    struct Item: Decodable {
        var me: APILedger.Person
        var communityTotals: APILedger.Community
    }

    /// One community's object, or the first of several.
    static func decode(_ data: Data) throws -> Item {
        let decoder = JSONDecoder()
        if let one = try? decoder.decode(Item.self, from: data) { return one }
        guard let first = try decoder.decode([Item].self, from: data).first else {
            throw PicnicError.usage("no community joined: picnic community join URL")
        }
        return first
    }
}

import Foundation
import PicnicStore

extension SyncHelper {
    /// After a write: try to send it now through the helper; offline, the helper says the write
    /// waits in the outbox. A missing helper is said once and is no failure (the write is kept).
    static func sendNow(_ community: Community) {
        do {
            try run("push", ["--community", String(community.id)])
        } catch {
            Global.note("picnic: \(error): the write waits in the outbox")
        }
    }
}

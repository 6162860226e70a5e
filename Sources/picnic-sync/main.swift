import CommunityClient
import Foundation
import PicnicCore
import PicnicStore
import PicnicSync

// The networking helper: `picnic` runs it for the commands that talk to a community server
// (join, sync, ledger, sending after a write) and the dashboard keeps one in the background, so
// that neither NIO nor TLS is linked into `picnic` itself (docs/DECISIONS.md, "Networking").
// Its arguments are `picnic`'s business (docs/Sync.md, "The helper"); people use `picnic`.

setvbuf(stdout, nil, _IOLBF, 0)
let arguments = Array(CommandLine.arguments.dropFirst())
let code = await Helper.run(arguments)
exit(code)

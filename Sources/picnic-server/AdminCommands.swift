import ArgumentParser
import Foundation
import PicnicServer

/// `picnic-server user add|list|revoke`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Add, list or revoke users.",
                                                    subcommands: [Add.self, List.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; prints their first token alone on stdout (shown once).")
        @OptionGroup var database: DatabaseOption
        @Argument var name: String
        @Option(help: "The name others see (default NAME).") var displayName: String?

        func run() async throws {
            try await CommandRun.guarded {
                let token = try await Admin(url: try database.url(), logger: CommandRun.logger).addUser(name, displayName: displayName)
                CommandRun.say(token)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users.")
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await CommandRun.guarded {
                let users = try await Admin(url: try database.url(), logger: CommandRun.logger).listUsers()
                for u in users {
                    let last = u.lastUsed.map { ISO8601DateFormatter().string(from: $0) } ?? "never"
                    let state = u.revoked ? "revoked" : "\(u.activeTokens) token\(u.activeTokens == 1 ? "" : "s")"
                    CommandRun.say("\(u.name)\t\(u.displayName)\t\(state)\tlast used \(last)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every token of a user, at once on every server.")
        @OptionGroup var database: DatabaseOption
        @Argument var name: String

        func run() async throws {
            try await CommandRun.guarded {
                try await Admin(url: try database.url(), logger: CommandRun.logger).revokeUser(name)
                FileHandle.standardError.write(Data("picnic-server: revoked every token of \(name)\n".utf8))
            }
        }
    }
}

/// `picnic-server token new NAME`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Make tokens.", subcommands: [New.self])

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A new token for a user, alone on stdout (shown once).")
        @OptionGroup var database: DatabaseOption
        @Argument var name: String

        func run() async throws {
            try await CommandRun.guarded {
                CommandRun.say(try await Admin(url: try database.url(), logger: CommandRun.logger).newToken(name))
            }
        }
    }
}

/// `picnic-server space add|members|list`.
struct SpaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "space", abstract: "Add spaces and change their members.",
                                                    subcommands: [Add.self, Members.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a space (public unless --private).")
        @OptionGroup var database: DatabaseOption
        @Argument var name: String
        @Flag(help: "Only its members may read it.") var `private` = false
        @Option(help: "Its title (default NAME).") var title: String?

        func run() async throws {
            try await CommandRun.guarded {
                try await Admin(url: try database.url(), logger: CommandRun.logger).addSpace(name, isPrivate: `private`, title: title)
            }
        }
    }

    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a space's members; prints them afterwards.")
        @OptionGroup var database: DatabaseOption
        @Argument var name: String
        @Option(parsing: .upToNextOption, help: "Users to add as members.") var add: [String] = []
        @Option(parsing: .upToNextOption, help: "Users to take out.") var remove: [String] = []
        @Option(parsing: .upToNextOption, help: "Users to make moderators (added if needed).") var moderator: [String] = []

        func run() async throws {
            try await CommandRun.guarded {
                let admin = Admin(url: try database.url(), logger: CommandRun.logger)
                let members = add.isEmpty && remove.isEmpty && moderator.isEmpty
                    ? try await admin.members(space: name)
                    : try await admin.changeMembers(space: name, add: add, remove: remove, moderators: moderator)
                for m in members { CommandRun.say("\(m.user)\t\(m.role.rawValue)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the spaces.")
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await CommandRun.guarded {
                for s in try await Admin(url: try database.url(), logger: CommandRun.logger).listSpaces() {
                    CommandRun.say("\(s.name)\t\(s.isPrivate ? "private" : "public")\t\(s.members) members\t\(s.title)")
                }
            }
        }
    }
}

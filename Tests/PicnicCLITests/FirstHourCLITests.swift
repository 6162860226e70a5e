import Foundation
import Testing
import TestSupport
import PicnicCore
@testable import picnic

/// What a newcomer meets on the command line first (issue 17): one rule for `--`, readable
/// messages, help and mistakes.
@Suite struct FirstHourCLITests {
    func titles(_ db: URL) throws -> [String] {
        try jsonArray(TestSupport.picnic(["list", "--json"], db: db).stdout).compactMap { $0["title"] as? String }.sorted()
    }

    @Test func aLeadingDoubleDashEndsTheOptionsAndTheLineReadsAsInTheDashboard() throws {
        let db = freshDB()
        // The line after the options is "-- text": quick-add's `--` makes the rest title, as in `a`.
        #expect(try TestSupport.picnic(["add", "--", "-- text"], db: db).status == 0)
        #expect(try TestSupport.picnic(["add", "--", "-5 degrees +cold"], db: db).status == 0)
        #expect(try TestSupport.picnic(["add", "Fix", "--", "+ci"], db: db).status == 0)
        #expect(try titles(db) == ["-5 degrees", "Fix +ci", "text"])
        let cold = try jsonArray(TestSupport.picnic(["list", "+cold", "--json"], db: db).stdout)
        #expect(cold.count == 1)
    }

    @Test func atSixtyColumnsTheTitleIsTheLastColumnToShrink() throws {
        let now = Date()
        let tasks = [
            WorkTask(number: 1, title: "Renew the passport in May", project: "household.papers",
                     tags: ["admin", "travel", "docs"], due: now.addingTimeInterval(3 * 86400), created: now),
            WorkTask(number: 2, title: "Water the plants", tags: ["home"], created: now),
        ]
        let table = String(decoding: TaskTable.render(tasks, now: now, width: 60), as: UTF8.self)
        let lines = table.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(table)")
        let row = try #require(lines.first { $0.contains("Renew") })
        #expect(row.hasSuffix("Renew the passport in May"), "\(table)")
        #expect(lines[0].contains("Project") && lines[0].contains("Tags"), "\(table)")
        // Wide enough: nothing is cut.
        let wide = String(decoding: TaskTable.render(tasks, now: now, width: 120), as: UTF8.self)
        #expect(wide.contains("household.papers") && wide.contains("admin travel docs"))
    }

    static let commands = ["add", "list", "show", "done", "start", "stop", "modify", "annotate", "delete", "undo", "context", "export",
                           "completions", "post", "posts", "match", "feedback", "import", "share", "capture", "status", "tmux",
                           "community", "sync", "ask", "answer", "could-help", "ledger"]

    @Test func helpTextsReadAsParagraphsAndSayThingsOnce() throws {
        let db = freshDB()
        for command in [[]] + Self.commands.map({ [$0] }) {
            let r = try TestSupport.picnic(command + ["--help"], db: db, environment: ["COLUMNS": "80"])
            #expect(r.status == 0, "\(command)")
            let lines = r.stdout.components(separatedBy: "\n")
            // The discussion (between the overview and USAGE) is wrapped greedily: no line ends
            // where the next line's first word would still have fitted.
            let start = lines.firstIndex { $0.isEmpty } ?? 0
            let end = lines.firstIndex { $0.hasPrefix("USAGE:") } ?? lines.count
            for i in start..<max(start, end - 1) where !lines[i].isEmpty && !lines[i + 1].isEmpty
                && !lines[i].hasPrefix(" ") && !lines[i + 1].hasPrefix(" ") {
                let next = lines[i + 1].split(separator: " ").first.map(String.init) ?? ""
                #expect(lines[i].count + 1 + next.count > 79, "ragged in \(command): \(lines[i]) / \(lines[i + 1])")
            }
            #expect(r.stdout.range(of: #"\(default[ :][^)]*\)\.? \(default"#, options: .regularExpression) == nil,
                    "\(command): a default said twice")
            #expect(lines.allSatisfy { $0.count <= 80 || $0.hasPrefix("USAGE:") }, "\(command)")
        }
        let root = try TestSupport.picnic(["--help"], db: db, environment: ["COLUMNS": "80"]).stdout
        for code in ["  0    ok", "  64   usage", "  65   bad input data", "  74   I/O", "  78   config", "  130  interrupted"] {
            #expect(root.contains(code + (code.hasSuffix("ok") || code.hasSuffix("interrupted") ? "\n" : ":")), "\(code)")
        }
        let imports = try TestSupport.picnic(["import", "--help"], db: db, environment: ["COLUMNS": "80"]).stdout
        #expect(!imports.contains("(values:"))
        for format in ["taskwarrior", "todotxt", "stackexchange", "feed", "slack", "mbox", "docs"] {
            #expect(imports.components(separatedBy: "        \(format) ").count == 2, "\(format) listed once")
        }
    }

    @Test func versionAndMistypedCommands() throws {
        let db = freshDB()
        let version = try TestSupport.picnic(["--version"], db: db)
        #expect(version.status == 0 && version.stdout.hasPrefix("picnic ") && version.stdout.split(separator: "\n").count == 1)
        for (typed, meant) in [("lst", "list"), ("ad", "add"), ("imprt", "import"), ("stauts", "status"), ("sahre", "share")] {
            let r = try TestSupport.picnic([typed], db: db)
            #expect(r.status == 64 && r.stdout.isEmpty, "\(typed)")
            #expect(r.stderr == "picnic: unknown command '\(typed)'; did you mean 'picnic \(meant)'? ('picnic --help' lists them all)\n")
        }
        let far = try TestSupport.picnic(["xyzzy"], db: db)
        #expect(far.status == 64 && far.stderr == "picnic: unknown command 'xyzzy' ('picnic --help' lists the commands)\n")
        #expect(!FileManager.default.fileExists(atPath: db.path), "a mistyped command opens no database")
    }

    @Test func messagesSpeakInOneVoice() throws {
        let db = freshDB()
        try TestSupport.picnic(["add", "Read about SQLite WAL mode and checkpoints in depth +tag"], db: db)
        try TestSupport.picnic(["add", "Water the plants"], db: db)
        func said(_ args: String...) throws -> String { try TestSupport.picnic(args, db: db).stderr }
        let long = "“Read about SQLite WAL mode and checkpoi…”"
        #expect(try said("start", "1") == "Started 1 \(long).\n")
        #expect(try said("stop", "1") == "Stopped 1 \(long).\n")
        #expect(try said("annotate", "2", "south window") == "Annotated 2 “Water the plants”.\n")
        #expect(try said("modify", "2", "pri:H") == "Modified 2 “Water the plants”.\n")
        #expect(try said("done", "2") == "Finished 2 “Water the plants”.\n")     // the number it had
        #expect(try said("undo") == "Undid: finished 2 “Water the plants”.\n")
        #expect(try said("delete", "1") == "Deleted 1 \(long).\n")
        #expect(try said("undo") == "Undid: deleted 1 \(long).\n")
        #expect(try said("undo") == "Undid: modified 2 “Water the plants”.\n")
    }

    @Test func theCommandLineDocCoversEveryCommand() throws {
        let doc = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("docs/CLI.md"), encoding: .utf8)
        for command in Picnic.commands.map({ $0._commandName }) {
            #expect(doc.contains("    picnic \(command) "), "docs/CLI.md lacks picnic \(command)")
        }
        #expect(Set(Picnic.commands.map { $0._commandName }) == Set(Self.commands), "the help test lists every command")
    }

    @Test func showSaysHowLongAgoAnOldDueDateWas() throws {
        let db = freshDB()
        try TestSupport.picnic(["add", "Old chore due:2020-03-01"], db: db)
        let show = try TestSupport.picnic(["show", "1"], db: db).stdout
        let due = try #require(show.split(separator: "\n").first { $0.hasPrefix("Due") })
        #expect(due.hasSuffix("y ago)") && !due.contains("(2020-"), "\(due)")
    }

    @Test func theParsersOwnErrorsAreOneLineToo() throws {
        let db = freshDB()
        let cases: [([String], String)] = [
            (["show"], "picnic: missing expected argument '<id>' (picnic show --help)\n"),
            (["import", "foo", "x"], "picnic: the value 'foo' is invalid for '<format>'; one of: taskwarrior, todotxt, stackexchange, feed, slack, mbox, docs (picnic import --help)\n"),
            (["-x"], "picnic: unknown option '-x' (picnic --help)\n"),
        ]
        for (args, said) in cases {
            let r = try TestSupport.picnic(args, db: db)
            #expect(r.status == 64 && r.stdout.isEmpty, "\(args)")
            #expect(r.stderr == said)
        }
        // Help still prints in full, on stdout.
        let help = try TestSupport.picnic(["show", "--help"], db: db)
        #expect(help.status == 0 && help.stdout.contains("USAGE: picnic show") && help.stderr.isEmpty)
    }
}

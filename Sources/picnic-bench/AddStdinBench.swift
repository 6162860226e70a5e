import ArgumentParser
import Foundation
import PicnicStore

/// `picnic-bench add-stdin`: `picnic add -` (one task a line on stdin) at several input sizes,
/// for one or more binaries side by side (before and after a change), runs alternated.
struct AddStdinBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-stdin",
        abstract: "Time picnic add - with 1,000 to 100,000 lines on stdin (binaries side by side).",
        discussion: """
        Each run adds the lines into a fresh store in a temp folder, then checks that exactly that \
        many tasks are there and that one undo takes them all away. Pass --picnic several times to \
        compare builds; runs alternate between them so machine load falls on all alike. A size \
        whose first run of a binary exceeds --give-up seconds is not run again for that binary.
        """)

    @Option(help: "Input sizes in lines, comma-separated.")
    var sizes = "1000,10000,30000,100000"

    @Option(help: "Runs per binary and size (the median is reported).")
    var runs = 3

    @Option(help: "A picnic binary (repeat to compare; default: the one beside this binary).")
    var picnic: [String] = []

    @Option(help: "Seconds after which a binary is not run again at that size or above.")
    var giveUp = 60.0

    func run() throws {
        let binaries = picnic.isEmpty
            ? [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("picnic").path]
            : picnic
        for b in binaries where !FileManager.default.isExecutableFile(atPath: b) {
            throw ValidationError("no picnic binary at \(b) (build it, or pass --picnic)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-bench-add-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, b) in binaries.enumerated() { print("[\(i + 1)] \(b)") }
        print("runs per figure: \(runs) (median); load average: \(Self.loadAverage())\n")
        print("lines     binary  wall s    CPU s     lines/s (wall)")
        var slow = Set<Int>()
        for size in sizes.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            let input = dir.appendingPathComponent("lines-\(size).txt")
            try Data(Self.lines(size).utf8).write(to: input)
            var samples = [[(wall: Double, cpu: Double)]](repeating: [], count: binaries.count)
            for _ in 0..<max(1, runs) {
                for (i, b) in binaries.enumerated() where !slow.contains(i) {
                    let s = try once(b, input: input.path, lines: size, in: dir)
                    samples[i].append(s)
                    if s.wall > giveUp * 1000 { slow.insert(i) }
                }
            }
            for (i, xs) in samples.enumerated() where !xs.isEmpty {
                let wall = xs.map(\.wall).sorted()[xs.count / 2] / 1000, cpu = xs.map(\.cpu).sorted()[xs.count / 2] / 1000
                print(pad("\(size)", 10) + pad("[\(i + 1)]", 8) + pad(String(format: "%.2f", wall), 10)
                      + pad(String(format: "%.2f", cpu), 10) + String(format: "%.0f", Double(size) / wall)
                      + (xs.count < runs ? "  (\(xs.count) run\(xs.count == 1 ? "" : "s"): over --give-up)" : ""))
            }
        }
        print("\nGoal (issue 17): 100,000 lines in under 5 s, growing linearly.")
    }

    /// One run into a fresh store; checks the count and that one undo removes every task.
    func once(_ binary: String, input: String, lines: Int, in dir: URL) throws -> (wall: Double, cpu: Double) {
        let db = dir.appendingPathComponent("run.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let r = Spawn.run(binary, ["add", "-"], environment: ["PICNIC_DB": db], stdin: input)
        guard r.status == 0 else { throw ValidationError("\(binary) add - failed with status \(r.status)") }
        let store = try AppDatabase(path: db)
        let count = try store.openTasks().count
        guard count == lines else { throw ValidationError("\(binary): \(count) tasks after adding \(lines) lines") }
        _ = try store.undo()
        guard try store.openTasks().isEmpty else { throw ValidationError("\(binary): one undo left tasks behind") }
        return (r.wall, r.cpu)
    }

    /// Varied quick-add lines: tags, projects, priorities, due and wait dates, plain titles.
    static func lines(_ n: Int) -> String {
        let dues = ["due:tomorrow", "due:fri", "due:+3d", "due:eow", "due:2027-01-15", ""]
        var out = ""
        out.reserveCapacity(n * 60)
        for i in 0..<n {
            out += "Task \(i) moved in from the old list"
            if i % 2 == 0 { out += " +t\(i % 11)" }
            if i % 3 == 0 { out += " project:p\(i % 7)" }
            if i % 4 == 0 { out += " pri:\(["H", "M", "L"][i % 3])" }
            let due = dues[i % dues.count]
            if !due.isEmpty { out += " " + due }
            if i % 9 == 0 { out += " wait:+1d" }
            out += "\n"
        }
        return out
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}

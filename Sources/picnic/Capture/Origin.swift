import Foundation
import ProcessSpawn

/// Where a capture was launched from: the folder, and its git repository and branch if any.
enum Origin {
    /// `captured in ~/src/app (git app, branch main)`; nil when the folder is unknown.
    static func describe(directory: String) -> String? {
        guard !directory.isEmpty else { return nil }
        var text = "captured in \(directory)"
        if let top = git(["rev-parse", "--show-toplevel"], in: directory) {
            // symbolic-ref also names a branch with no commit yet; a detached HEAD has none.
            if let branch = git(["symbolic-ref", "--short", "-q", "HEAD"], in: directory) {
                text += " (git \(top), branch \(branch))"
            } else if let commit = git(["rev-parse", "--short", "HEAD"], in: directory) {
                text += " (git \(top), detached at \(commit))"
            } else {
                text += " (git \(top))"
            }
        }
        return text
    }

    /// Runs `git -C DIR ARGS…` (argv only, no shell); nil on any failure.
    static func git(_ args: [String], in directory: String) -> String? {
        guard let git = ["/usr/bin/git", "/usr/local/bin/git", "/bin/git"].first(where: FileManager.default.isExecutableFile) else {
            return nil
        }
        guard let run = try? ChildProcess.run([git, "-C", directory] + args, ChildProcess.Options(stdout: .capture)),
              run.status == 0 else { return nil }
        let s = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }
}

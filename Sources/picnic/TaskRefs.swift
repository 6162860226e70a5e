import PicnicCore

/// Expands the task references people type: `3`, `1-4` (a range), `2,5,7`, a UUID or prefix.
enum TaskRefs {
    static func expand(_ args: [String]) throws -> [String] {
        var out: [String] = []
        for arg in args {
            for part in arg.split(separator: ",") {
                let p = String(part)
                let ends = p.split(separator: "-", omittingEmptySubsequences: false)
                if ends.count == 2, let a = Int(ends[0]), let b = Int(ends[1]), ends[0].allSatisfy(\.isASCII) {
                    guard a <= b, b - a < 10_000 else { throw PicnicError.usage("\(p): not a range of task numbers") }
                    out += (a...b).map(String.init)
                } else {
                    out.append(p)
                }
            }
        }
        guard !out.isEmpty else { throw PicnicError.usage("give a task number (see 'picnic list')") }
        return out
    }
}

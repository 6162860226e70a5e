import Foundation
import PicnicCore
@testable import PicnicStore
import TestSupport

/// A fresh database in its own temp folder, for one test.
func makeDatabase(_ label: String = "store") throws -> AppDatabase {
    let dir = TestSupport.makeTempDirectory(label)
    return try AppDatabase(path: dir.appendingPathComponent("picnic.sqlite").path)
}

struct StaleIndex: Error { var differences: [String] }

/// Checks that `posts_fts` and `posts_title` hold exactly what fresh indexes of `post_threads` and
/// of the roots' titles would: FTS5's own integrity check, each token's thread count in both
/// vocabularies, then, for every stem of either, the threads each index returns for it compared
/// with the fresh index's.
func checkIndex(_ db: AppDatabase) throws {
    try db.pool.write { db in
        try db.execute(sql: "INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')")
        try db.execute(sql: "INSERT INTO posts_title(posts_title) VALUES ('integrity-check')")
        try db.execute(sql: """
            CREATE VIRTUAL TABLE temp.fresh USING fts5(title, body, answers, tags,
                tokenize = 'porter unicode61 remove_diacritics 2', detail = 'none');
            INSERT INTO temp.fresh(rowid, title, body, answers, tags) SELECT id, title, body, answers, tags FROM post_threads;
            CREATE VIRTUAL TABLE temp.fresh_title USING fts5(title, tokenize = 'porter unicode61 remove_diacritics 2');
            INSERT INTO temp.fresh_title(rowid, title) SELECT id, title FROM posts WHERE parent IS NULL;
            """)
        var diff: [String] = []
        for (live, fresh) in [("main.posts_fts", "temp.fresh"), ("main.posts_title", "temp.fresh_title")] {
            let (schema, name) = (String(live.split(separator: ".")[0]), String(live.split(separator: ".")[1]))
            let (fschema, fname) = (String(fresh.split(separator: ".")[0]), String(fresh.split(separator: ".")[1]))
            try db.execute(sql: """
                CREATE VIRTUAL TABLE temp.lv USING fts5vocab(\(schema), \(name), 'row');
                CREATE VIRTUAL TABLE temp.fv USING fts5vocab(\(fschema), \(fname), 'row');
                """)
            let stems = try String.fetchAll(db, sql: "SELECT term FROM temp.lv UNION SELECT term FROM temp.fv")
            diff += try String.fetchAll(db, sql: """
                SELECT '\(name) count ' || term || ' ' || doc FROM (SELECT term, doc FROM temp.lv EXCEPT SELECT term, doc FROM temp.fv)
                UNION ALL
                SELECT 'fresh count ' || term || ' ' || doc FROM (SELECT term, doc FROM temp.fv EXCEPT SELECT term, doc FROM temp.lv)
                """)
            try db.execute(sql: "DROP TABLE temp.lv; DROP TABLE temp.fv")
            for stem in stems {
                // A stem as a query, quoted. The tokenizer stems it again, which is not always the
                // same token ("databas" → "databa"), so the counts above are what covers every
                // token; this compares the threads themselves for the tokens a query can reach.
                let query = "\"" + stem.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let a = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(live) WHERE \(name) MATCH ? ORDER BY rowid", arguments: [query])
                let b = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(fresh) WHERE \(fname) MATCH ? ORDER BY rowid", arguments: [query])
                if a != b { diff.append("\(name) \(stem): \(a) vs \(b)") }
            }
        }
        try db.execute(sql: "DROP TABLE temp.fresh; DROP TABLE temp.fresh_title")
        if !diff.isEmpty { throw StaleIndex(differences: diff) }
    }
}

/// A small realistic corpus: threads people would search while working.
enum Corpus {
    struct Thread {
        var title: String
        var body: String
        var tags: [String] = []
        var space = ""
        var answers: [String] = []
    }

    static let threads: [Thread] = [
        Thread(title: "Pinning the arm64 runner image stops flaky CI",
               body: "Our GitHub Actions jobs on arm64 failed at random until we pinned the runner image.",
               tags: ["ci", "arm64"], space: "ops",
               answers: ["Use a digest, not a tag, for the runner image.", "Also raise the job timeout."]),
        Thread(title: "Rotating TLS certificates on the staging cluster",
               body: "cert-manager renews them, but the ingress keeps the old certificate until restart.",
               tags: ["tls", "kubernetes"], space: "ops",
               answers: ["Restart the ingress controller after renewal, or enable hot reload."]),
        Thread(title: "How to write a quarterly budget draft",
               body: "Start from last quarter's actuals, then list planned hires and tools.",
               tags: ["finance"], space: "management"),
        Thread(title: "Reviewing a large payments pull request",
               body: "Split the review by module; check idempotency keys and currency rounding first.",
               tags: ["review", "payments"], space: "engineering",
               answers: ["Ask for a design note before reviewing the code."]),
        Thread(title: "Postgres vacuum takes hours on a big table",
               body: "autovacuum never finishes on our 2 TB events table.",
               tags: ["postgres", "database"], space: "data",
               answers: ["Partition the table by month and vacuum partitions."]),
        Thread(title: "Swift Package Manager cannot find ncurses on Linux",
               body: "The systemLibrary target needs a shim header with NCURSES_WIDECHAR.",
               tags: ["swift", "linux"], space: "engineering"),
        Thread(title: "Best coffee grinder for the office",
               body: "Burr grinders beat blade grinders for filter coffee.",
               tags: ["coffee"], space: "office"),
        Thread(title: "Onboarding checklist for new engineers",
               body: "Laptop, accounts, a first small task, and a buddy for the first week.",
               tags: ["onboarding"], space: "management"),
    ]

    /// Saves the corpus; returns the root ids in `threads` order.
    @discardableResult
    static func load(into db: AppDatabase) throws -> [Int64] {
        var roots: [Int64] = []
        let base = Date(timeIntervalSince1970: 1_750_000_000)
        for (i, t) in threads.enumerated() {
            let root = try db.savePost(Post(title: t.title, body: t.body, tags: t.tags, author: "ana", space: t.space,
                                            created: base.addingTimeInterval(Double(i) * 3600)))
            for a in t.answers {
                try db.savePost(Post(kind: .answer, title: "", body: a, author: "bo", space: t.space, parent: root.id))
            }
            roots.append(root.id)
        }
        return roots
    }
}

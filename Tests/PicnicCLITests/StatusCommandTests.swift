import Foundation
import Testing
import TestSupport

private let sqlite3 = TestSupport.which("sqlite3")

@Suite struct StatusCommandTests {
    @Test func aMissingDatabaseIsQuietAndNotCreated() throws {
        let db = TestSupport.makeTempDirectory().appendingPathComponent("none.sqlite")
        let plain = try TestSupport.picnic(["status"], db: db)
        #expect(plain.status == 0)
        #expect(plain.stdout == "nothing active, nothing due\n")
        #expect(try TestSupport.picnic(["status", "--tmux"], db: db).stdout == "\n")
        let json = try TestSupport.picnic(["status", "--json"], db: db)
        #expect(json.stdout == "{\"active\":null,\"context\":null,\"due_today\":0,\"help_waiting\":0,\"overdue\":0}\n")
        #expect(!FileManager.default.fileExists(atPath: db.path))
    }

    @Test func showsTheActiveTaskAndWhatIsDue() throws {
        let db = TestSupport.makeTempDirectory().appendingPathComponent("p.sqlite")
        for line in ["Fix flaky CI on arm64 runners for the release +ci due:today",
                     "Pay the invoice due:2020-01-02", "Later thing due:+3d", "No date"] {
            #expect(try TestSupport.picnic(["add", line], db: db).status == 0)
        }
        #expect(try TestSupport.picnic(["start", "1"], db: db).status == 0)
        let plain = try TestSupport.picnic(["status"], db: db)
        #expect(plain.stdout == "▶ 1 Fix flaky CI on arm64 runners… · 1 due today · 1 overdue\n", "\(plain.stdout)")
        let tmux = try TestSupport.picnic(["status", "--tmux", "--max-title", "12"], db: db, environment: ["NO_COLOR": ""])
        #expect(tmux.stdout == "#[fg=green]▶ 1 Fix flaky C…#[default] #[fg=red,bold]1 overdue#[default] #[fg=yellow]1 due#[default]\n",
                "\(tmux.stdout)")
        let bare = try TestSupport.picnic(["status", "--tmux", "--max-title", "12"], db: db)
        #expect(bare.stdout == "▶ 1 Fix flaky C… 1 overdue 1 due\n")
        let json = try TestSupport.picnic(["status", "--json"], db: db)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["due_today"] as? Int == 1)
        #expect(object["overdue"] as? Int == 1)
        let active = try #require(object["active"] as? [String: Any])
        #expect(active["id"] as? Int == 1)
        #expect(active["title"] as? String == "Fix flaky CI on arm64 runners for the release")
    }

    @Test func overdueAloneIsNotCalledDueToday() throws {
        let db = TestSupport.makeTempDirectory().appendingPathComponent("p.sqlite")
        for line in ["Pay the invoice due:2020-01-02", "Renew the domain due:2020-02-03"] {
            #expect(try TestSupport.picnic(["add", line], db: db).status == 0)
        }
        #expect(try TestSupport.picnic(["status"], db: db).stdout == "2 overdue\n")
    }

    /// Europe/Paris: 29 March 2026 has 23 hours, 25 October 2026 has 25. A task due at 23:30 on the
    /// long day is due today; one due at 00:30 after the short day is not.
    @Test(arguments: [
        // now, the task's due (UTC), due today?
        ("2026-10-25T10:00:00Z", "20261025T223000Z", true), ("2026-10-25T10:00:00Z", "20261025T233000Z", false),
        ("2026-03-29T10:00:00Z", "20260329T213000Z", true), ("2026-03-29T10:00:00Z", "20260329T223000Z", false),
    ])
    func theDayEndsAtLocalMidnightOnDaylightSavingDays(now: String, due: String, today: Bool) throws {
        let dir = TestSupport.makeTempDirectory()
        let db = dir.appendingPathComponent("p.sqlite")
        let file = dir.appendingPathComponent("t.json")
        try "[{\"uuid\":\"0b6c3b2e-6c55-4a43-9a36-0d3b1f7a5e01\",\"description\":\"Late call\",\"status\":\"pending\",\"entry\":\"20260101T000000Z\",\"due\":\"\(due)\"}]"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try TestSupport.picnic(["import", "taskwarrior", file.path], db: db).status == 0)
        let out = try TestSupport.picnic(["status", "--json"], db: db, environment: ["TZ": "Europe/Paris", "PICNIC_NOW": now])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(object["due_today"] as? Int == (today ? 1 : 0), "\(now) \(due)")
        #expect(object["overdue"] as? Int == 0)
    }

    @Test func doneTasksAreNotDue() throws {
        let db = TestSupport.makeTempDirectory().appendingPathComponent("p.sqlite")
        #expect(try TestSupport.picnic(["add", "Ship it due:today"], db: db).status == 0)
        #expect(try TestSupport.picnic(["done", "1"], db: db).status == 0)
        #expect(try TestSupport.picnic(["status"], db: db).stdout == "nothing active, nothing due\n")
    }

    @Test(.enabled(if: sqlite3 != nil, "sqlite3 is not installed: status sanitising and match-cache tests skipped"))
    func titlesCannotInjectTmuxFormatsAndOnlyFreshStrongMatchesCount() throws {
        let db = TestSupport.makeTempDirectory().appendingPathComponent("p.sqlite")
        for line in ["One", "Two", "Three"] {
            #expect(try TestSupport.picnic(["add", line], db: db).status == 0)
        }
        #expect(try TestSupport.picnic(["start", "1"], db: db).status == 0)
        let sql = """
            UPDATE tasks SET title = 'x #(touch /tmp/pwned) #[fg=red]' || char(27) || '[2J' || char(10) || 'y ##{' WHERE number = 1;
            INSERT INTO match_cache (task_uuid, task_modified, best_confidence, strong_count, computed_at, top_post_ids,
                                         task_status, task_wait, current)
                SELECT uuid, modified, 0.9, 2, modified, '[]', status, wait, 1 FROM tasks WHERE number IN (1, 2);
            INSERT INTO match_cache (task_uuid, task_modified, best_confidence, strong_count, computed_at, top_post_ids,
                                         task_status, task_wait, current)
                SELECT uuid, modified - 60, 0.9, 1, modified, '[]', status, wait, 0 FROM tasks WHERE number = 3;
            """
        let out = try TestSupport.run(URL(fileURLWithPath: sqlite3!), [db.path, sql])
        #expect(out.status == 0, "\(out.stderr)")
        let tmux = try TestSupport.picnic(["status", "--tmux", "--max-title", "100"], db: db, environment: ["NO_COLOR": ""]).stdout
        #expect(tmux.hasSuffix("#[fg=cyan]2 help#[default]\n"), "\(tmux)")
        var rest = tmux
        for style in ["#[fg=green]", "#[fg=cyan]", "#[default]"] { rest = rest.replacingOccurrences(of: style, with: "") }
        rest = rest.replacingOccurrences(of: "##", with: "")
        #expect(!rest.contains("#"), "\(tmux)")
        #expect(!rest.dropLast().unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(tmux)")
        #expect(tmux.contains("x ##(touch /tmp/pwned) ##[fg=red] y ####{"), "\(tmux)")  // ESC [2J went whole

        // A store from before the help mirror (status never migrates) counts the same by the join.
        let downgrade = """
            DROP TRIGGER tasks_mirror_update; DROP TRIGGER tasks_mirror_delete; DROP INDEX match_cache_help;
            ALTER TABLE match_cache DROP COLUMN current; ALTER TABLE match_cache DROP COLUMN task_wait;
            ALTER TABLE match_cache DROP COLUMN task_status;
            DELETE FROM grdb_migrations WHERE identifier = 'v3-status-help-mirror';
            """
        let old = try TestSupport.run(URL(fileURLWithPath: sqlite3!), [db.path, downgrade])
        #expect(old.status == 0, "\(old.stderr)")
        let json = try TestSupport.picnic(["status", "--json"], db: db).stdout
        #expect(json.contains("\"help_waiting\":2"), "\(json)")
    }

    @Test func refusesBadOptions() throws {
        let db = TestSupport.makeTempDirectory().appendingPathComponent("p.sqlite")
        #expect(try TestSupport.picnic(["status", "--tmux", "--json"], db: db).status == 64)
        #expect(try TestSupport.picnic(["status", "--max-title", "0"], db: db).status == 64)
        let garbage = TestSupport.makeTempDirectory().appendingPathComponent("g.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: garbage)
        let bad = try TestSupport.picnic(["status"], db: garbage)
        #expect(bad.status == 74)
        #expect(bad.stderr.contains("g.sqlite"))
    }
}

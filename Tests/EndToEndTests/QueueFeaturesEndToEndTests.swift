import Foundation
import Testing
import TestSupport

/// Recurrence, dependencies and contexts in the real dashboard, in a real terminal.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
struct QueueFeaturesEndToEndTests {
    @Test func blockersContextsAndARecurringStep() throws {
        let h = try DashboardHarness(width: 110, height: 30)
        try h.picnic(["add", "Order parts +work"])
        try h.picnic(["add", "Assemble the shelf +work depends:1"])
        try h.picnic(["add", "Water plants +home recur:daily due:today"])
        try h.picnic(["context", "define", "home", "+home"])
        try h.picnic(["context", "define", "work", "+work"])
        try h.launch()
        let first = try h.tmux.waitUntil { $0.contains("⊘ Assemble the shelf") && $0.contains("↻ Water plants") }
        // The blocking task is above the one it blocks.
        #expect(first.range(of: "Order parts")!.lowerBound < first.range(of: "Assemble the shelf")!.lowerBound)
        // b from the blocked task lands on its blocker; B comes back.
        // The blocked task is last (below the recurring one due today and its blocker).
        try h.tmux.sendKeys("G")
        try h.tmux.waitUntil { DashboardHarness.line($0, containing: "Assemble the shelf +work")?.contains("›") == true }
        try h.tmux.sendKeys("b")
        try h.tmux.waitUntil { DashboardHarness.line($0, containing: "Order parts +work")?.contains("›") == true && $0.contains("waits on this") }
        try h.tmux.sendKeys("B")
        try h.tmux.waitUntil { DashboardHarness.line($0, containing: "Assemble the shelf +work")?.contains("›") == true }
        // c: the first context by name (home): only its task, and the bar says which.
        try h.tmux.sendKeys("c")
        let home = try h.tmux.waitUntil { $0.contains("[home]") && !$0.contains("Order parts") }
        #expect(home.contains("Water plants"))
        #expect(try h.picnic(["context"]).stdout == "home\n")
        // Done on the recurring task makes the next one, due tomorrow, at once.
        try h.tmux.waitUntil { DashboardHarness.line($0, containing: "Water plants +home")?.contains("›") == true }
        try h.tmux.sendKeys("d")
        let stepped = try h.tmux.waitUntil { $0.contains("Next:") && $0.contains("↻ Water plants") }
        #expect(DashboardHarness.line(stepped, containing: "Water plants +home")?.contains("tmrw") == true)
        // c twice more: work, then none.
        try h.tmux.sendKeys("c")
        try h.tmux.waitUntil { $0.contains("[work]") && $0.contains("Order parts") && !$0.contains("Water plants") }
        try h.tmux.sendKeys("c")
        try h.tmux.waitUntil { !$0.contains("[work]") && $0.contains("Order parts") && $0.contains("Water plants") }
        try h.tmux.sendKeys("q")
        #expect(try h.run!.waitForExit() == 0)
    }
}

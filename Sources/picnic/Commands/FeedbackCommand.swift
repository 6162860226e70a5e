import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic feedback TASK_ID POST_ID helpful|hide|clear`: teach the matcher.
struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Mark a matched post helpful for a task, hide it for that task, or clear the mark.",
        discussion: "helpful lifts the thread for this task and similar ones; hide never shows it for this task again.")

    @Argument(help: "The task: a number, UUID or UUID prefix.")
    var task: String

    @Argument(help: "The post (an answer stands for its thread).")
    var post: Int64

    @Argument(help: "helpful, hide or clear.")
    var verdict: String

    func run() throws {
        let v: FeedbackVerdict?
        switch verdict.lowercased() {
        case "helpful", "+": v = .helpful
        case "hide", "hidden", "-": v = .hidden
        case "clear": v = nil
        default: throw PicnicError.usage("\(verdict): expected helpful, hide or clear")
        }
        let db = try Global.openDatabase()
        let t = try db.task(ref: task)
        try db.setFeedback(task: t, postID: post, verdict: v)
        switch v {
        case .helpful: print("Marked post \(post) helpful for task \(task).")
        case .hidden: print("Hid post \(post) for task \(task).")
        case nil: print("Cleared feedback on post \(post) for task \(task).")
        }
    }
}

import Foundation
import PicnicCore
import CommunityAPI

/// "You could help": others' open questions matched to what the person knows, best first.
public struct CouldHelpList: Equatable, Sendable {
    public var status: HelpPane.Status = .idle
    public var matches: [ThreadMatch] = []
    /// The highlighted question and the first one shown.
    public var cursor = 0
    public var scroll = 0
    /// The latest request; older answers are dropped.
    public var generation = 0
    /// The feed position the list was asked at (asked again when the store has moved on).
    public var position: Int64 = -1

    public init() {}

    /// The strong ones: counted in the status bar.
    public var strongCount: Int { matches.reduce(0) { $0 + ($1.strong ? 1 : 0) } }
    public var selected: ThreadMatch? { matches.indices.contains(cursor) ? matches[cursor] : nil }
}

/// The ledger overlay's content.
public enum LedgerOverlay: Equatable, Sendable {
    case loading
    case loaded(APILedger)
    case failed(String)
}

/// A thread the person read for a task: what "What helped?" offers when the task is finished.
public struct HelpedThread: Equatable, Sendable {
    /// The thread's root.
    public var root: Int64
    public var title: String
    /// The post a helped mark goes to: the root, or for the person's own question its best answer.
    public var post: Int64

    public init(root: Int64, title: String, post: Int64) {
        self.root = root
        self.title = title
        self.post = post
    }
}

/// The "What helped?" line after a task with help was finished.
public struct WhatHelped: Equatable, Sendable {
    public var task: UUID
    /// At most three, the most recently read first.
    public var threads: [HelpedThread]

    public init(task: UUID, threads: [HelpedThread]) {
        self.task = task
        self.threads = threads
    }
}

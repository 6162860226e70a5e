import TermUI
import Foundation
import PicnicCore
import CommunityAPI

/// The ask preview (`p`): the question built from a task, every field editable, beside the
/// threads that may already answer it. Nothing is sent until the person sends it, and what is
/// sent is `draft`: exactly what the form shows.
public struct AskForm: Equatable, Sendable {
    /// The fields, in Tab order.
    public enum Field: Int, CaseIterable, Sendable {
        case title, tags, space, body

        /// The label drawn before the field.
        public var label: String {
            switch self {
            case .title: "Title"
            case .tags: "Tags"
            case .space: "Space"
            case .body: "Body"
            }
        }
    }

    /// The task asked from.
    public var task: UUID
    /// The field with the keyboard.
    public var field: Field = .title
    public var title: PromptLine
    public var body: TextArea
    public var tags: PromptLine
    public var space: PromptLine
    /// The spaces the person may post to (←/→ in the space field cycle them).
    public var spaces: [String]
    /// Where it goes: the community's name, or nil when the question stays on this machine.
    public var community: String?
    /// "Already answered?": threads matched to the question as it stands.
    public var matches: [ThreadMatch]

    /// A form pre-filled from a task: its title, its notes and annotations as the body, its tags,
    /// and the default space (or the task's project when that is a space).
    public init(task: WorkTask, community: CommunitySnapshot, matches: [ThreadMatch]) {
        self.task = task.uuid
        title = PromptLine(mode: .ask, text: task.title)
        let notes = ([task.notes] + task.annotations.map(\.text)).filter { !$0.isEmpty }.joined(separator: "\n\n")
        body = TextArea(notes)
        tags = PromptLine(mode: .ask, text: task.tags.joined(separator: " "))
        spaces = community.spaces
        let project = task.project ?? ""
        let initial: String
        if community.joined {
            initial = community.spaces.contains(project) ? project : community.defaultSpace
        } else {
            initial = project
        }
        space = PromptLine(mode: .ask, text: initial)
        self.community = community.joined ? community.name : nil
        self.matches = matches
    }

    /// The community's state arrived after the form opened (the first snapshot is read after the
    /// first frame): where it goes, and the default space unless a space was typed.
    public mutating func joined(_ community: CommunitySnapshot, project: String?) {
        guard community.joined, self.community == nil else { return }
        self.community = community.name
        spaces = community.spaces
        if space.text.isEmpty || space.text == (project ?? "") {
            let p = project ?? ""
            space = PromptLine(mode: .ask, text: community.spaces.contains(p) ? p : community.defaultSpace)
        }
    }

    /// The tags as typed: words separated by spaces or commas, a leading `+` dropped.
    public var tagList: [String] {
        tags.text.split(whereSeparator: { $0 == " " || $0 == "," }).map {
            $0.hasPrefix("+") ? String($0.dropFirst()) : String($0)
        }.filter { !$0.isEmpty }
    }

    /// Exactly what is sent.
    public var draft: AskDraft {
        AskDraft(task: task, title: title.text.trimmingCharacters(in: .whitespaces),
                      body: body.text.trimmingCharacters(in: .whitespacesAndNewlines),
                      tags: tagList, space: space.text.trimmingCharacters(in: .whitespaces))
    }

    /// Why the draft cannot be sent as it stands (the server's own limits), or nil.
    public var problem: String? {
        let d = draft
        if community != nil && !spaces.isEmpty && !spaces.contains(d.space) {
            return "space: \(d.space.isEmpty ? "empty" : "no space “\(d.space)” here") (\(spaces.joined(separator: ", ")))"
        }
        do {
            try APILimits.check(APIPostWrite(space: community == nil ? CommunityAPI.generalSpace : d.space,
                                             kind: .question, title: d.title, body: d.body, tags: d.tags))
            return nil
        } catch let e as APIError {
            return e.message
        } catch {
            return "\(error)"
        }
    }

    /// The text the "already answered?" matches are asked for.
    public var matchText: String {
        ([title.text, body.text] + tagList.map { "+" + $0 }).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Picks the next (or previous) known space in the space field.
    public mutating func cycleSpace(by step: Int) {
        guard !spaces.isEmpty else { return }
        let i = spaces.firstIndex(of: space.text.trimmingCharacters(in: .whitespaces)) ?? (step > 0 ? -1 : 0)
        let n = spaces.count
        space.setText(spaces[((i + step) % n + n) % n])
    }
}

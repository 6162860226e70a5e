import Foundation
import PicnicCore

/// The limits of the API (docs/CommunityAPI.md, "Limits"), checked by the server on every write
/// and by clients before anything is sent, with the same wording.
public enum APILimits {
    public static let nameLength = 1...32
    public static let titleLength = 1...300
    public static let bodyBytes = 65_536
    public static let tagCount = 16
    public static let tagLength = 1...64
    public static let urlBytes = 2_048
    /// The largest JSON request body.
    public static let requestBytes = 256 * 1024
    /// The server's default cap on a shared file (`serve --max-file-bytes`).
    public static let defaultFileBytes: Int64 = 10 * 1024 * 1024

    /// A user or space name: 1–32 of `a-z 0-9 . _ -`, starting with a letter or digit.
    public static func isValidName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard nameLength.contains(b.count) else { return false }
        func ok(_ c: UInt8) -> Bool { (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) }
        return ok(b[0]) && b.allSatisfy { ok($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    /// Why a name is refused, for messages.
    public static let nameRule = "1–32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"

    /// A lower-case hex SHA-256.
    public static func isSHA256(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Checks a post write against the limits and the kind rules; throws `invalid` naming the field.
    public static func check(_ w: APIPostWrite) throws {
        guard isValidName(w.space) else { throw APIError.invalid("space", nameRule) }
        let titleCount = w.title.count
        guard titleLength.contains(titleCount) else {
            throw APIError.invalid("title", titleCount == 0 ? "empty" : "longer than \(titleLength.upperBound) characters")
        }
        guard w.title.contains(where: { !$0.isWhitespace }) else { throw APIError.invalid("title", "blank") }
        guard w.body.utf8.count <= bodyBytes else { throw APIError.invalid("body", "longer than \(bodyBytes) bytes") }
        guard w.tags.count <= tagCount else { throw APIError.invalid("tags", "more than \(tagCount) tags") }
        for (i, tag) in w.tags.enumerated() {
            guard tagLength.contains(tag.count) else {
                throw APIError.invalid("tags[\(i)]", tag.isEmpty ? "empty" : "longer than \(tagLength.upperBound) characters")
            }
            guard !tag.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
                throw APIError.invalid("tags[\(i)]", "has whitespace or a control character")
            }
        }
        if let url = w.url {
            guard url.utf8.count <= urlBytes else { throw APIError.invalid("url", "longer than \(urlBytes) bytes") }
            let lower = url.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { throw APIError.invalid("url", "not an http or https link") }
        }
        switch w.kind {
        case .answer:
            guard w.parent != nil else { throw APIError.invalid("parent", "an answer needs the question it answers") }
        default:
            guard w.parent == nil else { throw APIError.invalid("parent", "only answers have a parent") }
        }
        switch w.kind {
        case .file:
            guard let file = w.file else { throw APIError.invalid("file", "a file post needs its file") }
            guard isSHA256(file.sha256) else { throw APIError.invalid("file.sha256", "not a lower-case hex SHA-256") }
            guard file.size >= 0 else { throw APIError.invalid("file.size", "negative") }
            guard !file.name.isEmpty, file.name.utf8.count <= 255 else { throw APIError.invalid("file.name", "empty or longer than 255 bytes") }
        case .link:
            guard w.url != nil else { throw APIError.invalid("url", "a link post needs its url") }
            guard w.file == nil else { throw APIError.invalid("file", "only file posts carry a file") }
        default:
            guard w.file == nil else { throw APIError.invalid("file", "only file posts carry a file") }
        }
    }
}

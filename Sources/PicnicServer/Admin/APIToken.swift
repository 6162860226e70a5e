import Crypto
import Foundation
import CommunityAPI

/// API tokens: `picnic_` and 43 base64url characters (32 random bytes). Only their SHA-256 is stored.
public enum APIToken {
    /// A new random token, to be shown once.
    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return CommunityAPI.tokenPrefix + base64URL(bytes)
    }

    /// The SHA-256 the database keeps of a token.
    public static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    /// Whether the text has the shape of a token (before it is looked up).
    public static func isWellFormed(_ token: String) -> Bool {
        guard token.hasPrefix(CommunityAPI.tokenPrefix) else { return false }
        let rest = token.utf8.dropFirst(CommunityAPI.tokenPrefix.utf8.count)
        return rest.count == 43 && rest.allSatisfy { c in
            (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || c == 0x2D || c == 0x5F
        }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Hex of bytes (file hashes).
enum Hex {
    static func string<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0F)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

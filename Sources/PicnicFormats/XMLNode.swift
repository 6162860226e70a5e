import Foundation

/// A small in-memory XML element tree, built by `XMLTokenizer` (for feeds and other small files).
public final class XMLNode {
    /// The qualified name as written (`dc:creator`).
    public let name: String
    public let attributes: [XMLAttribute]
    public private(set) var children: [XMLNode] = []
    var textParts: [String] = []

    init(name: String, attributes: [XMLAttribute]) {
        self.name = name
        self.attributes = attributes
    }

    /// Reads a whole document and returns its root element.
    public static func parse(_ data: Data, file: String) throws -> XMLNode {
        let xml = try XMLTokenizer(data: data, file: file)
        var stack: [XMLNode] = []
        var root: XMLNode?
        while let event = try xml.next() {
            switch event {
            case .start(let name, let attributes):
                let node = XMLNode(name: name, attributes: attributes)
                stack.last?.children.append(node)
                if root == nil { root = node }
                stack.append(node)
            case .end:
                stack.removeLast()
            case .text(let t):
                stack.last?.textParts.append(t)
            }
        }
        guard let root else { throw xml.error("no root element") }
        return root
    }

    /// The name without its namespace prefix (`creator` for `dc:creator`).
    public var localName: Substring {
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
        return Substring(name)
    }

    /// The element's own text (direct text children joined).
    public var text: String { textParts.joined() }

    /// An attribute's value by qualified name.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The first child with this local name.
    public func child(_ local: String) -> XMLNode? {
        children.first { $0.localName == local }
    }

    /// Every child with this local name.
    public func children(_ local: String) -> [XMLNode] {
        children.filter { $0.localName == local }
    }

    /// The text of the first child with this local name, trimmed; nil when absent or empty.
    public func childText(_ local: String) -> String? {
        guard let t = child(local)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}

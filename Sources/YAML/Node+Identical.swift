extension Node {
    /// Whether two trees are the same as read: the same text, kinds, styles, tags and marks
    /// everywhere, and the same keys in the same order.
    ///
    /// Stricter than `==`, which compares meaning and ignores where and how a value was
    /// written. Readers that reach the same tree by different routes (one thread or two)
    /// must agree to this degree, since diagnostics quote text and point at marks.
    public func isIdentical(to other: Node) -> Bool {
        guard tag == other.tag, mark == other.mark else { return false }
        switch (content, other.content) {
        case (.scalar(let a), .scalar(let b)):
            return a.text == b.text && a.kind == b.kind && a.style == b.style
        case (.sequence(let a), .sequence(let b)):
            return Self.allIdentical(a, b)
        case (.mapping(let a), .mapping(let b)):
            return Self.allIdentical(a.storage, b.storage)
        default:
            return false
        }
    }

    private static func allIdentical(_ a: [Node], _ b: [Node]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
    }
}

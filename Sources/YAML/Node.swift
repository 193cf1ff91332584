/// One node of a YAML or JSON document: a scalar, a sequence or a mapping, with its tag and
/// the place it was read from.
///
/// This is the single tree every reader fills and every writer prints. It is a value type
/// whose children live in flat arrays (a mapping stores `key0, value0, key1, value1, …` in
/// one buffer), because building it is the hot path of every conversion and a flat buffer
/// appended in place is about twice as fast as nested enum frames.
///
/// Equality compares meaning, not presentation: marks and scalar styles are ignored, numbers
/// compare by value and keys by order. That is the equality `read(write(tree)) == tree` needs.
public struct Node: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping(Mapping)
    }

    public var content: Content
    public var mark: Mark
    /// The tag, boxed: nearly every node has none, and one reference (8 bytes, `nil` when
    /// there is no tag) keeps a node at 40 bytes where an optional `String` made it 48.
    private var taggedAs: Tag?

    /// An application tag as written, such as CloudFormation's `!Ref`, `!GetAtt` or `!Sub`;
    /// `nil` for untagged nodes. Core-schema tags (`!!str`, `!!int`, …) are applied while
    /// reading and not kept.
    public var tag: String? {
        get { taggedAs?.text }
        set { taggedAs = newValue.map(Tag.init) }
    }

    public init(_ content: Content, tag: String? = nil, mark: Mark = .synthetic) {
        self.content = content
        self.mark = mark
        self.taggedAs = tag.map(Tag.init)
    }

    /// A tag's text, shared by every copy of its node.
    private final class Tag: Sendable {
        let text: String
        init(_ text: String) { self.text = text }
    }
}

// MARK: - Building nodes in code

extension Node {
    public init(scalar: Scalar, tag: String? = nil, mark: Mark = .synthetic) {
        self.init(.scalar(scalar), tag: tag, mark: mark)
    }

    public static func string(_ text: String, mark: Mark = .synthetic) -> Node {
        Node(.scalar(Scalar(text: text, kind: .string, style: .plain)), mark: mark)
    }

    public static func int(_ value: Int, mark: Mark = .synthetic) -> Node {
        Node(.scalar(Scalar(text: String(value), kind: .int)), mark: mark)
    }

    public static func bool(_ value: Bool, mark: Mark = .synthetic) -> Node {
        Node(.scalar(Scalar(text: value ? "true" : "false", kind: .bool)), mark: mark)
    }

    public static func null(mark: Mark = .synthetic) -> Node {
        Node(.scalar(Scalar(text: "null", kind: .null)), mark: mark)
    }

    /// `value` as a whole number when it is one (`100`), else as written by Swift (`2.5`):
    /// a rate read as `100` is written back as `100`, not `100.0`.
    public static func number(_ value: Double, mark: Mark = .synthetic) -> Node {
        value == value.rounded() && abs(value) < 1e15 ? .int(Int(value), mark: mark) : .number(String(value), mark: mark)
    }

    /// A number written exactly as `text`, which must be a core-schema int or float.
    public static func number(_ text: String, mark: Mark = .synthetic) -> Node {
        let kind = ScalarKind.resolve(plain: text)
        precondition(kind == .int || kind == .float, "not a number: \(text)")
        return Node(.scalar(Scalar(text: text, kind: kind)), mark: mark)
    }

    public static func sequence(_ items: [Node], tag: String? = nil, mark: Mark = .synthetic) -> Node {
        Node(.sequence(items), tag: tag, mark: mark)
    }

    public static func mapping(
        _ entries: KeyValuePairs<String, Node>, tag: String? = nil, mark: Mark = .synthetic
    ) -> Node {
        Node(.mapping(Mapping(entries.map { (Node.string($0.key), $0.value) })), tag: tag, mark: mark)
    }

    public static func mapping(_ mapping: Mapping, tag: String? = nil, mark: Mark = .synthetic) -> Node {
        Node(.mapping(mapping), tag: tag, mark: mark)
    }
}

// Deliberately not ExpressibleByNilLiteral: with it, `nil` where a `Node?` is expected can
// silently become a YAML null instead of "no node". Write `.null()` for a null.
extension Node: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Node...) { self = .sequence(elements) }
    /// Keys keep the order they are written in, as in a YAML file.
    public init(dictionaryLiteral elements: (String, Node)...) {
        self.init(.mapping(Mapping(elements.map { (Node.string($0.0), $0.1) })))
    }
}

// MARK: - Reading nodes

extension Node {
    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: Mapping? {
        if case .mapping(let m) = content { return m }
        return nil
    }

    /// The text of a scalar of any kind; `nil` for collections.
    public var text: String? { scalar?.text }

    /// The text of a scalar that is a string; `nil` for numbers, booleans, null and collections.
    public var string: String? {
        if case .scalar(let s) = content, s.kind == .string { return s.text }
        return nil
    }

    public var isScalar: Bool {
        if case .scalar = content { return true }
        return false
    }

    /// The value of a core-schema bool scalar (`true`, `False`, `TRUE`…); `nil` for anything
    /// else, the string `"true"` included.
    public var boolValue: Bool? {
        guard let scalar, scalar.kind == .bool else { return nil }
        return scalar.text.lowercased() == "true"
    }

    public var isNull: Bool {
        if case .scalar(let s) = content { return s.kind == .null }
        return false
    }

    /// A short noun for messages: "a string", "a mapping".
    public var kindDescription: String {
        switch content {
        case .scalar(let s):
            switch s.kind {
            case .null: "null"
            case .bool: "a boolean"
            case .int: "an integer"
            case .float: "a number"
            case .string: "a string"
            }
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }

    /// Whether this node or any node below it carries a tag (`!Ref`, `!Sub`, …).
    public var containsTag: Bool {
        if tag != nil { return true }
        switch content {
        case .scalar: return false
        case .sequence(let items): return items.contains { $0.containsTag }
        case .mapping(let mapping): return mapping.values.contains { $0.containsTag }
        }
    }

    /// The value under a scalar key with this text, when this node is a mapping.
    ///
    /// Keys match by text whatever their kind, so a `200:` response key is found as "200"
    /// whether it was written quoted or not.
    public subscript(key: String) -> Node? {
        mapping?[key]
    }

    /// The item at `index`, when this node is a sequence.
    public subscript(index: Int) -> Node? {
        guard case .sequence(let items) = content, items.indices.contains(index) else { return nil }
        return items[index]
    }
}

// MARK: - Equality of meaning

extension Node: Equatable {
    public static func == (lhs: Node, rhs: Node) -> Bool {
        guard lhs.tag == rhs.tag else { return false }
        switch (lhs.content, rhs.content) {
        case (.scalar(let a), .scalar(let b)):
            return a.hasSameMeaning(as: b)
        case (.sequence(let a), .sequence(let b)):
            return a == b
        case (.mapping(let a), .mapping(let b)):
            return a == b
        default:
            return false
        }
    }
}

extension Scalar {
    /// Whether two scalars mean the same value: same kind, and the same string, boolean or
    /// number. `0x1F` equals `31` and `1e3` equals `1000.0`; a null equals any other null.
    public func hasSameMeaning(as other: Scalar) -> Bool {
        guard kind == other.kind else { return false }
        switch kind {
        case .null:
            return true
        case .string:
            return text == other.text
        case .bool:
            return text.lowercased() == other.text.lowercased()
        case .int:
            if let a = integerValue, let b = other.integerValue { return a == b }
            // Beyond 64 bits: compare the decimal spellings (`+0123…` is `123…`).
            return NumberSpelling.yaml(integer: text) == NumberSpelling.yaml(integer: other.text)
        case .float:
            guard let a = doubleValue, let b = other.doubleValue else { return text == other.text }
            return a == b || (a.isNaN && b.isNaN)
        }
    }

    /// The value of an int scalar in any core-schema spelling, if it fits in an `Int`.
    public var integerValue: Int? {
        guard kind == .int else { return nil }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("+") { return Int(text.dropFirst()) }
        return Int(text)
    }

    /// The value of an int or float scalar as a `Double`, including `.inf` and `.nan`.
    public var doubleValue: Double? {
        switch kind {
        case .int:
            return integerValue.map(Double.init) ?? Double(text)
        case .float:
            var t = Substring(text)
            var sign = 1.0
            if t.first == "-" { sign = -1; t = t.dropFirst() } else if t.first == "+" { t = t.dropFirst() }
            switch t {
            case ".inf", ".Inf", ".INF": return sign * .infinity
            case ".nan", ".NaN", ".NAN": return .nan
            default: break
            }
            // Swift's parser wants a digit on each side of the point: ".5" and "1." do not parse.
            var s = ""
            var previous: Character = " "
            for c in t {
                if c == "." && !previous.isNumber { s.append("0") }
                if (c == "e" || c == "E") && previous == "." { s.append("0") }
                s.append(c)
                previous = c
            }
            if previous == "." { s.append("0") }
            return Double(s).map { sign * $0 }
        default:
            return nil
        }
    }
}

/// A scalar's text together with what it means and how it was written.
///
/// `kind` is decided once, when the scalar is read, by the YAML 1.2 core schema (see
/// `ScalarKind.resolve(plain:)`): only plain scalars can be anything but a string, so
/// `"3.0"` stays a string while `3.0` is a float, and `on`/`yes` are strings.
public struct Scalar: Sendable {
    public var text: String
    public var kind: ScalarKind
    /// How the scalar was written. Writers choose their own style; this is kept so that
    /// later stages can tell `200` from `"200"` in a message if they need to.
    public var style: ScalarStyle

    public init(text: String, kind: ScalarKind, style: ScalarStyle = .plain) {
        self.text = text
        self.kind = kind
        self.style = style
    }
}

/// What a scalar means under the YAML 1.2 core schema (JSON numbers and literals map onto it).
public enum ScalarKind: String, Sendable, Hashable, CaseIterable {
    case null
    case bool
    case int
    case float
    case string
}

/// How a scalar was written in its source.
public enum ScalarStyle: String, Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

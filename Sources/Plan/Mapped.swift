import YAML

/// A name–value pair kept in order, such as a header mapping
/// `method.response.header.Access-Control-Allow-Origin` ← `'*'`.
public struct Mapped: Sendable, Equatable {
    public var name: String
    public var value: String
    /// The CloudFormation function a spec wrote the value with (`!Sub '{"TableName":
    /// "${ItemsTable}"}'`), which a template writes in place of `value`; `value` then holds
    /// what reads as the deployed text (the `!Sub` string), for the checks that read it.
    public var function: Node?

    public init(_ name: String, _ value: String, function: Node? = nil) {
        self.name = name
        self.value = value
        self.function = function
    }

    /// A value written with a function: its text is the `!Sub` string, or the function's
    /// short form (`!GetAtt Table.Arn`) for any other.
    public init(_ name: String, function: Node) {
        let text = function.tag == "!Sub" ? (function.text ?? function.sequence?.first?.text) : nil
        let argument = function.text ?? function.sequence?.compactMap(\.text).joined(separator: ", ") ?? "…"
        self.init(name, text ?? "\(function.tag ?? "") \(argument)", function: function)
    }
}

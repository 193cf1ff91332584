import Plan

/// An ordered list of HTTP header fields, looked up without regard to the name's case.
///
/// HTTP header names are case-insensitive, and the Fetch standard's "get" joins every
/// value of one name with `, `, so a header sent twice reads like one header holding a
/// list. Order is kept so printed requests and responses are deterministic.
public struct HeaderList: Sendable, Equatable {
    public var fields: [Mapped]

    public init(_ fields: [Mapped] = []) {
        self.fields = fields
    }

    /// The combined value of `name` (Fetch "get"): every value joined by `, `, or `nil`.
    public func value(_ name: String) -> String? {
        let values = fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// Whether any field has this name, whatever its case.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.lowercased() == name.lowercased() }
    }

    /// Adds a field at the end.
    public mutating func append(_ name: String, _ value: String) {
        fields.append(Mapped(name, value))
    }
}

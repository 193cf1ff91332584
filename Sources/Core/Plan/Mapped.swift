/// A name–value pair kept in order, such as a header mapping
/// `method.response.header.Access-Control-Allow-Origin` ← `'*'`.
public struct Mapped: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

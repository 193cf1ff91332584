/// Where an operation sits in the spec: its `paths` key and its key in the path item.
public struct OperationSource: Sendable, Equatable {
    /// The `paths` key as written, such as `/pets/{petId}`.
    public var path: String
    /// `get`, `post`, …, or `x-amazon-apigateway-any-method`.
    public var method: String

    public init(path: String, method: String) {
        self.path = path
        self.method = method
    }
}

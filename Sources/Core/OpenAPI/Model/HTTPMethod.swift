/// A method API Gateway can put on a resource, in the order the model lists them.
///
/// These are exactly the verbs `AWS::ApiGateway::Method` accepts. OpenAPI's `trace` (and
/// 3.2's `query`) are not among them: the builder reports and drops those. `ANY` comes from
/// the path item extension `x-amazon-apigateway-any-method` and matches every verb that has
/// no method of its own on the resource.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable, Comparable {
    case get = "GET"
    case put = "PUT"
    case post = "POST"
    case delete = "DELETE"
    case options = "OPTIONS"
    case head = "HEAD"
    case patch = "PATCH"
    case any = "ANY"

    /// The path item key that holds this method's operation.
    public var pathItemKey: String {
        self == .any ? "x-amazon-apigateway-any-method" : rawValue.lowercased()
    }

    /// The method stored under `key` in an OpenAPI path item, if API Gateway has it.
    ///
    /// OpenAPI's field names are case-sensitive, so `GET:` is not a method key.
    public init?(pathItemKey key: String) {
        guard let method = Self.allCases.first(where: { $0.pathItemKey == key }) else { return nil }
        self = method
    }

    /// The order of `allCases`: OpenAPI's path item order, with `ANY` last.
    public static func < (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
}

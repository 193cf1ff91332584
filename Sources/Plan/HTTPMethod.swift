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
    ///
    /// Spelled out rather than lower-cased from `rawValue`: the model asks for it for every
    /// key of every path item, and lower-casing made a new string each time.
    @inlinable
    public var pathItemKey: String {
        switch self {
        case .get: "get"
        case .put: "put"
        case .post: "post"
        case .delete: "delete"
        case .options: "options"
        case .head: "head"
        case .patch: "patch"
        case .any: "x-amazon-apigateway-any-method"
        }
    }

    /// The method stored under `key` in an OpenAPI path item, if API Gateway has it.
    ///
    /// OpenAPI's field names are case-sensitive, so `GET:` is not a method key.
    @inlinable
    public init?(pathItemKey key: String) {
        switch key {
        case "get": self = .get
        case "put": self = .put
        case "post": self = .post
        case "delete": self = .delete
        case "options": self = .options
        case "head": self = .head
        case "patch": self = .patch
        case "x-amazon-apigateway-any-method": self = .any
        default: return nil
        }
    }

    /// The order of `allCases`: OpenAPI's path item order, with `ANY` last.
    @inlinable
    public static func < (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool {
        lhs.rank < rhs.rank
    }

    /// The position in `allCases`, without building that array for every comparison.
    @inlinable
    var rank: Int {
        switch self {
        case .get: 0
        case .put: 1
        case .post: 2
        case .delete: 3
        case .options: 4
        case .head: 5
        case .patch: 6
        case .any: 7
        }
    }
}

import YAML

/// Leave for API Gateway to invoke a Lambda function for one method
/// (`AWS::Lambda::Permission`), scoped to that method's verb and path so that no other
/// API or route can use it.
public struct LambdaPermission: Sendable, Equatable {
    /// The function's ARN or name, possibly a `!Ref` to a template parameter.
    public var functionName: Node
    public var httpMethod: String
    /// The resource path, `/pets/{petId}`; variables become `*` in the source ARN.
    public var path: String

    public init(functionName: Node, httpMethod: String, path: String) {
        self.functionName = functionName
        self.httpMethod = httpMethod
        self.path = path
    }

    /// The part of the execute-api ARN after the API ID: `/*/GET/pets/*` (any stage), or an
    /// HTTP API's `/*/$default`.
    public var sourceARNSuffix: String {
        if path == GatewayPlan.defaultRoutePath { return "/*/\(path)" }
        let method = httpMethod == "ANY" ? "*" : httpMethod
        let segments = path.split(separator: "/").map { $0.hasPrefix("{") ? "*" : String($0) }
        return "/*/\(method)/" + segments.joined(separator: "/")
    }
}

import Diagnostics
import Plan

/// One method on one resource, as the spec describes it.
public struct Operation: Sendable, Equatable {
    public var method: HTTPMethod
    /// The full path of the resource the operation is on, e.g. `/pets/{petId}`.
    public var path: String
    public var operationId: String?
    public var summary: String?
    public var description: String?
    public var tags: [String]
    /// Path item parameters first, in source order, each replaced in place by an operation
    /// parameter with the same name and `in`; then the operation's other parameters.
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    /// In source order.
    public var responses: [Response]
    public var security: Security
    /// The operation's `x-amazon-apigateway-*` extensions, in source order.
    public var extensions: [GatewayExtension]
    /// Where the method key (`get:`) is written.
    public var location: SourceLocation
    /// The path's variables that `--repair` renamed or freed of glued text; the
    /// parameters above already carry the gateway's names.
    public var variableRepairs: [VariableRepair] = []

    public init(
        method: HTTPMethod, path: String, operationId: String? = nil, summary: String? = nil,
        description: String? = nil, tags: [String] = [], parameters: [Parameter] = [],
        requestBody: RequestBody? = nil, responses: [Response] = [],
        security: Security = Security(source: .none, requirements: [], location: nil),
        extensions: [GatewayExtension] = [], location: SourceLocation
    ) {
        self.method = method
        self.path = path
        self.operationId = operationId
        self.summary = summary
        self.description = description
        self.tags = tags
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
        self.security = security
        self.extensions = extensions
        self.location = location
    }

    /// The parameter with this name and `in`, if the operation has one.
    public func parameter(_ name: String, in placement: Parameter.Placement) -> Parameter? {
        parameters.first { $0.name == name && $0.placement == placement }
    }

    /// The response for a status code as written (`"200"`, `"default"`).
    public func response(_ statusCode: String) -> Response? {
        responses.first { $0.statusCode == statusCode }
    }
}

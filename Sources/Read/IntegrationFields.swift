import YAML
import Plan

/// The names an integration's fields have in one format: CloudFormation's `Integration`
/// property (`Uri`, `IntegrationHttpMethod`) or the OpenAPI extension
/// `x-amazon-apigateway-integration` (`uri`, `httpMethod`). Both say the same things, so
/// both readers build the plan's `Integration` and `IntegrationResponse` here.
struct IntegrationFields {
    var uri: String
    var httpMethod: String
    var passthroughBehavior: String
    var contentHandling: String
    var requestTemplates: String
    var requestParameters: String
    var credentials: String
    var timeoutInMillis: String
    var connectionType: String
    var connectionID: String
    var cacheKeyParameters: String
    var cacheNamespace: String
    var responseParameters: String
    var responseTemplates: String

    static let cloudFormation = IntegrationFields(
        uri: "Uri", httpMethod: "IntegrationHttpMethod", passthroughBehavior: "PassthroughBehavior",
        contentHandling: "ContentHandling", requestTemplates: "RequestTemplates", requestParameters: "RequestParameters",
        credentials: "Credentials", timeoutInMillis: "TimeoutInMillis", connectionType: "ConnectionType",
        connectionID: "ConnectionId", cacheKeyParameters: "CacheKeyParameters", cacheNamespace: "CacheNamespace",
        responseParameters: "ResponseParameters", responseTemplates: "ResponseTemplates")

    static let openAPI = IntegrationFields(
        uri: "uri", httpMethod: "httpMethod", passthroughBehavior: "passthroughBehavior",
        contentHandling: "contentHandling", requestTemplates: "requestTemplates", requestParameters: "requestParameters",
        credentials: "credentials", timeoutInMillis: "timeoutInMillis", connectionType: "connectionType",
        connectionID: "connectionId", cacheKeyParameters: "cacheKeyParameters", cacheNamespace: "cacheNamespace",
        responseParameters: "responseParameters", responseTemplates: "responseTemplates")
}

extension ReadContext {
    /// The integration of the method `owner` names (`GET /pets`, or a logical ID), from its
    /// fields as `spelling` names them; `responses` are read by the caller, whose formats
    /// differ in how they list them.
    func integration(
        kind: Integration.Kind, fields: Mapping, responses: [IntegrationResponse], spelling: IntegrationFields, owner: String
    ) -> Integration {
        Integration(
            kind: kind,
            uri: node(fields[spelling.uri], "the integration \(spelling.uri) of \(owner)"),
            httpMethod: text(fields[spelling.httpMethod], "the integration \(spelling.httpMethod)")?.uppercased(),
            passthroughBehavior: text(fields[spelling.passthroughBehavior], spelling.passthroughBehavior)?.uppercased(),
            contentHandling: text(fields[spelling.contentHandling], spelling.contentHandling),
            requestTemplates: pairs(fields[spelling.requestTemplates], "a request template", warnsUnresolved: false),
            requestParameters: pairs(fields[spelling.requestParameters], "an integration request parameter", warnsUnresolved: false),
            responses: responses,
            credentials: node(fields[spelling.credentials], "the integration \(spelling.credentials) of \(owner)"),
            timeoutInMillis: int(fields[spelling.timeoutInMillis], spelling.timeoutInMillis),
            connectionType: text(fields[spelling.connectionType], spelling.connectionType),
            connectionID: node(fields[spelling.connectionID], spelling.connectionID),
            cacheKeyParameters: texts(fields[spelling.cacheKeyParameters], spelling.cacheKeyParameters),
            cacheNamespace: text(fields[spelling.cacheNamespace], spelling.cacheNamespace))
    }

    /// One integration response of `verb path`, its place recorded for the doctor.
    func integrationResponse(
        _ fields: Node, selectionPattern: String?, status: String, verb: String, path: String, spelling: IntegrationFields
    ) -> IntegrationResponse {
        IntegrationResponse(
            selectionPattern: selectionPattern,
            statusCode: status,
            responseParameters: pairs(fields[spelling.responseParameters], "a response parameter") {
                .responseParameter(verb, path, status, $0)
            },
            responseTemplates: pairs(fields[spelling.responseTemplates], "a response template") {
                .responseTemplate(verb, path, status, $0)
            },
            contentHandling: text(fields[spelling.contentHandling], spelling.contentHandling))
    }
}

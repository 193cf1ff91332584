import YAML
import Plan

/// What an HTTP API's document has that a REST API's does not, and what it must not have.
///
/// API Gateway's HTTP import reads the document alone: the API's name is `info.title`
/// (CloudFormation refuses a `Name` beside a `Body`), its CORS configuration the root
/// `x-amazon-apigateway-cors`, and `x-amazon-apigateway-importexport-version: "1.0"` selects
/// the HTTP import. The REST extensions a spec may carry mean nothing to it, so they go.
extension OpenAPIRenderer {
    /// The root extensions of a REST API, which an HTTP import ignores or refuses.
    static let restOnlyRootExtensions = [
        "x-amazon-apigateway-gateway-responses",
        "x-amazon-apigateway-request-validators",
        "x-amazon-apigateway-request-validator",
        "x-amazon-apigateway-api-key-source",
        "x-amazon-apigateway-binary-media-types",
        "x-amazon-apigateway-minimum-compression-size",
        "x-amazon-apigateway-policy",
        "x-amazon-apigateway-endpoint-configuration",
        "x-amazon-apigateway-documentation",
    ]

    /// The document's root as an HTTP import reads it.
    func addHTTPExtensions(to root: inout Mapping, of plan: GatewayPlan) {
        var info = root["info"]?.mapping ?? Mapping()
        if info["title"] != plan.api.name { info["title"] = plan.api.name }
        if let description = plan.api.description, info["description"] != description { info["description"] = description }
        root["info"] = .mapping(info)
        for key in Self.restOnlyRootExtensions { root[key] = nil }
        root["x-amazon-apigateway-importexport-version"] = "1.0"
        root["x-amazon-apigateway-cors"] = plan.cors.map(Self.corsExtension)
    }

    /// `x-amazon-apigateway-cors`: only what is set, as `CorsConfiguration` is written.
    static func corsExtension(_ cors: CORSConfiguration) -> Node {
        var fields = Mapping()
        func list(_ key: String, _ values: [String]) {
            if !values.isEmpty { fields.append(key: .string(key), value: .sequence(values.map { .string($0) })) }
        }
        list("allowOrigins", cors.allowOrigins)
        list("allowMethods", cors.allowMethods)
        list("allowHeaders", cors.allowHeaders)
        list("exposeHeaders", cors.exposeHeaders)
        if let age = cors.maxAge { fields.append(key: "maxAge", value: .int(age)) }
        if cors.allowCredentials { fields.append(key: "allowCredentials", value: true) }
        return .mapping(fields)
    }

    /// The document path of a plan resource: the `$default` route is written as the path
    /// `/$default`, which the HTTP import reads as that route.
    static func documentPath(_ resourcePath: String) -> String {
        resourcePath == GatewayPlan.defaultRoutePath ? "/" + resourcePath : resourcePath
    }
}

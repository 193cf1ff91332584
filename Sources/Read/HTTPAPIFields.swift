import YAML
import Plan

/// The parts of an HTTP API that a template and an OpenAPI document both write, each under
/// its own spelling (`CorsConfiguration: {AllowOrigins: …}` beside `x-amazon-apigateway-cors:
/// {allowOrigins: …}`), read into the plan in one place so both readers give the same plan.
extension ReadContext {
    /// An HTTP API's CORS configuration, from a template's `CorsConfiguration`
    /// (`capitalized`) or a document's `x-amazon-apigateway-cors`; the place of each setting
    /// is recorded under the document's name for it, so the doctor points at the line either
    /// way.
    func corsConfiguration(_ node: Node, capitalized: Bool) -> CORSConfiguration? {
        let what = capitalized ? "CorsConfiguration" : "x-amazon-apigateway-cors"
        guard let fields = mapping(node, what) else { return nil }
        locations[.cors] = location(node)
        func field(_ name: String) -> Node? {
            let written = capitalized ? name.prefix(1).uppercased() + name.dropFirst() : name
            let value = fields[written]
            locations[.corsSetting(name)] = location(value)
            return value
        }
        return CORSConfiguration(
            allowOrigins: texts(field("allowOrigins"), "\(what) allowOrigins"),
            allowMethods: texts(field("allowMethods"), "\(what) allowMethods"),
            allowHeaders: texts(field("allowHeaders"), "\(what) allowHeaders"),
            exposeHeaders: texts(field("exposeHeaders"), "\(what) exposeHeaders"),
            maxAge: int(field("maxAge"), "\(what) maxAge"),
            allowCredentials: bool(field("allowCredentials"), "\(what) allowCredentials") ?? false)
    }

    /// A JWT authorizer's issuer and audiences (`JwtConfiguration`, `jwtConfiguration`); one
    /// audience written without a list is read as a list of one.
    func jwtConfiguration(issuer: Node?, audience: Node?, of name: String) -> JWTConfiguration {
        let audiences: [Node]
        if let items = audience?.sequence, audience?.tag == nil {
            audiences = items.compactMap { node($0, "an audience of \(name)") }
        } else {
            audiences = node(audience, "the audience of \(name)").map { [$0] } ?? []
        }
        return JWTConfiguration(issuer: node(issuer, "the issuer of \(name)"), audience: audiences)
    }

    /// What an HTTP API integration has whether written or not: its payload format as
    /// written, else `1.0` for an HTTP proxy, which has no other; `POST` for a Lambda proxy,
    /// the only verb Lambda is invoked with. A Lambda proxy without a payload format is kept
    /// without one: CloudFormation and the import require it, and a check can say so.
    func completeHTTPIntegration(_ integration: inout Integration, payloadFormatVersion node: Node?, of owner: String) {
        integration.payloadFormatVersion =
            text(node, "the payload format version of \(owner)") ?? (integration.kind == .httpProxy ? "1.0" : nil)
        if integration.kind == .awsProxy, integration.httpMethod == nil { integration.httpMethod = "POST" }
    }
}

extension GatewayPlan {
    /// Marks the OPTIONS routes of an HTTP API that exist only to let preflights through:
    /// with CORS configured, an unauthenticated `OPTIONS` beside an `ANY` route that needs
    /// authorization (on the same path, or `OPTIONS /{proxy+}` beside `$default`) with the
    /// same integration, which is what the planner adds. Every other route is an operation.
    ///
    /// A read plan says what the API holds, so a preflight route a planner added and the same
    /// route written by hand read the same.
    mutating func markHTTPPreflightRoutes() {
        guard kind == .http, cors != nil else { return }
        let defaultRoute = resource(at: Self.defaultRoutePath)?.method("ANY")
        for index in resources.indices {
            let resource = resources[index]
            guard let options = resource.methods.firstIndex(where: { $0.httpMethod == "OPTIONS" }) else { continue }
            let route = resource.methods[options]
            let served = resource.method("ANY") ?? (resource.path == "/{proxy+}" ? defaultRoute : nil)
            guard route.authorization.type == "NONE", let served, served.authorization.type != "NONE",
                served.integration == route.integration
            else { continue }
            resources[index].methods[options].role = .preflight
            // As a planned preflight route: none of the spec's operations.
            resources[index].methods[options].source = nil
        }
    }
}

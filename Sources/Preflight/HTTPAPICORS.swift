import Plan

/// How an HTTP API's CORS configuration becomes response headers: API Gateway answers every
/// preflight from it and adds its headers to every other response to a CORS request,
/// dropping whatever CORS headers the backend sent.
///
/// Where a REST API and an HTTP API differ (docs/troubleshooting.md, "HTTP APIs", prints the same table):
///
/// | | REST API | HTTP API |
/// |---|---|---|
/// | who answers a preflight | an OPTIONS method of the path, usually a MOCK | API Gateway, from the CORS configuration, for any path; without a configuration, the route OPTIONS reaches |
/// | several allowed origins | a response template that chooses one | a list; API Gateway echoes the request's origin when it is listed |
/// | CORS headers on the backend's answer | a proxy backend's pass through; a non-proxy method maps its own | dropped when the API has a CORS configuration, replaced by the configuration's |
/// | CORS headers on API Gateway's own errors | none unless a gateway response maps them | the configuration's, on 401, 403 and 404 alike |
/// | `*` origin with credentials | accepted, refused by the browser | refused by API Gateway when the configuration is saved |
/// | an unmatched request | 403 `{"message":"Missing Authentication Token"}` | 404 `{"message":"Not Found"}` |
/// | authorizer on the route OPTIONS reaches | the OPTIONS method's own | the OPTIONS, ANY or `$default` route's, before API Gateway answers the preflight |
///
/// Sources: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
/// (documented: API Gateway answers preflights without an OPTIONS route, adds the configured
/// headers to the integration's response and ignores the backend's). What the page leaves
/// open is the simulation's reading of observed behaviour, said at each function.
public enum HTTPAPICORS {
    /// Whether `request` is a preflight as API Gateway tells one: OPTIONS with `Origin` and
    /// `Access-Control-Request-Method` (documented on the CORS page: both are needed for
    /// API Gateway to answer with CORS headers).
    public static func isPreflight(_ request: GatewayRequest) -> Bool {
        request.method == "OPTIONS" && request.headers.contains("Origin")
            && request.headers.contains("Access-Control-Request-Method")
    }

    /// The `Access-Control-Allow-Origin` API Gateway sends to a page on `origin`: the origin
    /// itself when `allowOrigins` lists it, else `*` when it lists `*`, else `nil` (no CORS
    /// headers at all). Origins compare byte for byte, as browsers send them serialised.
    ///
    /// Observed, not documented: a listed origin is echoed, and `*` is sent as `*`.
    public static func allowOrigin(for origin: String, in configuration: CORSConfiguration) -> String? {
        if configuration.allowOrigins.contains(origin) { return origin }
        return configuration.allowOrigins.contains("*") ? "*" : nil
    }

    /// The headers of API Gateway's answer to a preflight from `origin`, in the order it
    /// sends them, with lower-case names as HTTP/2 carries them. The lists are sent as
    /// configured, joined by commas, `*` included: the browser, not API Gateway, compares
    /// them with what the preflight asks for (the simulation's reading; either way the
    /// browser blocks a request the lists do not cover).
    public static func preflightHeaders(for origin: String, _ configuration: CORSConfiguration) -> [GatewayAnswer.Header] {
        guard let allowed = allowOrigin(for: origin, in: configuration) else { return [] }
        var headers = [header("access-control-allow-origin", allowed, "allowOrigins")]
        if configuration.allowCredentials { headers.append(header("access-control-allow-credentials", "true", "allowCredentials")) }
        if !configuration.allowMethods.isEmpty {
            headers.append(header("access-control-allow-methods", configuration.allowMethods.joined(separator: ","), "allowMethods"))
        }
        if !configuration.allowHeaders.isEmpty {
            headers.append(header("access-control-allow-headers", configuration.allowHeaders.joined(separator: ","), "allowHeaders"))
        }
        if let maxAge = configuration.maxAge { headers.append(header("access-control-max-age", String(maxAge), "maxAge")) }
        return headers
    }

    /// The headers API Gateway adds to any other response to a request from `origin`:
    /// the origin, credentials and the headers a page may read; the preflight's lists and
    /// max age belong to the preflight alone.
    public static func responseHeaders(for origin: String, _ configuration: CORSConfiguration) -> [GatewayAnswer.Header] {
        guard let allowed = allowOrigin(for: origin, in: configuration) else { return [] }
        var headers = [header("access-control-allow-origin", allowed, "allowOrigins")]
        if configuration.allowCredentials { headers.append(header("access-control-allow-credentials", "true", "allowCredentials")) }
        if !configuration.exposeHeaders.isEmpty {
            headers.append(header("access-control-expose-headers", configuration.exposeHeaders.joined(separator: ","), "exposeHeaders"))
        }
        return headers
    }

    /// Whether API Gateway drops this header from the backend's answer when the API has a
    /// CORS configuration: every `Access-Control-*` response header (documented: "ignores
    /// CORS headers returned from your backend integration").
    public static func isCORSHeader(_ name: String) -> Bool {
        name.lowercased().hasPrefix("access-control-")
    }

    /// Why API Gateway refuses the configuration, or `nil`: `*` among the origins with
    /// credentials allowed is refused when the API is created or updated ("allow-credentials
    /// is not supported if 'allow-origin' is *", a 400; observed, reported in
    /// https://github.com/aws/aws-cdk/issues/9076), so the stack fails.
    public static func refusal(of configuration: CORSConfiguration) -> String? {
        guard configuration.allowCredentials, configuration.allowOrigins.contains("*") else { return nil }
        return "API Gateway refuses a CORS configuration with allowOrigins * and allowCredentials true "
            + "(allow-credentials is not supported if allow-origin is *), so the API is never created or updated"
    }

    private static func header(_ name: String, _ value: String, _ property: String) -> GatewayAnswer.Header {
        GatewayAnswer.Header(name: name, value: value, source: "\(property) of the API's CORS configuration")
    }
}

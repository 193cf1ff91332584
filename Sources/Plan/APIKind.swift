/// Which of API Gateway's two kinds of API a plan is: a REST API (`AWS::ApiGateway::*`, the
/// version 1 service) or an HTTP API (`AWS::ApiGatewayV2::*` with protocol HTTP).
///
/// Both kinds route a method and a path to an integration, so the plan's resources, methods,
/// integrations, authorizers and stage serve both. What only one kind has is said here and
/// nowhere else: producers ask it what they may plan, consumers what they may render or
/// simulate, and docs/http-apis.md prints the same table (`HTTPAPIDocsTests` holds the two
/// together).
public enum APIKind: String, Sendable, Equatable, CaseIterable {
    case rest
    case http

    /// The integration types the kind has. An HTTP API's other types (AWS service
    /// integrations with a subtype, private integrations through a VPC link) are not planned.
    public var integrationKinds: [Integration.Kind] {
        switch self {
        case .rest: Integration.Kind.allCases
        case .http: [.awsProxy, .httpProxy]
        }
    }

    /// Whether API Gateway answers CORS preflights itself from the API's CORS configuration
    /// (and drops the backend's CORS headers), instead of from OPTIONS methods the API has.
    public var answersPreflightsItself: Bool { self == .http }

    /// Whether API Gateway's own error responses can be customised (gateway responses).
    public var hasGatewayResponses: Bool { self == .rest }

    /// Whether API Gateway validates requests against models before the integration.
    public var validatesRequests: Bool { self == .rest }

    /// Whether callers may be metered with API keys and usage plans.
    public var hasUsagePlans: Bool { self == .rest }

    /// Whether the API can have a resource policy.
    public var hasResourcePolicy: Bool { self == .rest }

    /// Whether payloads can be declared binary (`binaryMediaTypes`).
    public var hasBinaryMediaTypes: Bool { self == .rest }

    /// Whether a stage can cache responses or trace requests with X-Ray.
    public var hasStageCacheAndTracing: Bool { self == .rest }

    /// The endpoint types an API of this kind may have.
    public var endpointTypes: [String] {
        switch self {
        case .rest: ["EDGE", "REGIONAL", "PRIVATE"]
        case .http: ["REGIONAL"]
        }
    }

    /// The authorizer types (`Authorizer.type`).
    public var authorizerTypes: [String] {
        switch self {
        case .rest: ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"]
        case .http: ["JWT", "REQUEST"]
        }
    }

    /// The authorization types a method (a route) may have (`Authorization.type`).
    public var authorizationTypes: [String] {
        switch self {
        case .rest: ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"]
        case .http: ["NONE", "AWS_IAM", "CUSTOM", "JWT"]
        }
    }

    /// Whether an operation may list several security requirements: a REST import uses the
    /// first, an HTTP import refuses the document.
    public var allowsAlternativeSecurity: Bool { self == .rest }

    /// The OpenAPI versions the kind's import takes.
    public var importedOpenAPIVersions: [String] {
        switch self {
        case .rest: ["2.0", "3.0"]
        case .http: ["3.0"]
        }
    }

    /// The payload format versions of a Lambda proxy integration; a REST API has one format
    /// and no version.
    public var payloadFormatVersions: [String] {
        switch self {
        case .rest: []
        case .http: ["1.0", "2.0"]
        }
    }

    /// The longest an integration may take, in milliseconds (REST's is the regional
    /// default; `GatewayQuotas` knows where it can be raised).
    public var maximumIntegrationTimeout: Int {
        switch self {
        case .rest: 29_000
        case .http: 30_000
        }
    }

    /// The stage an API of this kind gets when the settings name none: a REST API's is a
    /// template parameter defaulting to `v1`; an HTTP API's `$default` stage serves the API
    /// at its base URL and deploys every change by itself.
    public var defaultStageName: String {
        switch self {
        case .rest: "v1"
        case .http: "$default"
        }
    }

    /// One row of what the kinds differ in, as docs/http-apis.md prints it.
    public struct Difference: Sendable, Equatable {
        public var what: String
        public var rest: String
        public var http: String
    }

    /// What the two kinds differ in, every property above as a row.
    public static var differences: [Difference] {
        func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
        func row(_ what: String, _ value: (APIKind) -> String) -> Difference {
            Difference(what: what, rest: value(.rest), http: value(.http))
        }
        return [
            row("integration types") { $0.integrationKinds.map(\.rawValue).joined(separator: ", ") },
            row("preflights answered by API Gateway from the CORS configuration") { yesNo($0.answersPreflightsItself) },
            row("gateway responses") { yesNo($0.hasGatewayResponses) },
            row("request validation") { yesNo($0.validatesRequests) },
            row("API keys and usage plans") { yesNo($0.hasUsagePlans) },
            row("resource policy") { yesNo($0.hasResourcePolicy) },
            row("binary media types") { yesNo($0.hasBinaryMediaTypes) },
            row("stage cache and X-Ray tracing") { yesNo($0.hasStageCacheAndTracing) },
            row("endpoint types") { $0.endpointTypes.joined(separator: ", ") },
            row("authorizer types") { $0.authorizerTypes.joined(separator: ", ") },
            row("authorization types") { $0.authorizationTypes.joined(separator: ", ") },
            row("several security requirements on an operation") { $0.allowsAlternativeSecurity ? "first is used" : "refused" },
            row("OpenAPI versions imported") { $0.importedOpenAPIVersions.joined(separator: ", ") },
            row("payload format versions") { $0.payloadFormatVersions.isEmpty ? "none" : $0.payloadFormatVersions.joined(separator: ", ") },
            row("longest integration timeout (ms)") { String($0.maximumIntegrationTimeout) },
            row("stage when none is named") { $0.defaultStageName },
        ]
    }
}

import YAML

/// A Lambda or Cognito authorizer methods may name.
public struct Authorizer: Sendable, Equatable {
    /// The name methods refer to (the security scheme's name in OpenAPI).
    public var name: String
    /// `TOKEN`, `REQUEST` or `COGNITO_USER_POOLS` (REST); `JWT` or `REQUEST` (HTTP).
    public var type: String
    public var authorizerURI: Node?
    public var credentials: Node?
    /// `method.request.header.Authorization` (REST), `$request.header.Authorization` (HTTP);
    /// several sources are separated by commas.
    public var identitySource: String?
    public var identityValidationExpression: String?
    public var resultTTLInSeconds: Int?
    public var providerARNs: [Node]
    /// A `JWT` authorizer's token issuer and the audiences (client IDs) it accepts.
    public var jwtConfiguration: JWTConfiguration?
    /// An HTTP API `REQUEST` authorizer's event shape: `1.0` or `2.0`.
    public var payloadFormatVersion: String?
    /// Whether an HTTP API `REQUEST` authorizer (format 2.0) answers `{"isAuthorized": …}`
    /// instead of an IAM policy.
    public var enableSimpleResponses: Bool?

    public init(
        name: String, type: String, authorizerURI: Node? = nil, credentials: Node? = nil, identitySource: String? = nil,
        identityValidationExpression: String? = nil, resultTTLInSeconds: Int? = nil, providerARNs: [Node] = []
    ) {
        self.name = name
        self.type = type
        self.authorizerURI = authorizerURI
        self.credentials = credentials
        self.identitySource = identitySource
        self.identityValidationExpression = identityValidationExpression
        self.resultTTLInSeconds = resultTTLInSeconds
        self.providerARNs = providerARNs
    }
}

/// Who issues the tokens a `JWT` authorizer accepts and for whom.
public struct JWTConfiguration: Sendable, Equatable {
    /// The issuer URL (`https://cognito-idp.REGION.amazonaws.com/POOL`); a node, as it may be
    /// written with `!Sub`.
    public var issuer: Node?
    /// The accepted `aud` (or Cognito `client_id`) values.
    public var audience: [Node]

    public init(issuer: Node? = nil, audience: [Node] = []) {
        self.issuer = issuer
        self.audience = audience
    }
}

extension Authorizer {
    /// Where an authorizer of `type` reads the caller's identity when the OpenAPI document
    /// gives no `identitySource`: a token or Cognito authorizer reads the header its
    /// security scheme names (`name:`, `Authorization` when none), as the import does; a
    /// request authorizer has no default.
    public static func defaultIdentitySource(type: String, schemeHeader: String?) -> String? {
        guard type == "TOKEN" || type == "COGNITO_USER_POOLS" else { return nil }
        return "method.request.header.\(schemeHeader ?? "Authorization")"
    }
}

import Diagnostics
import Plan

/// Where a SAM template decides what the transform deploys for the API that was read: the
/// places a fix is made in SAM's own terms (`Cors`, `Auth`, `GatewayResponses`) rather than in
/// the resources the transform writes.
///
/// The reader fills it when the template uses the `AWS::Serverless-2016-10-31` transform; the
/// doctor reads it to say the SAM edit that removes a finding.
public struct SAMSource: Sendable, Equatable {
    /// The `AWS::Serverless::Api`'s logical ID, or `ServerlessRestApi` for the API SAM makes
    /// from functions' `Api` events; for an HTTP API the `AWS::Serverless::HttpApi`'s, or
    /// `ServerlessHttpApi`.
    public var apiID: String
    /// Whether the API is the implicit one, configured only through `Globals: Api:` (or
    /// `Globals: HttpApi:`).
    public var isImplicit: Bool
    /// A REST API (`AWS::Serverless::Api`) or an HTTP API (`AWS::Serverless::HttpApi`), whose
    /// properties differ: an HTTP API's CORS is `CorsConfiguration` (`AllowOrigins`, a list).
    public var kind: APIKind
    /// The API resource, or for the implicit API the first event that made it.
    public var api: SourceLocation?
    /// `Globals: Api:` (`Globals: HttpApi:`), where a setting for the implicit API (or for
    /// every API) goes.
    public var globals: SourceLocation?
    /// The `Cors` property that made the preflights, and its `AllowOrigin` when written; for
    /// an HTTP API its `CorsConfiguration` and `AllowOrigins`.
    public var cors: SourceLocation?
    public var allowOrigin: SourceLocation?
    /// The one origin `AllowOrigin` names, unquoted, when it names one (the one origin of
    /// `AllowOrigins`, other than `*`).
    public var origin: String?
    public var allowMethods: SourceLocation?
    public var allowHeaders: SourceLocation?
    /// The `Auth` property, and the default authorizer SAM puts on every method.
    public var auth: SourceLocation?
    public var defaultAuthorizer: String?
    /// `AddDefaultAuthorizerToCorsPreflight` / `AddApiKeyRequiredToCorsPreflight` when written.
    public var authorizerOnPreflight: SourceLocation?
    public var apiKeyOnPreflight: SourceLocation?
    /// `Auth: ApiKeyRequired: true`.
    public var apiKeyRequired: SourceLocation?
    /// The `GatewayResponses` property.
    public var gatewayResponses: SourceLocation?

    public init(apiID: String, isImplicit: Bool, kind: APIKind = .rest) {
        self.apiID = apiID
        self.isImplicit = isImplicit
        self.kind = kind
    }

    /// Where a new API setting goes: the API's `Properties`, or `Globals: Api:` (`HttpApi:`)
    /// for the implicit API.
    public var settingsOwner: String {
        isImplicit ? "\(kind == .http ? "HttpApi" : "Api") under Globals" : "the Properties of \(apiID)"
    }

    /// The place for a new API setting.
    public var settingsPlace: SourceLocation? {
        isImplicit ? (globals ?? api) : api
    }
}

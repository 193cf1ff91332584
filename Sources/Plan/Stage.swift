import YAML

/// The stage the deployment is published to, and how it runs: access logs, tracing,
/// throttling, caching and the account role its logs need.
public struct Stage: Sendable, Equatable {
    /// The default stage name; CloudFormation output makes it a parameter.
    public var name: String
    public var variables: [Mapped]
    /// Where and how each request is logged; `nil` for no access log.
    public var accessLog: AccessLog?
    /// AWS X-Ray tracing of each request.
    public var tracingEnabled = false
    /// Settings for every method (`resourcePath` `/*`, `httpMethod` `*`) or one: throttling,
    /// caching, execution logs, metrics.
    public var methodSettings: [MethodSetting] = []
    /// The size in GB of the stage's cache cluster (`0.5` … `237`); `nil` for no cache.
    public var cacheClusterSize: String?
    /// Whether the template sets up the account's CloudWatch Logs role, which API Gateway
    /// needs before any stage of the account can write logs.
    public var createsCloudWatchRole = false

    public init(name: String = "v1", variables: [Mapped] = []) {
        self.name = name
        self.variables = variables
    }

    /// Whether anything beyond the name and variables is set.
    public var hasSettings: Bool {
        accessLog != nil || tracingEnabled || !methodSettings.isEmpty || cacheClusterSize != nil || createsCloudWatchRole
    }
}

/// A stage's access log.
public struct AccessLog: Sendable, Equatable {
    /// The CloudWatch Logs group (or Firehose stream) ARN; `nil` for a log group the
    /// template creates for the stage.
    public var destinationARN: Node?
    /// How each line is written: `$context` variables, one JSON object by default.
    public var format: String
    /// How long the template's own log group keeps lines, in days.
    public var retentionDays: Int?

    public init(destinationARN: Node? = nil, format: String = AccessLog.defaultFormat, retentionDays: Int? = nil) {
        self.destinationARN = destinationARN
        self.format = format
        self.retentionDays = retentionDays
    }

    /// One JSON object per request: who, what, the answer, how long it took, and why an
    /// integration failed. API Gateway requires `$context.requestId` in every format.
    public static let defaultFormat =
        #"{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","#
        + #""httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","#
        + #""protocol":"$context.protocol","responseLength":"$context.responseLength","#
        + #""responseLatency":"$context.responseLatency","integrationLatency":"$context.integrationLatency","#
        + #""integrationError":"$context.integrationErrorMessage","error":"$context.error.message"}"#
}

/// `MethodSettings` of a stage, for every method or one.
public struct MethodSetting: Sendable, Equatable {
    /// The path as CloudFormation wants it (`/*` for every resource, `/~1pets` for `/pets`).
    public var resourcePath: String
    /// `*` for every method, or one.
    public var httpMethod: String
    public var throttlingRateLimit: Double?
    public var throttlingBurstLimit: Int?
    public var cachingEnabled: Bool?
    public var cacheTtlInSeconds: Int?
    public var cacheDataEncrypted: Bool?
    /// `OFF`, `ERROR` or `INFO`: execution logs.
    public var loggingLevel: String?
    public var metricsEnabled: Bool?

    public init(resourcePath: String = "/*", httpMethod: String = "*") {
        self.resourcePath = resourcePath
        self.httpMethod = httpMethod
    }

    /// `/~1pets~1{petId}` for `/pets/{petId}`, `/*` for every path.
    public static func encodedPath(_ path: String) -> String {
        path == "/*" || path == "/" ? path : "/" + path.replacing("/", with: "~1")
    }

    /// The API path a CloudFormation resource path names (`/~1pets` → `/pets`).
    public static func decodedPath(_ resourcePath: String) -> String {
        resourcePath == "/*" || resourcePath == "/" ? resourcePath : String(resourcePath.dropFirst()).replacing("~1", with: "/")
    }
}

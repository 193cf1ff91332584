import YAML

/// The REST API exactly as API Gateway will hold it: the hub of the tool.
///
/// The planner builds it from the OpenAPI model, the resolved CORS policy and the
/// integration settings; readers of existing CloudFormation templates and exported OpenAPI
/// documents build it too. Both renderers read only this, so a CloudFormation template and
/// an OpenAPI document rendered from one plan describe the same API, and every check,
/// diff and preflight simulation works on generated and hand-written APIs alike.
///
/// Everything is ordered and `Equatable`, so a plan read back from a rendered output can be
/// compared with the plan it was rendered from.
public struct GatewayPlan: Sendable, Equatable {
    /// A REST API or an HTTP API; what the two do not share is said by `APIKind`.
    public var kind: APIKind = .rest
    /// The API's own settings. An HTTP API uses its name, description and (regional)
    /// endpoint only.
    public var api: RestAPI
    /// Every resource, parents before children, the root (`/`) first.
    public var resources: [PlanResource]
    /// API Gateway's own responses (DEFAULT_4XX, MISSING_AUTHENTICATION_TOKEN, …) that are
    /// customised, in type order.
    public var gatewayResponses: [GatewayResponse]
    public var authorizers: [Authorizer]
    public var stage: Stage
    /// Values the deployer supplies (a Lambda function ARN, the stage name), in order.
    public var parameters: [TemplateParameter]
    /// Permissions for API Gateway to invoke the Lambda functions the tool wired up.
    public var lambdaPermissions: [LambdaPermission] = []
    /// The request validators methods name, in the order they are written.
    public var requestValidators: [RequestValidator] = []
    /// The models request bodies are validated against, each after the models it refers to.
    public var models: [GatewayModel] = []
    /// The usage plans of the stage, with the API keys they give.
    public var usagePlans: [UsagePlan] = []
    /// The deployment a read template declares; `nil` for a planned API, whose renderer
    /// names its deployment after the API's fingerprint.
    public var deployment: Deployment?
    /// An HTTP API's CORS configuration, from which API Gateway answers preflights; `nil` for
    /// an HTTP API without CORS and always for a REST API, whose CORS is its OPTIONS methods
    /// and headers.
    public var cors: CORSConfiguration?
    /// The spec the plan came from, as one self-contained OpenAPI 3.0 document: what the
    /// OpenAPI output extends, so descriptions, schemas and unrelated extensions survive.
    /// `nil` for a plan read from a template that has none.
    public var document: Node?

    public init(
        api: RestAPI, resources: [PlanResource] = [], gatewayResponses: [GatewayResponse] = [],
        authorizers: [Authorizer] = [], stage: Stage = Stage(), parameters: [TemplateParameter] = [],
        document: Node? = nil
    ) {
        self.api = api
        self.resources = resources
        self.gatewayResponses = gatewayResponses
        self.authorizers = authorizers
        self.stage = stage
        self.parameters = parameters
        self.document = document
    }

    /// The resource at a full path such as `/pets/{petId}`.
    public func resource(at path: String) -> PlanResource? {
        resources.first { $0.path == path }
    }

    /// Every method of every resource, in resource order.
    public var methods: [(resource: PlanResource, method: PlanMethod)] {
        resources.flatMap { resource in resource.methods.map { (resource, $0) } }
    }

    /// The validator named `name`.
    public func requestValidator(_ name: String) -> RequestValidator? {
        requestValidators.first { $0.name == name }
    }
}

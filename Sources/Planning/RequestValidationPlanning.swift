import Diagnostics
import YAML
import Plan
import Spec

/// What the settings file's `requestValidation` asks API Gateway to check on every operation
/// that does not choose for itself.
public enum RequestValidationSetting: String, Sendable, CaseIterable {
    /// Nothing: requests reach the integration as sent.
    case none
    /// Required path, query and header parameters are present and not empty.
    case parameters
    /// The body matches its content type's model.
    case body
    /// Both.
    case all

    /// The validator the setting gives operations, or `nil` for `none`.
    var validator: RequestValidator? {
        switch self {
        case .none: nil
        case .parameters: .parameters
        case .body: .body
        case .all: .all
        }
    }
}

/// The settings of the API itself that the spec does not carry: the settings file's keys
/// beyond the integrations (docs/settings.md).
public struct APISettings: Sendable, Equatable {
    /// `nil` when the settings leave it out: the spec's own validators, if any, decide.
    public var requestValidation: RequestValidationSetting?
    /// How the stage runs (access log, tracing, throttling, caching, variables); its name is
    /// `stageName`, an integration setting. `nil` when the settings leave it out.
    public var stage: Stage?
    /// Per-method stage settings by route (`GET /pets`), checked against the API's methods
    /// when it is planned.
    public var methodRoutes: [(route: String, setting: MethodSetting)] = []
    /// `EDGE`, `REGIONAL` or `PRIVATE`; `nil` leaves the spec's (or `REGIONAL`).
    public var endpointType: String?
    /// The VPC endpoints a `PRIVATE` API is reached through.
    public var vpcEndpointIds: [String] = []
    /// Media types API Gateway passes as binary, added to the spec's.
    public var binaryMediaTypes: [String] = []
    /// Bodies at least this many bytes long are compressed; `nil` leaves the spec's.
    public var minimumCompressionSize: Int?
    /// The stage's usage plans and the API keys they give.
    public var usagePlans: [UsagePlan] = []
    /// A REST API or an HTTP API (`api:`, `--api`).
    public var kind: APIKind = .rest
    /// The issuer and audience of each JWT authorizer an HTTP API makes from an `oauth2` or
    /// `openIdConnect` security scheme (`jwt:`), by the scheme's name.
    public var jwtAuthorizers: [JWTAuthorizerSetting] = []
    /// The payload format of an HTTP API's default Lambda integration (`payloadFormatVersion:`):
    /// `2.0` when the settings do not say.
    public var payloadFormatVersion: String?
    /// Settings only a REST API has, by key, with where each is written: an HTTP API refuses
    /// them at their line rather than drop them (`HTTPAPIPlanning`).
    public var restOnlySettings: [(key: String, location: SourceLocation?)] = []

    public init(requestValidation: RequestValidationSetting? = nil) {
        self.requestValidation = requestValidation
    }

    public static func == (a: APISettings, b: APISettings) -> Bool {
        a.requestValidation == b.requestValidation && a.stage == b.stage && a.endpointType == b.endpointType
            && a.vpcEndpointIds == b.vpcEndpointIds && a.binaryMediaTypes == b.binaryMediaTypes
            && a.minimumCompressionSize == b.minimumCompressionSize && a.usagePlans == b.usagePlans
            && a.methodRoutes.map(\.route) == b.methodRoutes.map(\.route) && a.methodRoutes.map(\.setting) == b.methodRoutes.map(\.setting)
            && a.kind == b.kind && a.jwtAuthorizers == b.jwtAuthorizers && a.payloadFormatVersion == b.payloadFormatVersion
            && a.restOnlySettings.map(\.key) == b.restOnlySettings.map(\.key)
            && a.restOnlySettings.map(\.location) == b.restOnlySettings.map(\.location)
    }
}

/// Who issues the tokens an HTTP API's JWT authorizer accepts, for one security scheme.
public struct JWTAuthorizerSetting: Sendable, Equatable {
    /// The `oauth2` or `openIdConnect` security scheme the authorizer enforces.
    public var scheme: String
    /// The token issuer's URL; `nil` takes an `openIdConnect` scheme's own.
    public var issuer: String?
    /// The accepted audiences (client IDs).
    public var audience: [String]
    /// Where the setting is written.
    public var location: SourceLocation?

    public init(scheme: String, issuer: String? = nil, audience: [String] = [], location: SourceLocation? = nil) {
        self.scheme = scheme
        self.issuer = issuer
        self.audience = audience
        self.location = location
    }
}

/// Request validation, planned after the methods: which validators the API has and which
/// one each operation uses, and the gateway responses a page reads a refusal from.
///
/// An operation's own `x-amazon-apigateway-request-validator` decides first; then the
/// `requestValidation` setting, when given (`none` turns validation off); then the spec's
/// root `x-amazon-apigateway-request-validator`. The tool's preflights are never validated.
/// Where a method validates, `BAD_REQUEST_PARAMETERS` or `BAD_REQUEST_BODY` answers 400 with
/// a body that says why (`$context.error.validationErrorString`) and the CORS headers the
/// policy gives API Gateway's other errors, so a page can read and show it.
enum RequestValidationPlanning {
    static func apply(
        to plan: inout GatewayPlan, model: APIModel, setting: RequestValidationSetting?, diagnostics: inout DiagnosticEngine
    ) {
        var validators = specValidators(model, diagnostics: &diagnostics)
        let rootDefault = model.extensions[shortName: "request-validator"]
        var fallback: String?
        let settingValidatesBody = setting?.validator?.validatesBody == true
        let settingChecksParameters = setting?.validator?.validatesParameters == true
        if let setting {
            if let validator = setting.validator {
                fallback = adopt(validator, into: &validators)
            }
        } else if let rootDefault {
            fallback = validatorName(rootDefault, among: validators, diagnostics: &diagnostics)
        }
        guard !validators.isEmpty else { return }
        var operations: [String: Operation] = [:]
        for operation in model.operations { operations[operation.path + " " + operation.method.pathItemKey] = operation }
        var used: Set<String> = []
        for resourceIndex in plan.resources.indices {
            for methodIndex in plan.resources[resourceIndex].methods.indices {
                let method = plan.resources[resourceIndex].methods[methodIndex]
                guard method.role != .preflight, let source = method.source else { continue }
                let operation = operations[source.path + " " + source.method]
                let own = operation?.extensions[shortName: "request-validator"]
                var name = own.flatMap { validatorName($0, among: validators, diagnostics: &diagnostics) } ?? (own == nil ? fallback : nil)
                // The setting checks bodies only where there is one: a method without a request
                // body gets the parameter check alone (or none), as a body check there has no
                // model to go by and stand-ins refuse the missing body.
                if own == nil, settingValidatesBody, operation?.requestBody == nil {
                    name = settingChecksParameters ? adopt(.parameters, into: &validators) : nil
                }
                guard let name else { continue }
                plan.resources[resourceIndex].methods[methodIndex].requestValidator = name
                used.insert(name)
            }
        }
        plan.requestValidators = validators
        let checksParameters = validators.contains { used.contains($0.name) && $0.validatesParameters }
        let checksBody = validators.contains { used.contains($0.name) && $0.validatesBody }
        if checksBody { planModels(&plan, operations: operations, diagnostics: &diagnostics) }
        addRefusals(to: &plan, parameters: checksParameters, body: checksBody)
    }

    /// A model for each request body a body validator checks, from the prepared (3.0)
    /// document, and what the models could not carry of the spec's schemas.
    static func planModels(_ plan: inout GatewayPlan, operations: [String: Operation], diagnostics: inout DiagnosticEngine) {
        guard let document = plan.document else { return }
        var catalog = ModelCatalog(schemas: document["components"]?["schemas"]?.mapping)
        var notValidated: [(what: String, location: SourceLocation?)] = []
        var changeLocations: [SourceLocation?] = []
        var renameLocations: [SourceLocation?] = []
        for resourceIndex in plan.resources.indices {
            for methodIndex in plan.resources[resourceIndex].methods.indices {
                let method = plan.resources[resourceIndex].methods[methodIndex]
                guard let name = method.requestValidator, plan.requestValidator(name)?.validatesBody == true,
                    let source = method.source,
                    let body = ModelCatalog.requestBody(of: document["paths"]?[source.path]?[source.method], in: document)
                else { continue }
                let location = operations[source.path + " " + source.method]?.requestBody?.location
                let (before, renamedBefore) = (catalog.changes.count, catalog.renamed.count)
                let verb = "\(method.httpMethod) \(plan.resources[resourceIndex].path)"
                let (models, skipped) = catalog.models(
                    forBody: body, suggestedName: ModelCatalog.suggestedName(operation: method.operationName, verb: method.httpMethod, path: source.path),
                    place: "\(verb) body")
                for _ in before..<catalog.changes.count { changeLocations.append(location) }
                for _ in renamedBefore..<catalog.renamed.count { renameLocations.append(location) }
                notValidated += skipped.map { ("\(verb) \($0)", location) }
                plan.resources[resourceIndex].methods[methodIndex].requestModels = models
            }
        }
        plan.models = catalog.models
        if !notValidated.isEmpty {
            diagnostics.report(
                .note(
                    PlanError.bodyNotValidated,
                    "a body validator checks JSON bodies against a model, and \(notValidated.count == 1 ? "this body has" : "these have") "
                        + "none, so API Gateway lets any such body through: \(notValidated.map(\.what).joined(separator: ", "))",
                    at: notValidated.first?.location))
        }
        for (index, change) in catalog.changes.enumerated() {
            let shown = change.places.prefix(3).joined(separator: ", ") + (change.places.count > 3 ? " and \(change.places.count - 3) more" : "")
            diagnostics.report(
                .note(
                    PlanError.modelSchemaChanged,
                    "\(change.keyword) cannot stay as written in the models API Gateway validates bodies with (at \(shown)); it is \(change.effect)",
                    at: index < changeLocations.count ? changeLocations[index] : nil))
        }
        for (index, (component, model)) in catalog.renamed.enumerated() {
            diagnostics.report(
                .note(
                    PlanError.modelRenamed,
                    "schema \(component) is the model \(model): API Gateway takes model names of letters and digits only",
                    at: index < renameLocations.count ? renameLocations[index] : nil))
        }
    }


    /// `x-amazon-apigateway-request-validators` as the spec writes it, in its order.
    static func specValidators(_ model: APIModel, diagnostics: inout DiagnosticEngine) -> [RequestValidator] {
        guard let written = model.extensions[shortName: "request-validators"] else { return [] }
        guard let entries = written.value.mapping else {
            diagnostics.report(
                .error(
                    PlanError.malformedValidator,
                    "x-amazon-apigateway-request-validators is not a map of validator names; write "
                        + "{NAME: {validateRequestBody: true, validateRequestParameters: true}}",
                    at: written.location))
            return []
        }
        var validators: [RequestValidator] = []
        for (key, value) in entries.entries {
            let name = key.text ?? ""
            let place = SourceLocation(file: written.location.file, mark: key.mark)
            func flag(_ field: String) -> Bool? {
                guard let node = value[field] else { return false }
                return node.boolValue
            }
            guard value.mapping != nil, let body = flag("validateRequestBody"), let parameters = flag("validateRequestParameters") else {
                diagnostics.report(
                    .error(
                        PlanError.malformedValidator,
                        "request validator \(name) must be a map of validateRequestBody and validateRequestParameters, each true or false",
                        at: place))
                continue
            }
            validators.append(RequestValidator(name: name, validatesBody: body, validatesParameters: parameters))
        }
        return validators
    }

    /// The name a validator extension gives, when the API has that validator.
    static func validatorName(
        _ written: GatewayExtension, among validators: [RequestValidator], diagnostics: inout DiagnosticEngine
    ) -> String? {
        guard let name = written.value.text, validators.contains(where: { $0.name == name }) else {
            let known = validators.map(\.name).joined(separator: ", ")
            diagnostics.report(
                .error(
                    PlanError.unknownValidator,
                    "x-amazon-apigateway-request-validator names \(written.value.text.map { "\"\($0)\"" } ?? "no string"), which is "
                        + (validators.isEmpty
                            ? "not a validator: the spec defines none; add x-amazon-apigateway-request-validators, or set requestValidation in the settings"
                            : "none of the validators the spec defines (\(known)); name one of them"),
                    at: written.location))
            return nil
        }
        return name
    }

    /// Adds the setting's validator, or finds one of the spec's that checks the same: its name.
    static func adopt(_ validator: RequestValidator, into validators: inout [RequestValidator]) -> String {
        if let same = validators.first(where: {
            $0.validatesBody == validator.validatesBody && $0.validatesParameters == validator.validatesParameters
        }) {
            return same.name
        }
        var name = validator.name
        var suffix = 2
        while validators.contains(where: { $0.name == name }) {
            name = validator.name + String(suffix)
            suffix += 1
        }
        validators.append(RequestValidator(name: name, validatesBody: validator.validatesBody, validatesParameters: validator.validatesParameters))
        return name
    }

    /// The template of a validation refusal's body: API Gateway's message and the reason.
    static let refusalTemplate = #"{"message": $context.error.messageString, "validationErrors": "$context.error.validationErrorString"}"#

    /// `BAD_REQUEST_PARAMETERS` and `BAD_REQUEST_BODY`, where a method checks them, answering
    /// 400 with the reason and the CORS headers of `DEFAULT_4XX`. A response the spec writes
    /// itself stays as written.
    static func addRefusals(to plan: inout GatewayPlan, parameters: Bool, body: Bool) {
        let corsHeaders = plan.gatewayResponses.first { $0.type == "DEFAULT_4XX" }?.responseParameters.filter {
            $0.name.lowercased().hasPrefix("gatewayresponse.header.access-control-") || $0.name.lowercased() == "gatewayresponse.header.vary"
        } ?? []
        for (type, wanted) in [("BAD_REQUEST_PARAMETERS", parameters), ("BAD_REQUEST_BODY", body)] where wanted {
            guard !plan.gatewayResponses.contains(where: { $0.type == type }) else { continue }
            plan.gatewayResponses.append(
                GatewayResponse(
                    type: type, statusCode: "400", responseParameters: corsHeaders,
                    responseTemplates: [Mapped("application/json", refusalTemplate)]))
        }
        // In type order, as the plan keeps them.
        plan.gatewayResponses.sort { $0.type < $1.type }
    }
}

import Diagnostics
import YAML
import Plan
import Support
import CORS
import Spec

/// Turns the OpenAPI model, the integration settings and (later) the resolved CORS policy
/// into the gateway plan both renderers read.
///
/// Each decision API Gateway would otherwise make silently is made here, explicitly:
/// which integration answers, who may call, which status codes and headers are declared,
/// and which gateway responses are customised.
public struct GatewayPlanner: Sendable {
    public var settings: IntegrationSettings
    /// The API's own settings beyond the integrations (request validation, …).
    public var api = APISettings()
    /// How many threads plan the resources of a large spec: two where there are two cores.
    /// The plan and its diagnostics are the same whatever the number (docs/benchmarks.md,
    /// "Fast paths", has what the second thread saves); specs under `resourcesPerWorker`
    /// resources, which `check --cases` runs side by side, stay on one thread.
    var workers = min(2, ParallelMap.processorCount)

    public init(settings: IntegrationSettings = IntegrationSettings(), api: APISettings = APISettings()) {
        self.settings = settings
        self.api = api
    }

    /// The plan for `model`, whose source document is `document`, under `cors` (no CORS
    /// when `nil`), with every decision that deserves a word reported as a diagnostic.
    public func plan(_ model: APIModel, document: Node?, cors: CORSPolicy? = nil) -> (GatewayPlan, [Diagnostic]) {
        var diagnostics = DiagnosticEngine()
        let document = document.map { RepairedDocument.rewrite($0, repairs: model.pathRepairs) }
        // Flattened once: every call of `model.resources` copies the whole tree.
        let modelResources = model.resources
        if api.kind == .rest, let catchAll = modelResources.first(where: { $0.path == GatewayPlan.defaultRouteDocumentPath }) {
            diagnostics.report(
                .error(
                    PlanError.defaultRouteInREST,
                    "path \"$default\" is an HTTP API's catch-all route, which a REST API does not have; write /{proxy+} with "
                        + "x-amazon-apigateway-any-method for the same calls, or convert with --api http (\(Diagnostic.repairCannotFix))",
                    at: catchAll.location))
        }
        // An HTTP API's CORS is one configuration API Gateway answers from (HTTPAPIPlanning),
        // not preflight methods and headers per path: nothing is resolved per resource.
        let resolution = api.kind.answersPreflightsItself ? nil : cors.map { CORSResolver.resolve($0, resources: Self.corsResources(of: model, modelResources)) }
        if let resolution { diagnostics.report(contentsOf: resolution.diagnostics) }
        var parameters: [TemplateParameter] = []
        if case .lambdaProxy(nil) = settings.backend, model.operations.contains(where: { $0.extensions[shortName: "integration"] == nil }) {
            parameters.append(
                TemplateParameter(
                    name: "FunctionArn", description: "The ARN of the Lambda function that handles the API's requests.",
                    allowedPattern: "^arn:aws[a-zA-Z-]*:lambda:.+"))
        }
        // Resolved resources by path, looked up once per resource: a scan of them per
        // resource was quadratic in the size of the spec.
        var resolved: [String: ResolvedCORSResource] = [:]
        for entry in resolution?.resources ?? [] where resolved[entry.path] == nil { resolved[entry.path] = entry }
        // Each resource is planned from the model alone, so slices of them can be planned on
        // several cores; joined in order, they are what one pass over all of them gives.
        let workers = modelResources.count >= Self.resourcesPerWorker ? workers : 1
        let placeholders = Placeholders(
            resolution: settings.placeholders, values: settings.parameterValues,
            // Before an import nothing is defined: the stage name and the function are text too.
            defined: settings.placeholders == .cloudFormation ? Set(["StageName"] + parameters.map(\.name)) : [])
        // The preflights need the authorizers' identity headers; the plan's authorizers are
        // made after the resources, so that their placeholders are counted in that order.
        var unrecorded: [PlaceholderUse] = []
        let identities = authorizers(model, placeholders: placeholders, uses: &unrecorded)
        let batches = Batches.run(count: modelResources.count, workers: workers) { [resolved] range in
            planResources(
                range, of: modelResources, model: model, resolved: resolved, authorizers: identities, placeholders: placeholders)
        }
        var resources: [PlanResource] = []
        resources.reserveCapacity(modelResources.count)
        var proxyMethods: [String] = []
        var sameOriginSources: [OperationSource] = []
        var addedHeaders: [AddedHeader] = []
        var placeholderUses: [PlaceholderUse] = []
        for batch in batches {
            resources += batch.resources
            proxyMethods += batch.proxyMethods
            sameOriginSources += batch.sameOriginSources
            addedHeaders += batch.addedHeaders
            placeholderUses += batch.placeholderUses
            for diagnostic in batch.diagnostics {
                // The codes `access` reports once: a later slice repeats what an earlier one
                // reported, and one pass would have dropped the repeat.
                if Self.onceCodes.contains(diagnostic.code) {
                    diagnostics.reportOnce(diagnostic)
                } else {
                    diagnostics.report(diagnostic)
                }
            }
        }
        for note in Self.addedHeaderNotes(addedHeaders) { diagnostics.report(note) }
        var responses = gatewayResponses(model, diagnostics: &diagnostics)
        if api.kind.hasGatewayResponses, let cors, let resolution {
            responses = Self.corsGatewayResponses(
                resolution.gatewayResponses, policy: CORSResolver.defaultPolicy(cors), namedOrigin: cors.gatewayResponseOrigin?.value,
                existing: responses, writtenAt: gatewayResponseLocations(model), diagnostics: &diagnostics)
            if !proxyMethods.isEmpty {
                diagnostics.report(proxyNote(proxyMethods, policy: CORSResolver.defaultPolicy(cors)))
            }
        }
        var permissions: [LambdaPermission] = []
        if case .lambdaProxy(let arn) = settings.backend {
            let function = arn.map { Node.string($0) } ?? Node(.scalar(Scalar(text: "FunctionArn", kind: .string)), tag: "!Ref")
            let defaultURI = defaultLambdaURI(arn)
            for resource in resources {
                for method in resource.methods where method.role == .operation && method.integration.uri == defaultURI {
                    permissions.append(LambdaPermission(functionName: function, httpMethod: method.httpMethod, path: resource.path))
                }
            }
        }
        let authorizers = authorizers(model, placeholders: placeholders, uses: &placeholderUses)
        if api.kind == .rest { diagnostics.report(contentsOf: Self.authorizerTypeProblems(model)) }
        // The resource policy's `Resource` is an ARN with the account and region in it.
        let resourcePolicy = model.extensions[shortName: "policy"].map {
            placeholders.resolve($0.value, file: $0.location.file, uses: &placeholderUses)
        }
        parameters += Self.placeholderParameters(placeholderUses, resolution: settings.placeholders, diagnostics: &diagnostics)
        diagnostics.report(contentsOf: Self.unusedValues(settings.parameterValues, uses: placeholderUses, placeholders: placeholders))
        let planDocument = sameOriginSources.isEmpty ? document : document.map { Self.withoutCORSDeclarations($0, at: sameOriginSources) }
        var plan = GatewayPlan(
            api: restAPI(model, document: planDocument),
            resources: resources,
            gatewayResponses: responses,
            authorizers: authorizers,
            stage: Stage(name: settings.stageName),
            parameters: parameters,
            document: planDocument)
        plan.lambdaPermissions = permissions
        plan.api.policy = resourcePolicy
        switch api.kind {
        case .rest:
            RequestValidationPlanning.apply(to: &plan, model: model, setting: api.requestValidation, diagnostics: &diagnostics)
        case .http:
            HTTPAPIPlanning(settings: api, integrations: settings).apply(
                to: &plan, model: model, modelResources: modelResources, policy: cors, diagnostics: &diagnostics)
        }
        APISettingsPlanning.apply(api, to: &plan, diagnostics: &diagnostics)
        return (plan, diagnostics.diagnostics)
    }

    /// The resources the policy's rules are resolved against: each with operations, its
    /// methods and the paths the spec wrote it under.
    static func corsResources(of model: APIModel, _ modelResources: [Resource]) -> [CORSResource] {
        modelResources.filter { !$0.operations.isEmpty }.map { resource in
            let operations = resource.operations
            var cors = CORSResource(
                path: resource.path, methods: operations.indices.map { operations[$0].method.rawValue }, location: resource.location)
            // Rules may name a path `--repair` renamed by the spec's own spelling.
            cors.specPaths = resource.specPaths.filter { key in model.pathRepairs.contains { $0.specPath == key } }
            return cors
        }
    }

    /// Below this many resources a second thread costs more than it saves.
    static let resourcesPerWorker = 512

    /// The codes the per-resource work reports with `reportOnce`, and only those.
    static let onceCodes: Set<String> = [PlanError.alternativeSecurity.id, PlanError.schemeNotEnforced.id]

    /// What planning a slice of the resources gives: the planned resources, and the
    /// diagnostics and proxy methods in the order a pass over the slice finds them.
    struct ResourceBatch: Sendable {
        var resources: [PlanResource]
        var diagnostics: [Diagnostic]
        var proxyMethods: [String]
        /// The operations whose CORS declarations the planner took off (a method not meant
        /// for other origins), so the document's responses lose them too.
        var sameOriginSources: [OperationSource]
        /// The request headers added to preflights beyond the policy's, in the order found.
        var addedHeaders: [AddedHeader]
        /// The placeholders the slice's integrations use, in order.
        var placeholderUses: [PlaceholderUse]
    }

    /// The methods and CORS of the resources at `range`, planned as one pass over all of
    /// them plans each; it reads only the model, so slices can run at the same time.
    private func planResources(
        _ range: Range<Int>, of modelResources: [Resource], model: APIModel, resolved: [String: ResolvedCORSResource],
        authorizers: [Authorizer], placeholders: Placeholders
    ) -> ResourceBatch {
        var diagnostics = DiagnosticEngine()
        var memo = MethodMemo(placeholders: placeholders)
        var headerCache = CORSHeaderCache()
        var proxyMethods: [String] = []
        var sameOriginSources: [OperationSource] = []
        var addedHeaders: [AddedHeader] = []
        var planned: [PlanResource] = []
        planned.reserveCapacity(range.count)
        let schemeHeaders = Self.backendSchemeHeaders(in: model)
        for index in range {
            let resource = modelResources[index]
            // By index: mapping over the operations copied each one, field by field.
            let operations = resource.operations
            var plan = PlanResource(
                path: resource.path,
                methods: operations.indices.map {
                    method(for: operations[$0], model: model, memo: &memo, diagnostics: &diagnostics)
                })
            if let outcome = resolved[resource.path], let policy = outcome.policy {
                let widened = Self.allowingRequestHeaders(
                    of: plan, operations: operations, under: policy, schemeHeaders: schemeHeaders, authorizers: authorizers,
                    added: &addedHeaders)
                applyCORS(
                    widened, of: outcome, to: &plan, model: resource, repairs: model.pathRepairs, proxyMethods: &proxyMethods, sameOriginSources: &sameOriginSources,
                    headerCache: &headerCache, diagnostics: &diagnostics)
            }
            planned.append(plan)
        }
        return ResourceBatch(
            resources: planned, diagnostics: diagnostics.diagnostics, proxyMethods: proxyMethods, sameOriginSources: sameOriginSources,
            addedHeaders: addedHeaders,
            placeholderUses: memo.placeholderUses)
    }

    /// The integration URI of the default Lambda backend, with the function's ARN or the
    /// template parameter that stands for it.
    func defaultLambdaURI(_ arn: String?) -> Node {
        // Outside CloudFormation nothing fills `${AWS::Region}`: a function's ARN names its own.
        if let arn, settings.placeholders == .beforeImport, let uri = Self.lambdaInvocationURI(ofFunction: arn) { return .string(uri) }
        let function = arn ?? "${FunctionArn}"
        let uri = "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/\(function)/invocations"
        return Node(.scalar(Scalar(text: uri, kind: .string)), tag: "!Sub")
    }

    /// API Gateway's invocation URI of the Lambda function `arn`, in the function's own
    /// partition and region; `nil` for text that is not a function's ARN.
    static func lambdaInvocationURI(ofFunction arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "lambda", !parts[1].isEmpty, !parts[3].isEmpty else { return nil }
        return "arn:\(parts[1]):apigateway:\(parts[3]):lambda:path/2015-03-31/functions/\(arn)/invocations"
    }

    // MARK: - CORS

    /// Adds the preflight to a CORS-enabled resource and the CORS headers to its non-proxy
    /// methods; proxy methods are collected for one note, since only their backend can
    /// send headers.
    ///
    /// Only the methods `outcome` lets other origins call get the headers: one a rule turned
    /// off, or one the preflight's Allow-Methods leaves out, is same-origin, and headers on
    /// its responses would say otherwise while the browser blocks every cross-origin call.
    /// Where the spec's own OPTIONS is kept, its Allow-Methods is the list that counts.
    private func applyCORS(
        _ policy: EffectiveCORSPolicy, of outcome: ResolvedCORSResource, to resource: inout PlanResource, model: Resource,
        repairs: [PathRepair], proxyMethods: inout [String], sameOriginSources: inout [OperationSource], headerCache: inout CORSHeaderCache,
        diagnostics: inout DiagnosticEngine
    ) {
        let headers = headerCache.headers(policy)
        // A key `--repair` changed is written under its gateway path in the document.
        let specPath = model.specPaths.first.map { key in repairs.first { $0.specPath == key }?.gatewayPath ?? key } ?? resource.path
        // The methods the spec's own preflight lists, when it is kept: that one answers browsers.
        var keptListing: Set<String>?
        if let existing = resource.methods.firstIndex(where: { $0.httpMethod == "OPTIONS" }) {
            // The resolver has already warned (keep) or refused (error) with the place.
            switch policy.existingOptions {
            case .keep, .error:
                resource.methods[existing].role = .existingOptions
                keptListing = Self.methodsListed(by: resource.methods[existing])
                for (header, values) in Self.quotedListItems(in: resource.methods[existing]) {
                    diagnostics.report(
                        .error(
                            PlanError.keptPreflightQuotedNames,
                            "the OPTIONS of \(resource.path), kept as written, answers \(header) with \(values.joined(separator: " ")), names in "
                                + "quotes of their own, which browsers read with the quotes, so every preflight that asks for them fails; quote the "
                                + "whole list once ('Content-Type,Authorization'), or set existingOptions: replace to generate the preflight "
                                + "(\(Diagnostic.repairCannotFix))",
                            at: Self.integrationLocation(of: "OPTIONS", in: model)))
                }
            case .replace:
                var preflight = Self.preflightMethod(policy, headers: headers.preflight, path: specPath)
                preflight.source = resource.methods[existing].source
                resource.methods[existing] = preflight
            }
        } else {
            let preflight = Self.preflightMethod(policy, headers: headers.preflight, path: specPath)
            if let at = Self.preflightPosition(in: resource.methods) {
                // Into an array of exactly the new size: inserting would double the room of
                // every resource's methods, and a plan has thousands of them.
                var methods: [PlanMethod] = []
                methods.reserveCapacity(resource.methods.count + 1)
                methods.append(contentsOf: resource.methods[..<at])
                methods.append(preflight)
                methods.append(contentsOf: resource.methods[at...])
                resource.methods = methods
            } else {
                resource.methods.append(preflight)
                resource.methods.sort { Self.rank($0) < Self.rank($1) }
            }
        }
        for index in resource.methods.indices where resource.methods[index].role == .operation {
            let verb = resource.methods[index].httpMethod
            guard outcome.answersOtherOrigins(verb), keptListing.map({ Self.isAllowed(verb, byListing: $0) }) ?? true else {
                let declared = resource.methods[index].methodResponses.contains { $0.headers.contains(where: Self.isCORSHeaderName) }
                let removed = Self.removeCORSHeaders(from: &resource.methods[index])
                if !removed.isEmpty { reportSameOrigin(removed, of: resource.methods[index], model: model, diagnostics: &diagnostics) }
                if declared, let source = resource.methods[index].source { sameOriginSources.append(source) }
                continue
            }
            if resource.methods[index].integration.kind.isProxy {
                proxyMethods.append("\(resource.methods[index].httpMethod) \(resource.path)")
            } else {
                let overruled = Self.addCORSHeaders(headers.response, to: &resource.methods[index])
                if !overruled.isEmpty {
                    reportOverruled(overruled, of: resource.methods[index], model: model, diagnostics: &diagnostics)
                }
            }
        }
    }

    /// Where a method's `x-amazon-apigateway-integration` is written, or the operation when it
    /// has none: where findings about what its integration does point.
    static func integrationLocation(of verb: String, in model: Resource) -> SourceLocation? {
        let operation = model.operations.first { $0.method.rawValue == verb }
        return operation?.extensions.first { $0.name == "x-amazon-apigateway-integration" }?.location ?? operation?.location
    }

    /// One PLAN011 warning per method not meant for other origins whose integration
    /// responses mapped CORS headers, which the output leaves out.
    private func reportSameOrigin(
        _ removed: [OverruledHeader], of method: PlanMethod, model: Resource, diagnostics: inout DiagnosticEngine
    ) {
        let location = Self.integrationLocation(of: method.httpMethod, in: model)
        var names: [String] = []
        for header in removed where !names.contains(header.name) { names.append(header.name) }
        diagnostics.report(
            .warning(
                PlanError.gatewayResponseHeaderOverruled,
                "the integration responses of \(method.httpMethod) \(model.path) set \(names.joined(separator: ", ")), but the preflight leaves "
                    + "\(method.httpMethod) out, so browsers block every call of it from other origins; the output leaves the headers out. "
                    + "If pages on other origins call it, add \(method.httpMethod) to the preflight's methods (the policy's allowMethods, "
                    + "or the spec's own OPTIONS); if not, remove the headers from the spec",
                at: location))
    }

    /// One PLAN011 warning per method whose integration responses mapped a CORS header the
    /// policy decides otherwise, at its `x-amazon-apigateway-integration`.
    private func reportOverruled(
        _ overruled: [OverruledHeader], of method: PlanMethod, model: Resource, diagnostics: inout DiagnosticEngine
    ) {
        let location = Self.integrationLocation(of: method.httpMethod, in: model)
        var names: [String] = []
        for header in overruled where !names.contains("\(header.name) \(header.value)") {
            names.append("\(header.name) \(header.value)")
        }
        diagnostics.report(
            .warning(
                PlanError.gatewayResponseHeaderOverruled,
                "the integration responses of \(method.httpMethod) \(model.path) set \(names.joined(separator: ", ")), which the CORS "
                    + "policy contradicts; the output sets what the policy says, so this method answers browsers like every other; "
                    + "remove the header from the spec's integration responses",
                at: location))
    }

    /// The method a plan method stands for, for ordering; `ANY` for a name that is none.
    static func rank(_ method: PlanMethod) -> HTTPMethod {
        HTTPMethod(rawValue: method.httpMethod) ?? .any
    }

    /// Where a new OPTIONS method goes among `methods` when they are in method order already,
    /// as the model builds them: after every method that does not sort after OPTIONS, which
    /// is where a stable sort would put it. `nil` when they are not in order.
    ///
    /// Sorting every resource's methods again parsed each method name at every comparison.
    static func preflightPosition(in methods: [PlanMethod]) -> Int? {
        var index = 0
        var firstAfter: Int?
        var previous: HTTPMethod?
        for method in methods {
            let current = rank(method)
            if let previous, current < previous { return nil }
            if firstAfter == nil, HTTPMethod.options < current { firstAfter = index }
            previous = current
            index += 1
        }
        return firstAfter ?? methods.count
    }

    /// The one note about proxy integrations: which headers their backend must send.
    private func proxyNote(_ methods: [String], policy: EffectiveCORSPolicy) -> Diagnostic {
        var headers = [
            "Access-Control-Allow-Origin: "
                + (policy.origins.staticAllowOrigin ?? "the request's Origin when it is allowed")
        ]
        if policy.origins.variesByOrigin { headers.append("Vary: Origin") }
        if policy.allowsCredentials { headers.append("Access-Control-Allow-Credentials: true") }
        if !policy.exposeHeaders.isEmpty {
            headers.append("Access-Control-Expose-Headers: " + policy.exposeHeaders.joined(separator: ","))
        }
        let shown = methods.count > 5 ? methods.prefix(5).joined(separator: ", ") + " and \(methods.count - 5) more" : methods.joined(separator: ", ")
        return .note(
            PlanError.proxyNeedsBackendHeaders,
            "API Gateway passes proxy responses through unchanged, so the backend of \(shown) must send "
                + headers.joined(separator: ", "))
    }

    // MARK: - The API

    private func restAPI(_ model: APIModel, document: Node?) -> RestAPI {
        let extensions = model.extensions
        // The document's own nodes keep a `!Sub` title a template can resolve.
        let info = document?["info"]
        var api = RestAPI(
            name: info?["title"] ?? .string(model.title),
            description: info?["description"] ?? model.description.map { .string($0) },
            binaryMediaTypes: extensions[shortName: "binary-media-types"]?.value.sequence?.compactMap(\.text) ?? [],
            apiKeySource: extensions[shortName: "api-key-source"]?.value.text,
            minimumCompressionSize: extensions[shortName: "minimum-compression-size"]?.value.scalar?.integerValue)
        // The endpoint the spec asks for: a template that said REGIONAL beside a body saying
        // EDGE would deploy what the spec did not ask for. The settings file may still change it.
        let endpoint = extensions[shortName: "endpoint-configuration"]?.value
        let types = endpoint?["types"]?.sequence?.compactMap { $0.text?.uppercased() }.filter { ["EDGE", "REGIONAL", "PRIVATE"].contains($0) } ?? []
        if !types.isEmpty { api.endpointTypes = types }
        api.vpcEndpointIds = endpoint?["vpcEndpointIds"]?.sequence?.compactMap(\.text) ?? []
        return api
    }

    /// Where the spec writes each of its gateway responses, by type.
    private func gatewayResponseLocations(_ model: APIModel) -> [String: SourceLocation] {
        guard let written = model.extensions[shortName: "gateway-responses"], let responses = written.value.mapping else {
            return [:]
        }
        var found: [String: SourceLocation] = [:]
        for (key, _) in responses.entries {
            guard let type = key.text, !key.mark.isSynthetic else { continue }
            found[type] = SourceLocation(file: written.location.file, mark: key.mark)
        }
        return found
    }

    private func gatewayResponses(_ model: APIModel, diagnostics: inout DiagnosticEngine) -> [GatewayResponse] {
        guard let responses = model.extensions[shortName: "gateway-responses"]?.value.mapping else { return [] }
        return responses.entries.compactMap { entry in
            guard let type = entry.key.text else { return nil }
            return GatewayResponse(
                type: type,
                statusCode: entry.value["statusCode"]?.text,
                responseParameters: Self.pairs(entry.value["responseParameters"]),
                responseTemplates: Self.pairs(entry.value["responseTemplates"]))
        }
    }

    private func authorizers(
        _ model: APIModel, placeholders: Placeholders, uses: inout [PlaceholderUse]
    ) -> [Authorizer] {
        model.securitySchemes.compactMap { scheme in
            guard let written = scheme.extensions[shortName: "authorizer"] else { return nil }
            let authorizer = written.value
            let type = (authorizer["type"]?.text ?? "token").uppercased()
            let file = written.location.file
            return Authorizer(
                name: scheme.name,
                type: type,
                authorizerURI: authorizer["authorizerUri"].map { placeholders.resolve($0, file: file, uses: &uses) },
                credentials: authorizer["authorizerCredentials"].map { placeholders.resolve($0, file: file, uses: &uses) },
                identitySource: authorizer["identitySource"]?.text
                    ?? Authorizer.defaultIdentitySource(type: type, schemeHeader: scheme.parameterName),
                identityValidationExpression: authorizer["identityValidationExpression"]?.text,
                resultTTLInSeconds: authorizer["authorizerResultTtlInSeconds"]?.scalar?.integerValue,
                providerARNs: (authorizer["providerARNs"]?.sequence ?? []).map {
                    placeholders.resolve($0, file: file, uses: &uses)
                })
        }
    }

    /// The authorizer types a REST API has; `jwt` is an HTTP API's.
    static let restAuthorizerTypes: Set<String> = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"]

    /// An error at each `x-amazon-apigateway-authorizer` whose type a REST API does not have:
    /// CloudFormation refuses the Authorizer and the import the document.
    static func authorizerTypeProblems(_ model: APIModel) -> [Diagnostic] {
        model.securitySchemes.compactMap { scheme in
            guard let written = scheme.extensions[shortName: "authorizer"], let fields = written.value.mapping,
                let index = fields.index(of: "type"), let type = fields[valueAt: index].text,
                !restAuthorizerTypes.contains(type.uppercased())
            else { return nil }
            let mark = fields[valueAt: index].mark
            let fix =
                type.lowercased() == "jwt"
                ? "a jwt authorizer belongs to HTTP APIs; for a Cognito user pool write type: cognito_user_pools with "
                    + "providerARNs, for another issuer a request authorizer (a Lambda function) that checks the token"
                : "write token, request or cognito_user_pools"
            return .error(
                PlanError.authorizerTypeNotREST,
                "authorizer \"\(scheme.name)\" has type \(type), which a REST API does not have (API Gateway's REST authorizers are "
                    + "TOKEN, REQUEST and COGNITO_USER_POOLS); \(fix); --repair does not change it",
                at: mark.isSynthetic ? written.location : SourceLocation(file: written.location.file, mark: mark))
        }
    }

    // MARK: - Methods

    /// What planning one method can reuse from the methods planned before it.
    struct MethodMemo {
        /// Schemes already reported as not enforced: the warning for a scheme is the same
        /// every time, and building it for each of thousands of methods only to drop it as
        /// a repeat cost more than the rest of `access`.
        var unenforcedSchemes: Set<String> = []
        /// The default mock integration by status code: most methods share two or three.
        var mockIntegrations: [(status: String, integration: Integration)] = []
        /// How the values of written integrations are rewritten for the output.
        var placeholders: Placeholders
        /// The placeholders those values use, in order.
        var placeholderUses: [PlaceholderUse] = []
    }

    private func method(
        for operation: Operation, model: APIModel, memo: inout MethodMemo, diagnostics: inout DiagnosticEngine
    ) -> PlanMethod {
        let (authorization, apiKeyRequired) = access(for: operation, model: model, memo: &memo, diagnostics: &diagnostics)
        let requestParameters: [RequestParameter] = operation.parameters.compactMap { parameter in
            let location: String? =
                switch parameter.placement {
                case .path: "path"
                case .query: "querystring"
                case .header: "header"
                default: nil
                }
            // A path variable always has a value, and API Gateway needs it required (GW014).
            return location.map {
                RequestParameter(location: $0, name: parameter.name, isRequired: parameter.placement == .path || parameter.isRequired)
            }
        }
        var integration =
            operation.extensions[shortName: "integration"].map { read($0, memo: &memo, diagnostics: &diagnostics) }
            ?? defaultIntegration(for: operation, memo: &memo)
        if !operation.variableRepairs.isEmpty {
            integration = repaired(
                integration, for: operation, isDefault: operation.extensions[shortName: "integration"] == nil,
                diagnostics: &diagnostics)
        }
        return PlanMethod(
            httpMethod: operation.method.rawValue,
            operationName: operation.operationId,
            authorization: authorization,
            apiKeyRequired: apiKeyRequired,
            requestParameters: requestParameters,
            integration: integration,
            methodResponses: methodResponses(for: operation, integration: integration, diagnostics: &diagnostics),
            source: OperationSource(path: operation.path, method: operation.method.pathItemKey))
    }

    /// `AuthorizationType` and `ApiKeyRequired` from the operation's security: an authorizer
    /// scheme is `CUSTOM` or `COGNITO_USER_POOLS`, `awsSigv4` is `AWS_IAM`, an `x-api-key`
    /// header scheme requires an API key. API Gateway applies one requirement only.
    private func access(
        for operation: Operation, model: APIModel, memo: inout MethodMemo, diagnostics: inout DiagnosticEngine
    ) -> (Authorization, Bool) {
        let requirements = operation.security.requirements
        guard let first = requirements.first(where: { !$0.schemes.isEmpty }) else { return (.none, false) }
        if requirements.count > 1, !api.kind.allowsAlternativeSecurity {
            diagnostics.report(
                HTTPAPIPlanning.refusal(
                    HTTPAPIError.alternativeSecurity,
                    "the operation lists \(requirements.count) security requirements, and the HTTP API import refuses an operation "
                        + "with more than one; keep the one API Gateway should enforce",
                    at: operation.security.location))
        } else if requirements.count > 1 {
            diagnostics.reportOnce(
                .warning(
                    PlanError.alternativeSecurity,
                    "API Gateway applies one security requirement; only the first of \(requirements.count) alternatives is used, "
                        + "so keep the one you mean first",
                    at: operation.security.location))
        }
        var authorization = Authorization.none
        var apiKeyRequired = false
        for requirement in first.schemes {
            guard let scheme = model.securityScheme(named: requirement.name) else { continue }
            if let authorizer = scheme.extensions[shortName: "authorizer"]?.value {
                let type = HTTPAPIPlanning.authorizationType(written: authorizer["type"]?.text, kind: api.kind)
                authorization = Authorization(type: type, authorizerName: scheme.name, scopes: requirement.scopes)
            } else if scheme.extensions[shortName: "authtype"]?.value.text == "awsSigv4" {
                authorization = Authorization(type: "AWS_IAM")
            } else if api.kind == .http, HTTPAPIPlanning.isTokenIssuerScheme(scheme) {
                // An HTTP API checks OAuth 2 and OpenID Connect tokens itself: a JWT authorizer.
                authorization = Authorization(type: "JWT", authorizerName: scheme.name, scopes: requirement.scopes)
            } else if scheme.type == "apiKey", scheme.placement == "header",
                scheme.parameterName?.lowercased() == "x-api-key"
            {
                if api.kind.hasUsagePlans {
                    apiKeyRequired = true
                } else if memo.unenforcedSchemes.insert(requirement.name).inserted {
                    diagnostics.reportOnce(
                        .warning(
                            HTTPAPIError.apiKeyNotEnforced,
                            "an HTTP API has no API keys, so API Gateway does not check security scheme \"\(scheme.name)\"'s "
                                + "\(scheme.parameterName ?? "x-api-key") header; check it in the backend or a Lambda authorizer, or use --api rest",
                            at: scheme.location))
                }
            } else if memo.unenforcedSchemes.insert(requirement.name).inserted {
                // `securityScheme(named:)` finds the same scheme for a name every time.
                diagnostics.reportOnce(
                    .warning(
                        PlanError.schemeNotEnforced,
                        "API Gateway does not enforce security scheme \"\(scheme.name)\" (\(scheme.type ?? "no type")); "
                            + "give it an x-amazon-apigateway-authorizer or check the credentials in the backend",
                        at: scheme.location))
            }
        }
        return (authorization, apiKeyRequired)
    }

    /// The method responses: every numeric status the spec declares, with its headers, plus
    /// any status an integration response maps to (API Gateway refuses one without it).
    private func methodResponses(
        for operation: Operation, integration: Integration, diagnostics: inout DiagnosticEngine
    ) -> [MethodResponse] {
        var responses: [MethodResponse] = []
        for response in operation.responses {
            guard Int(response.statusCode) != nil else { continue }
            responses.append(MethodResponse(statusCode: response.statusCode, headers: response.headerNames))
        }
        for response in integration.responses where !responses.contains(where: { $0.statusCode == response.statusCode }) {
            responses.append(MethodResponse(statusCode: response.statusCode))
        }
        declareMappedHeaders(of: integration, in: &responses, operation: operation, diagnostics: &diagnostics)
        return responses
    }

    /// Declares in each method response the headers its integration responses map and it
    /// does not declare, with a warning: API Gateway refuses the import or the stack of a
    /// method that maps an undeclared header (exports and hand-written specs have them,
    /// a 400 whose schema left the 200's header out). CORS headers are the CORS planning's
    /// business and are left to it.
    private func declareMappedHeaders(
        of integration: Integration, in responses: inout [MethodResponse], operation: Operation, diagnostics: inout DiagnosticEngine
    ) {
        let prefix = "method.response.header."
        for response in integration.responses where !response.responseParameters.isEmpty {
            guard let index = responses.firstIndex(where: { $0.statusCode == response.statusCode }) else { continue }
            for mapped in response.responseParameters where mapped.name.hasPrefix(prefix) {
                let header = String(mapped.name.dropFirst(prefix.count))
                let lowered = header.lowercased()
                guard !lowered.hasPrefix("access-control-"), lowered != "vary",
                    !responses[index].headers.contains(where: { $0.lowercased() == lowered })
                else { continue }
                responses[index].headers.append(header)
                diagnostics.report(
                    .warning(
                        PlanError.mappedHeaderDeclared,
                        "the integration response for status \(response.statusCode) of \(operation.method.rawValue) \(operation.path) maps header "
                            + "\(header), which the \(response.statusCode) response does not declare; API Gateway refuses such a mapping, so the output "
                            + "declares it: add it to the headers of the \(response.statusCode) response to say so in the spec",
                        at: operation.extensions[shortName: "integration"]?.location ?? operation.location))
            }
        }
    }

    /// `defaultIntegration(for:)`, with the mock integration made once per status code:
    /// it depends on nothing else, and a large spec has thousands of methods.
    private func defaultIntegration(for operation: Operation, memo: inout MethodMemo) -> Integration {
        if case .mock = settings.backend {
            let status = operation.responses.first { $0.statusCode.hasPrefix("2") && Int($0.statusCode) != nil }?.statusCode ?? "200"
            if let known = memo.mockIntegrations.first(where: { $0.status == status }) { return known.integration }
            let made = defaultIntegration(for: operation)
            memo.mockIntegrations.append((status, made))
            return made
        }
        return defaultIntegration(for: operation)
    }

    /// The integration for an operation the spec left without one, from the settings.
    private func defaultIntegration(for operation: Operation) -> Integration {
        switch settings.backend {
        case .mock:
            let status = operation.responses.first { $0.statusCode.hasPrefix("2") && Int($0.statusCode) != nil }?.statusCode ?? "200"
            return Integration(
                kind: .mock, passthroughBehavior: "WHEN_NO_MATCH",
                requestTemplates: [Mapped("application/json", "{\"statusCode\": \(status)}")],
                responses: [IntegrationResponse(statusCode: status)])
        case .httpProxy(let baseURL):
            let variables = operation.path.split(separator: "/").compactMap { segment -> (name: String, greedy: Bool)? in
                guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return nil }
                let inner = segment.dropFirst().dropLast()
                return inner.hasSuffix("+") ? (String(inner.dropLast()), true) : (String(inner), false)
            }
            // The backend path keeps the spec's path; a greedy variable is passed as `{name}`,
            // and a variable `--repair` renamed under the name its integration receives.
            var path = operation.path.replacing("+}", with: "}")
            for repair in operation.variableRepairs where repair.gatewayName != repair.integrationName {
                path = path.replacing("{\(repair.gatewayName)}", with: "{\u{0}\(repair.integrationName)}")
            }
            path = path.replacing("{\u{0}", with: "{")
            let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            return Integration(
                kind: .httpProxy, uri: .string(base + path),
                httpMethod: operation.method.rawValue, passthroughBehavior: "WHEN_NO_MATCH",
                requestParameters: variables.map { variable in
                    let name = operation.variableRepairs.first { $0.gatewayName == variable.name }?.integrationName ?? variable.name
                    return Mapped("integration.request.path.\(name)", "method.request.path.\(variable.name)")
                })
        case .lambdaProxy(let arn):
            return Integration(kind: .awsProxy, uri: defaultLambdaURI(arn), httpMethod: "POST", passthroughBehavior: "WHEN_NO_MATCH")
        }
    }

    // MARK: - Reading x-amazon-apigateway-integration

    /// The fields of `x-amazon-apigateway-integration` the plan carries.
    static let integrationFields: Set<String> = [
        "type", "uri", "httpMethod", "passthroughBehavior", "contentHandling", "requestTemplates", "requestParameters",
        "responses", "credentials", "timeoutInMillis", "connectionType", "connectionId", "cacheKeyParameters",
        "cacheNamespace",
    ]

    /// The integration an operation already carries, kept as written.
    private func read(_ written: GatewayExtension, memo: inout MethodMemo, diagnostics: inout DiagnosticEngine) -> Integration {
        let node = written.value
        let file = written.location.file
        func value(_ key: String) -> Node? {
            node[key].map { memo.placeholders.resolve($0, file: file, uses: &memo.placeholderUses) }
        }
        let typeText = node["type"]?.text?.uppercased() ?? "MOCK"
        let kind = Integration.Kind(rawValue: typeText) ?? {
            diagnostics.report(
                .error(
                    PlanError.unknownIntegrationType,
                    "integration type \"\(node["type"]?.text ?? "")\" is not one of aws, aws_proxy, http, http_proxy, mock; correct it",
                    at: written.location))
            return .mock
        }()
        for entry in node.mapping?.entries ?? Mapping().entries {
            guard let key = entry.key.text, !Self.integrationFields.contains(key),
                !(api.kind == .http && HTTPAPIPlanning.integrationFields.contains(key))
            else { continue }
            diagnostics.report(
                .warning(
                    PlanError.integrationFieldDropped,
                    "integration field \"\(key)\" is not carried into the output yet; set it after deploying or remove it",
                    at: written.location))
        }
        // Templates and mappings may be written with a function (`Fn::Sub` of a table name):
        // each is kept, with its placeholders made template parameters like the uri's.
        func pairs(_ list: Node?) -> [Mapped] {
            guard let entries = list?.mapping?.entries else { return [] }
            return entries.compactMap { entry in
                guard let name = entry.key.text else { return nil }
                var value = entry.value
                if value.tag == nil, let text = value.text {
                    // `${AWS::Region}` written plainly (a SAM body outside Fn::Sub) is filled
                    // only inside a !Sub; Velocity's own `${name}` stays text there.
                    guard text.contains("${AWS::") else { return Mapped(name, text) }
                    value = IntrinsicFunctions.pseudoParameterSub(text, mark: value.mark)
                }
                guard value.mapping != nil || value.tag != nil else { return nil }
                let resolved = memo.placeholders.resolve(value, file: file, uses: &memo.placeholderUses)
                if resolved.tag == nil, let text = resolved.text { return Mapped(name, text) }
                guard resolved.tag != nil else { return nil }
                return Mapped(name, function: resolved)
            }
        }
        let responses: [IntegrationResponse] = (node["responses"]?.mapping?.entries).map { entries in
            entries.compactMap { entry -> IntegrationResponse? in
                guard let pattern = entry.key.text, let status = entry.value["statusCode"]?.text else { return nil }
                return IntegrationResponse(
                    selectionPattern: pattern == "default" ? nil : pattern,
                    statusCode: status,
                    responseParameters: pairs(entry.value["responseParameters"]),
                    responseTemplates: pairs(entry.value["responseTemplates"]),
                    contentHandling: entry.value["contentHandling"]?.text)
            }
        } ?? []
        return Integration(
            kind: kind,
            uri: value("uri"),
            httpMethod: node["httpMethod"]?.text?.uppercased(),
            passthroughBehavior: node["passthroughBehavior"]?.text?.uppercased(),
            contentHandling: node["contentHandling"]?.text,
            requestTemplates: pairs(node["requestTemplates"]),
            requestParameters: pairs(node["requestParameters"]),
            responses: responses,
            credentials: value("credentials"),
            timeoutInMillis: node["timeoutInMillis"]?.scalar?.integerValue,
            connectionType: node["connectionType"]?.text,
            connectionID: value("connectionId"),
            cacheKeyParameters: node["cacheKeyParameters"]?.sequence?.compactMap(\.text) ?? [],
            cacheNamespace: node["cacheNamespace"]?.text,
            payloadFormatVersion: api.kind == .http ? node["payloadFormatVersion"]?.text : nil)
    }

    /// A mapping of strings as ordered pairs; non-string values are written as their text.
    static func pairs(_ node: Node?) -> [Mapped] {
        guard let entries = node?.mapping?.entries else { return [] }
        return entries.compactMap { entry in
            guard let name = entry.key.text, let value = entry.value.text else { return nil }
            return Mapped(name, value)
        }
    }
}

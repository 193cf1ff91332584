import CORS
import Diagnostics
import YAML
import Plan
import Read
import Spec
import Planning
import Intake

/// Finds the CORS faults of an API Gateway REST API or HTTP API, generated or hand-written,
/// and says for each what a browser will do and how to fix it.
///
/// It reads only the gateway plan (and where its elements are written), so it works the
/// same on a CloudFormation template, an exported OpenAPI document, or a spec planned
/// with a CORS policy. Each finding is a diagnostic with a `DOC` code, the fault and its
/// fix in the message, and the browser's behaviour in a note at the same place.
public enum Doctor {
    /// Every CORS fault of `plan`, in the order of the places they are written (file, line,
    /// column), as an editor lists them; findings at one place, and those with no place
    /// (after the rest), keep the order of the checks: resources, methods and responses,
    /// then the gateway responses, the binary media types and the deployment; for an HTTP
    /// API its CORS configuration, the routes' own CORS headers, then its authorizers.
    ///
    /// `planning`: how the plan was made from a spec, when it was; a finding the policy
    /// decides then also carries the edit to the policy file that removes it.
    public static func examine(
        _ plan: GatewayPlan, locations: PlanLocations = PlanLocations(), planning: Planning? = nil
    ) -> [Diagnostic] {
        var examination = Examination(plan: plan, locations: locations, planning: planning)
        examination.run()
        return inPlaceOrder(examination.findings.diagnostics)
    }

    /// `findings` sorted by place, stably.
    static func inPlaceOrder(_ findings: [Diagnostic]) -> [Diagnostic] {
        findings.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (left?, right?) where left != right: return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// Reads `source` (a template, a document with extensions, or a spec planned with the
    /// policy, as `PlanSource` decides) and examines it: the reader's problems, then the
    /// findings.
    public static func examine(
        source: String, reader: some SpecFileReader, policy: PolicyInput?, parameters: [String: String] = [:]
    ) -> [Diagnostic] {
        let result: PlanSource.Result
        do {
            result = try PlanSource.plan(
                source, reader: reader, policy: policy?.file, readPolicy: { _ in policy?.bytes ?? [] },
                options: SpecPlanning.Options(integrations: IntegrationSettings(parameterValues: parameters)))
        } catch let error as DiagnosticError {
            return error.diagnostics
        } catch {
            return [.error(PipelineError.internal, "unexpected failure: \(error); please report it")]
        }
        guard let plan = result.plan else { return result.diagnostics }
        var planning: Planning?
        if let sam = result.sam { planning = .sam(sam) }
        if result.isPlanned {
            // The policy read again for its places; it was read once already, so it reads.
            planning = .spec(policy: policy.flatMap { try? CORSPolicyReader.read($0.bytes, file: $0.file).policy })
        }
        // Of the planner's notes, those of headers added beyond the policy are what the policy
        // forgot, kept as the answer to "why does my browser say CORS"; the others are the
        // converter's.
        let problems =
            result.isPlanned
            ? result.diagnostics.filter { $0.severity != .note || $0.code == PlanError.requestHeaderAllowed }
            : result.diagnostics
        return problems + examine(plan, locations: result.locations, planning: planning)
    }

    /// How a plan was made, for the doctor to say the edit that removes a fault where the
    /// user makes it: in the policy a spec was planned with, or in a SAM template's own
    /// properties, instead of in the resources they turn into.
    public enum Planning: Sendable {
        /// Planned from a spec, with the CORS policy when there was one.
        case spec(policy: CORSPolicy?)
        /// Read from a SAM template, whose transform writes the API.
        case sam(SAMSource)

        /// Where the policy decides API Gateway's own responses: its gatewayResponses list, or
        /// the allowCredentials that keeps the origin off them; a SAM API's GatewayResponses.
        var gatewayResponsesPlace: SourceLocation? {
            switch self {
            case .spec(let policy?):
                return policy.gatewayResponses?.location ?? policy.settings.allowCredentials?.location ?? policy.settings.allowOrigins?.location
            case .spec(nil):
                return nil
            case .sam(let sam):
                return sam.gatewayResponses ?? sam.settingsPlace
            }
        }

        /// The note that says the edit for what a finding asks ("in the policy: …", "in the
        /// SAM template: …"), or nil when the policy or template has no say.
        func note(for asked: Examination.PolicyNote) -> String? {
            switch self {
            case .spec:
                return edit(for: asked).map { "in the policy: \($0)" }
            case .sam(let sam):
                return Self.samEdit(for: asked, sam).map { "in the SAM template: \($0)" }
            }
        }

        /// The SAM property edit for what a finding asks.
        static func samEdit(for asked: Examination.PolicyNote, _ sam: SAMSource) -> String? {
            let api = sam.isImplicit ? "the implicit API (Api under Globals)" : sam.apiID
            let origin = sam.origin ?? "https://app.example.com"
            switch asked {
            case .need(_, nil):
                return sam.cors == nil
                    ? "add Cors to \(sam.settingsOwner) (Cors: \"'\(origin)'\" at least), and SAM adds an OPTIONS method to every path"
                    : nil
            case .need(_, .method(let verb)?):
                return sam.allowMethods != nil
                    ? "add \(verb) to Cors AllowMethods of \(api), or leave AllowMethods out so SAM lists each path's methods"
                    : nil
            case .need(_, .header(let header)?):
                return "add \(header) to Cors AllowHeaders of \(api), inside the single quotes (AllowHeaders: \"'Content-Type,\(header)'\")"
            case .need:
                return nil
            case .gatewayResponse(let type):
                return "add GatewayResponses to \(sam.settingsOwner): \(type): ResponseParameters: Headers: "
                    + "Access-Control-Allow-Origin: \"'\(origin)'\" (SAM adds no CORS headers to API Gateway's own responses)"
            case .ownOptions:
                return nil
            case .preflightAuthorizer:
                return "set Auth: AddDefaultAuthorizerToCorsPreflight: false on \(api); SAM puts DefaultAuthorizer "
                    + "\(sam.defaultAuthorizer ?? "") on the OPTIONS methods it adds unless told not to"
            case .preflightAPIKey:
                return "set Auth: AddApiKeyRequiredToCorsPreflight: false on \(api); SAM makes its OPTIONS methods require "
                    + "the API key unless told not to"
            case .quote(let value):
                return "SAM passes Cors values to API Gateway as written, so quote them inside the YAML string: \"'\(value)'\""
            case .oneOrigin:
                return "SAM's Cors sends AllowOrigin as one fixed value and cannot choose among origins: name one origin in it, "
                    + "or describe the API in OpenAPI with a CORS policy listing each origin (oas2apigw migrate writes both)"
            }
        }

        /// Where the SAM edit goes, when it is not at the finding's own place.
        func notePlace(for asked: Examination.PolicyNote) -> SourceLocation? {
            guard case .sam(let sam) = self else { return nil }
            switch asked {
            case .need(_, nil): return sam.cors ?? sam.settingsPlace
            case .need(_, .method?): return sam.allowMethods ?? sam.cors
            case .need(_, .header?): return sam.allowHeaders ?? sam.cors
            case .need: return nil
            case .gatewayResponse: return sam.gatewayResponses ?? sam.settingsPlace
            case .preflightAuthorizer: return sam.authorizerOnPreflight ?? sam.auth
            case .preflightAPIKey: return sam.apiKeyOnPreflight ?? sam.auth
            case .oneOrigin: return sam.allowOrigin ?? sam.cors
            case .quote, .ownOptions: return nil
            }
        }

        /// The edit for what a finding asks of the policy, or nil when the policy has no say.
        func edit(for note: Examination.PolicyNote) -> String? {
            guard case .spec(let policy) = self else { return nil }
            switch note {
            case .need(let path, let need):
                if let policy { return policy.fix(for: need, on: path) }
                guard need == nil else { return nil }
                return "no CORS policy was given, so only the spec's own OPTIONS operations answer preflights; "
                    + "start one with `oas2apigw new-policy > cors.yaml` and convert with --cors cors.yaml"
            case .gatewayResponse(let type):
                guard let policy else { return nil }
                let origin = policy.settings.allowOrigins?.value.lazy.compactMap { located -> String? in
                    if case .exact(let origin) = located.value { return origin }
                    return nil
                }.first ?? "ORIGIN"
                return policy.fix(for: .gatewayResponse(type: type, status: type == "DEFAULT_5XX" ? 500 : 403, origin: origin), on: "/")
            case .ownOptions(let path):
                return "OPTIONS \(path) is the spec's own operation, kept as written; correct it in the spec, or delete it "
                    + (policy == nil ? "and give a CORS policy (oas2apigw new-policy) that writes the preflight" : "and the policy writes the preflight")
            case .preflightAuthorizer, .preflightAPIKey, .quote, .oneOrigin:
                return nil
            }
        }
    }
}

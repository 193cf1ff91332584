import Convert
import GoldenCases
import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML
import Plan
import Support
import Render
import Read
import Planning

/// For every case that converts, each output the tool can write (the CloudFormation
/// template in both styles, the OpenAPI document; YAML and JSON) is written to text, read
/// back with the readers, and must give the plan it was rendered from.
///
/// What is left out of the comparison, and why:
/// - `document`: the spec the plan extends. A template has none, and a document read back
///   is the rendered output, not the input spec.
/// - `source` of methods read from a template: CloudFormation has no `paths` key to name.
///   Read from an OpenAPI document it is compared.
/// - `role == .existingOptions`: why the planner kept an OPTIONS (a policy said `keep`)
///   is not written anywhere; a read plan calls it an operation, so it is compared as one.
/// - `deployment`: the renderer names it after the fingerprint of what it renders; the
///   plan it renders from has none.
/// - From OpenAPI documents (and `Body`s): the path parameters of the path's own
///   variables, which the renderer must declare for OpenAPI and API Gateway provides
///   whether declared or not.
/// - From OpenAPI documents (and `Body`s): the order of gateway responses, which API
///   Gateway keeps by type.
/// - From OpenAPI documents only: the stage, usage plans, template parameters and Lambda
///   permissions, which an OpenAPI document has no place for.
@Suite struct PlanRoundTripTests {
    /// One output of one case: which renderer, which format.
    struct Output: CustomStringConvertible, Sendable {
        enum Kind: String, Sendable { case resources, body, openapi }
        var caseName: String
        var kind: Kind
        var format: SourceFormat
        var description: String { "\(caseName) \(kind.rawValue) \(format.rawValue)" }
    }

    static let outputs: [Output] = SpecCorpus.caseNames.filter { SpecCorpus.specPath(of: $0) != nil }.flatMap { name in
        [Output.Kind.resources, .body, .openapi].flatMap { kind in
            SourceFormat.allCases.map { Output(caseName: name, kind: kind, format: $0) }
        }
    }

    /// The plan `convert` renders for a case, or `nil` when the case does not convert.
    static func plan(of caseName: String) -> GatewayPlan? {
        guard let goldenCase = GoldenCase(folder: "specs/\(caseName)", name: caseName, exists: Golden.exists) else { return nil }
        var config = ConvertConfig()
        if let options = goldenCase.options, let read = try? ConvertConfig.read(try SpecCorpus.bytes(options), file: options) {
            config = read.0
        }
        let policy = goldenCase.policy.flatMap { path in
            (try? SpecCorpus.bytes(path)).map { Converter.PolicyInput(bytes: $0, file: path) }
        }
        var request = Converter.Request(
            target: .cloudformation,
            integrations: IntegrationSettings(
                backend: config.backend ?? .mock, stageName: config.stageName ?? "v1", parameterValues: config.parameters))
        request.planning.api = config.api
        return Converter.plan(entry: goldenCase.spec, reader: CorpusFiles(), policy: policy, request: request).plan
    }

    /// The output as text, or `nil` when the tool refuses to write it for this plan.
    static func render(_ plan: GatewayPlan, as output: Output) throws -> String? {
        let tree: Node
        switch output.kind {
        case .resources, .body:
            let (template, diagnostics) = CloudFormationRenderer(style: output.kind == .body ? .body : .resources).render(plan)
            let undefined = output.kind == .resources ? TemplateReferences.undefinedNames(in: template, file: "t") : []
            guard !(diagnostics + undefined).contains(where: { $0.severity == .error }) else { return nil }
            tree = template
        case .openapi:
            tree = OpenAPIRenderer().render(plan)
            // convert refuses an OpenAPI output that holds CloudFormation functions.
            guard !tree.containsTag else { return nil }
        }
        switch output.format {
        case .yaml: return YAMLWriter.write(tree)
        case .json: return try JSONWriter.write(IntrinsicFunctions.expandingShortForms(tree))
        }
    }

    @Test(arguments: outputs)
    func readingAnOutputGivesItsPlan(output: Output) throws {
        guard let plan = Self.plan(of: output.caseName), let text = try Self.render(plan, as: output) else { return }
        let file = "rendered.\(output.format.rawValue)"
        let tree = try DocumentReader.read(Array(text.utf8), file: file, format: output.format)
        let expectedKind: DefinitionKind = output.kind == .openapi ? .gatewayOpenAPI : .cloudFormationTemplate
        if !plan.methods.isEmpty { #expect(GatewayPlanReader.kind(of: tree) == expectedKind) }
        let (read, diagnostics) = GatewayPlanReader.read(tree, file: file)
        // A Body that names resources of the template it is meant for (cfn-intrinsic-tags)
        // is rightly reported as READ011; nothing else may be.
        let problems = diagnostics.filter { $0.severity != .note && $0.code != ReadDiagnosticCode.undefinedReference }
        #expect(problems == [], "\(problems)")
        let readPlan = try #require(read)
        let expected = Self.comparable(plan, from: output.kind)
        let actual = Self.comparable(readPlan, from: output.kind)
        let differences = Self.differences(expected, actual)
        #expect(differences.isEmpty, "\(output):\n\(differences.joined(separator: "\n"))")
        // Whatever `differences` does not itemise still counts.
        let isEqual = expected == actual
        #expect(isEqual)
    }

    /// The roster of outputs covers every convertible case in each style and format.
    @Test func everyConvertibleCaseTakesPart() {
        let convertible = SpecCorpus.caseNames.filter { Self.plan(of: $0) != nil }
        #expect(convertible.count >= 15)
        #expect(convertible.contains("petstore") && convertible.contains("cors-multi-origin"))
    }

    /// The plan with what cannot round-trip through `kind` left out (see the suite's comment).
    static func comparable(_ plan: GatewayPlan, from kind: Output.Kind) -> GatewayPlan {
        var plan = plan
        plan.document = nil
        plan.deployment = nil
        for r in plan.resources.indices {
            let variables = Set(
                plan.resources[r].path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                    String($0.dropFirst().dropLast().replacing("+", with: ""))
                })
            for m in plan.resources[r].methods.indices {
                var method = plan.resources[r].methods[m]
                if method.role == .existingOptions { method.role = .operation }
                if kind != .resources {
                    method.requestParameters.removeAll { $0.location == "path" && variables.contains($0.name) }
                } else {
                    method.source = nil
                    // An HTTP API holds no method responses: a template has none to read.
                    if plan.kind == .http { method.methodResponses = [] }
                }
                plan.resources[r].methods[m] = method
            }
        }
        if kind != .resources {
            // API Gateway keeps gateway responses by type; a document lists the spec's own
            // first and the policy's after them, the plan sorts them.
            plan.gatewayResponses.sort { $0.type < $1.type }
        }
        if kind == .openapi {
            plan.stage = Stage()
            plan.parameters = []
            plan.lambdaPermissions = []
            plan.usagePlans = []
        }
        return plan
    }

    /// Each part of the plans that differs, described, so a failure says where to look.
    static func differences(_ a: GatewayPlan, _ b: GatewayPlan) -> [String] {
        var found: [String] = []
        func compare<T: Equatable>(_ what: String, _ x: T, _ y: T) {
            if x != y { found.append("\(what):\n  rendered: \(x)\n  read:     \(y)") }
        }
        compare("api", a.api, b.api)
        compare("resource paths", a.resources.map(\.path), b.resources.map(\.path))
        for (x, y) in zip(a.resources, b.resources) where x.path == y.path {
            compare("methods of \(x.path)", x.methods.map(\.httpMethod), y.methods.map(\.httpMethod))
            for (m, n) in zip(x.methods, y.methods) where m != n {
                compare("\(m.httpMethod) \(x.path) role", m.role, n.role)
                compare("\(m.httpMethod) \(x.path) operation name", m.operationName, n.operationName)
                compare("\(m.httpMethod) \(x.path) authorization", m.authorization, n.authorization)
                compare("\(m.httpMethod) \(x.path) API key", m.apiKeyRequired, n.apiKeyRequired)
                compare("\(m.httpMethod) \(x.path) request parameters", m.requestParameters, n.requestParameters)
                compare("\(m.httpMethod) \(x.path) integration", m.integration, n.integration)
                compare("\(m.httpMethod) \(x.path) method responses", m.methodResponses, n.methodResponses)
                compare("\(m.httpMethod) \(x.path) source", m.source, n.source)
                compare("\(m.httpMethod) \(x.path) request validator", m.requestValidator, n.requestValidator)
            }
        }
        compare("request validators", a.requestValidators, b.requestValidators)
        compare("models", a.models, b.models)
        compare("usage plans", a.usagePlans, b.usagePlans)
        compare("gateway responses", a.gatewayResponses, b.gatewayResponses)
        compare("authorizers", a.authorizers, b.authorizers)
        compare("stage", a.stage, b.stage)
        compare("parameters", a.parameters, b.parameters)
        compare("lambda permissions", a.lambdaPermissions, b.lambdaPermissions)
        return found
    }
}

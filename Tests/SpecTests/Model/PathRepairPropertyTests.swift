import Diagnostics
import Testing
import TestSupport
import YAML
import Plan
import Render
import Spec
import Planning

/// The repair's promises over many generated specs: whatever names the spec uses, the
/// repaired tree is one API Gateway can build, and every integration still receives each
/// value under a name of its own.
@Suite struct PathRepairPropertyTests {
    static let literals = ["a", "b", "items", "Calls.json"]
    static let names = ["id", "id2", "key", "name", "x"]

    /// A key of one to four segments: fixed parts, variables, now and then a glued one, and
    /// sometimes a greedy variable at the end.
    static func key(_ random: inout SplitMix64) -> (key: String, names: [String]) {
        var segments: [String] = []
        var names: [String] = []
        let count = 1 + random.below(4)
        for index in 0..<count {
            if index == count - 1, random.chance(15) {
                let name = Self.names[random.below(Self.names.count)]
                names.append(name)
                segments.append("{\(name)+}")
                continue
            }
            switch random.below(10) {
            case 0..<4:
                segments.append(literals[random.below(literals.count)])
            case 4:
                let name = Self.names[random.below(Self.names.count)]
                names.append(name)
                segments.append("{\(name)}.json")
            default:
                let name = Self.names[random.below(Self.names.count)]
                names.append(name)
                segments.append("{\(name)}")
            }
        }
        return ("/" + segments.joined(separator: "/"), names)
    }

    static func spec(_ random: inout SplitMix64) -> String {
        var paths = ""
        var seen: Set<String> = []
        for _ in 0..<(2 + random.below(5)) {
            let (key, names) = key(&random)
            guard seen.insert(key).inserted else { continue }
            let parameters = Set(names).sorted().map { "{name: \($0), in: path, required: true}" }.joined(separator: ", ")
            paths += "  \(key):\n    get: {parameters: [\(parameters)], responses: {\"200\": {description: ok}}}\n"
        }
        return ModelFixtures.spec(paths: paths)
    }

    /// `yaml` with an `x-amazon-apigateway-integration` on each operation that maps every
    /// declared path parameter under its own name.
    static func withOwnIntegrations(_ yaml: String) -> String {
        yaml.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("    get: {parameters: [") else { return String(line) }
            let names = line.matches(of: /name: ([A-Za-z0-9]+), in: path/).map { String($0.output.1) }
            let mappings = names.map { "integration.request.path.\($0): method.request.path.\($0)" }.joined(separator: ", ")
            let integration =
                "x-amazon-apigateway-integration: {type: http, httpMethod: GET, uri: \"https://b.example.com/x\", "
                + "requestParameters: {\(mappings)}, responses: {default: {statusCode: \"200\"}}}, "
            return String(line).replacing("responses: {", with: integration + "responses: {", maxReplacements: 1)
        }.joined(separator: "\n")
    }

    /// The plan follows the import rules, and each path value reaches the integration under
    /// a name of its own.
    static func expectEachValueArrivesApart(_ plan: GatewayPlan, spec: String) {
        #expect(plan.importRuleViolations.map(\.description) == [], "\(spec)")
        for (resource, method) in plan.methods {
            let targets = method.integration.requestParameters.map(\.name)
            #expect(Set(targets).count == targets.count, "\(resource.path)\n\(spec)")
            let variables = resource.path.split(separator: "/").filter { $0.hasPrefix("{") }
            #expect(targets.count == variables.count, "\(resource.path)\n\(spec)")
        }
    }

    @Test(arguments: 0..<200)
    func aRepairedTreeIsOneAPIGatewayCanBuild(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let yaml = Self.spec(&random)
        let root = try YAMLReader.read(Array(yaml.utf8), file: "spec.yaml")
        let (model, diagnostics) = APIModelBuilder.build(
            from: LoadedSpec(entryFile: "spec.yaml", root: root), repairingPaths: true)
        // What stays an error: two keys that become one resource, and a greedy variable
        // beside a plain one.
        let errors = diagnostics.filter { $0.severity == .error }.map(\.code)
        #expect(
            Set(errors).isSubset(of: [ModelCheck.trailingSlashDuplicate.id, ModelCheck.conflictingVariables.id]),
            "\(yaml)\n\(ModelFixtures.printed(diagnostics))")
        guard errors.isEmpty else { return }

        let (plan, _) = GatewayPlanner(settings: IntegrationSettings(backend: .httpProxy(baseURL: "https://b.example.com")))
            .plan(model, document: root)
        Self.expectEachValueArrivesApart(plan, spec: yaml)

        // The spec's own HTTP integration on every operation, mapping each spec name as a
        // hand-written one would, must come out as whole as the default backend's.
        let written = Self.withOwnIntegrations(yaml)
        let writtenRoot = try YAMLReader.read(Array(written.utf8), file: "spec.yaml")
        let (writtenModel, _) = APIModelBuilder.build(
            from: LoadedSpec(entryFile: "spec.yaml", root: writtenRoot), repairingPaths: true)
        Self.expectEachValueArrivesApart(GatewayPlanner().plan(writtenModel, document: writtenRoot).0, spec: written)

        // The rendered document names the same resources, so the import builds this tree.
        let keys = Set(OpenAPIRenderer().render(plan)["paths"]?.mapping?.keys.compactMap(\.text) ?? [])
        let planned = Set(plan.methods.map(\.resource.path))
        #expect(keys == planned, "\(yaml)")
    }
}

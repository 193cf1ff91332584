import Core
import Diagnostics
import Testing
import TestSupport
import YAML

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
            Set(errors).isSubset(of: [ModelCheck.trailingSlashDuplicate, ModelCheck.conflictingVariables]),
            "\(yaml)\n\(ModelFixtures.printed(diagnostics))")
        guard errors.isEmpty else { return }

        let (plan, _) = GatewayPlanner(settings: IntegrationSettings(backend: .httpProxy(baseURL: "https://b.example.com")))
            .plan(model, document: root)
        #expect(plan.importRuleViolations.map(\.description) == [], "\(yaml)")
        for (resource, method) in plan.methods {
            // Each value reaches the backend under its own name, and under the spec's name
            // unless the spec repeats it.
            let targets = method.integration.requestParameters.map(\.name)
            #expect(Set(targets).count == targets.count, "\(resource.path)\n\(yaml)")
            let variables = resource.path.split(separator: "/").filter { $0.hasPrefix("{") }
            #expect(targets.count == variables.count, "\(resource.path)\n\(yaml)")
        }
        // The rendered document names the same resources, so the import builds this tree.
        let keys = Set(OpenAPIRenderer().render(plan)["paths"]?.mapping?.keys.compactMap(\.text) ?? [])
        let planned = Set(plan.methods.map(\.resource.path))
        #expect(keys == planned, "\(yaml)")
    }
}

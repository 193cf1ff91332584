import Plan
import Support

/// CloudFormation logical IDs for a plan's resources and methods: readable, stable across
/// runs, and never shared by two things.
///
/// An ID is the path's segments in PascalCase with everything but letters and digits dropped
/// (`/pets/{petId}` → `PetsPetId`), because CloudFormation allows only `[A-Za-z0-9]`. Two paths
/// that fold to the same letters (`/a-b` and `/ab`) each get a suffix from a hash of their
/// own path, so adding a third path never renames the first two.
public struct LogicalIDs: Sendable {
    /// CloudFormation's limit is 255; IDs are kept well below it with room for suffixes.
    static let maxBaseLength = 200

    private var bases: [String: String] = [:]

    /// Prepares IDs for these resource paths (every path of the plan, root included).
    public init(paths: [String]) {
        // Grouped without regard to case, so `AB` and `Ab` never stand side by side.
        var byBase: [String: [String]] = [:]
        for path in paths {
            byBase[Self.fold(path).lowercased(), default: []].append(path)
        }
        for group in byBase.values {
            for path in group {
                let base = Self.fold(path)
                bases[path] = group.count == 1 ? base : base + StableHash(path).hex(8).uppercased()
            }
        }
    }

    /// `Pets` + `Resource` for `/pets`.
    public func resource(_ path: String) -> String {
        base(path) + "Resource"
    }

    /// `PetsGet` + `Method` for GET on `/pets`; `RootOptionsMethod` on the root.
    public func method(_ httpMethod: String, on path: String) -> String {
        base(path) + Self.pascal(httpMethod.lowercased()) + "Method"
    }

    /// `PetsGetRoute` for an HTTP API's route `GET /pets`; `DefaultAnyRoute` for `$default`.
    public func route(_ httpMethod: String, on path: String) -> String {
        base(path) + Self.pascal(httpMethod.lowercased()) + "Route"
    }

    /// `PetsGetIntegration` for the integration an HTTP API's route `GET /pets` is the first
    /// to use: routes that share an integration share its resource, named after the first.
    public func integration(_ httpMethod: String, on path: String) -> String {
        base(path) + Self.pascal(httpMethod.lowercased()) + "Integration"
    }

    /// `GatewayResponseDefault4xx` for `DEFAULT_4XX`.
    public static func gatewayResponse(_ type: String) -> String {
        "GatewayResponse" + type.lowercased().split(separator: "_").map { pascal(String($0)) }.joined()
    }

    /// `CognitoAuthorizer` for a scheme named `cognito`.
    public static func authorizer(_ name: String) -> String {
        let folded = String(alphanumerics(pascal(name)).prefix(maxBaseLength))
        if folded.hasSuffix("Authorizer") { return folded }
        return (folded.isEmpty ? "Api" : folded) + "Authorizer"
    }

    /// `UsagePlanPartners` for a plan named `partners`, one per name.
    public static func usagePlans(_ names: [String]) -> [String: String] {
        var ids: [String: String] = [:]
        var taken: Set<String> = []
        for name in names where ids[name] == nil {
            var id = "UsagePlan" + String(words(name).prefix(maxBaseLength))
            if taken.contains(id) { id += StableHash(name).hex(8).uppercased() }
            taken.insert(id)
            ids[name] = id
        }
        return ids
    }

    /// `ApiKeyAcme` for a key named `acme`, not one of `taken`.
    public static func apiKey(_ name: String, taken: Set<String>) -> String {
        let id = "ApiKey" + String(words(name).prefix(maxBaseLength))
        return taken.contains(id) ? id + StableHash(name).hex(8).uppercased() : id
    }

    /// The letters and digits of `name`, each word capitalised.
    private static func words(_ name: String) -> String {
        name.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map { pascal(String($0)) }.joined()
    }

    /// `ModelPet` for the model `Pet` (model names are letters and digits already).
    public static func model(_ name: String) -> String { "Model" + name }

    /// `RequestValidatorBodyAndParams` for a validator named `body-and-params`, one per name:
    /// names that fold to the same letters get a hash of the name after them.
    public static func requestValidators(_ names: [String]) -> [String: String] {
        var ids: [String: String] = [:]
        var taken: Set<String> = []
        for name in names where ids[name] == nil {
            let words = name.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map { pascal(String($0)) }
            var id = "RequestValidator" + String(words.joined().prefix(maxBaseLength))
            if taken.contains(id) { id += StableHash(name).hex(8).uppercased() }
            taken.insert(id)
            ids[name] = id
        }
        return ids
    }

    private func base(_ path: String) -> String {
        bases[path] ?? Self.fold(path)
    }

    /// The readable part of an ID for a path; `Root` for `/`.
    static func fold(_ path: String) -> String {
        let segments = path.split(separator: "/").map { segment -> String in
            var text = String(segment)
            let isGreedy = text.hasSuffix("+}")
            text = text.filter { $0 != "{" && $0 != "}" && $0 != "+" }
            // Split on anything that is not a letter or digit so each word gets its capital.
            let words = text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map { pascal(String($0)) }
            return words.joined() + (isGreedy ? "Plus" : "")
        }
        let joined = segments.joined()
        if joined.isEmpty { return "Root" }
        // An ID must start with a letter: `/2024/items` becomes `P2024Items`.
        let id = joined.first!.isLetter ? joined : "P" + joined
        return id.count > maxBaseLength ? String(id.prefix(maxBaseLength - 8)) + StableHash(path).hex(8).uppercased() : id
    }

    static func pascal(_ word: String) -> String {
        guard let first = word.first else { return "" }
        return first.uppercased() + word.dropFirst()
    }

    private static func alphanumerics(_ text: String) -> String {
        text.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}

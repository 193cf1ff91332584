import Plan
import Support

/// Collects methods by resource path and lays the resources out the way the planner does:
/// parents before children, the root first, siblings by path part, methods in
/// `HTTPMethod` order; an HTTP API's `$default` route (`GatewayPlan.defaultRoutePath`),
/// which is no path under the root, after everything else.
///
/// One order for every reader means a plan read from a template and one read from a
/// document compare equal, and a hand-written template's resource order does not matter.
struct PlanResourceTree {
    private var paths: Set<String> = ["/"]
    private var methodsByPath: [String: [PlanMethod]] = [:]

    /// Adds a resource and every resource above it.
    mutating func addResource(_ path: String) {
        if path == GatewayPlan.defaultRoutePath {
            paths.insert(path)
            return
        }
        var current = path
        while current != "/", paths.insert(current).inserted {
            current = PlanResource(path: current).parentPath ?? "/"
        }
    }

    /// Whether the resource already has a method for this verb.
    func hasMethod(_ verb: String, on path: String) -> Bool {
        methodsByPath[path]?.contains { $0.httpMethod == verb } ?? false
    }

    mutating func add(_ method: PlanMethod, on path: String) {
        addResource(path)
        methodsByPath[path, default: []].append(method)
    }

    /// The resources in the planner's order.
    var resources: [PlanResource] {
        var children: [String: [String]] = [:]
        for path in paths where path != "/" && path != GatewayPlan.defaultRoutePath {
            children[PlanResource(path: path).parentPath ?? "/", default: []].append(path)
        }
        var result: [PlanResource] = []
        func ordered(_ path: String) -> [PlanMethod] {
            (methodsByPath[path] ?? []).enumerated().sorted { a, b in
                let x = Self.rank(a.element.httpMethod)
                let y = Self.rank(b.element.httpMethod)
                return x != y ? x < y : a.offset < b.offset
            }.map(\.element)
        }
        func visit(_ path: String) {
            result.append(PlanResource(path: path, methods: ordered(path)))
            // Sorted by the bytes of the path part, as the model sorts its resource tree.
            let sorted = (children[path] ?? []).sorted {
                PlanResource(path: $0).pathPart.utf8Precedes(PlanResource(path: $1).pathPart)
            }
            sorted.forEach(visit)
        }
        visit("/")
        if paths.contains(GatewayPlan.defaultRoutePath) {
            result.append(PlanResource(path: GatewayPlan.defaultRoutePath, methods: ordered(GatewayPlan.defaultRoutePath)))
        }
        return result
    }

    private static func rank(_ verb: String) -> Int {
        HTTPMethod.allCases.firstIndex { $0.rawValue == verb } ?? HTTPMethod.allCases.count
    }

    /// `/a/b` for `/a/b/` and `a/b`; `/` for the root: the resource a written path names.
    static func normalized(_ path: String) -> String {
        let segments = path.split(separator: "/")
        return segments.isEmpty ? "/" : "/" + segments.joined(separator: "/")
    }
}

extension PlanMethod.Role {
    /// The role a read method plays: an OPTIONS mock that answers with
    /// `Access-Control-Allow-Methods` is a preflight; everything else is an operation.
    ///
    /// Whether an OPTIONS was kept because a policy said so is a planner's reason, not a
    /// fact of the API, so a read plan never says `existingOptions`.
    static func inferred(httpMethod: String, integration: Integration) -> PlanMethod.Role {
        guard httpMethod == "OPTIONS", integration.kind == .mock else { return .operation }
        let answersPreflight = integration.responses.contains { response in
            response.responseParameters.contains { $0.name.lowercased() == "method.response.header.access-control-allow-methods" }
        }
        return answersPreflight ? .preflight : .operation
    }
}

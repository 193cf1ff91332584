/// The model as `oas2apigw inspect` prints it for people.
extension APIModel {
    /// A header, then the resource tree: one line per path part, indented two spaces per
    /// level, and under each resource its methods with operationId and who may call them.
    ///
    /// ```
    /// Pet Store 1.0.0 (OpenAPI 3.0.3)
    /// base path: /v1 (from servers; not in the API's paths, which start after the stage)
    /// 3 resources, 4 operations
    /// /
    ///   pets
    ///     GET     listPets   auth: none
    ///     POST    createPet  auth: apiKey
    /// ```
    ///
    /// `annotations` adds lines under a resource, by its path, after its methods: what a
    /// CORS policy adds there, when `inspect --cors` gives one.
    public func inspectionText(annotations: [String: [String]] = [:]) -> String {
        var out = title.isEmpty ? "(untitled)" : title
        if !version.isEmpty { out += " " + version }
        if let openAPIVersion { out += " (OpenAPI \(openAPIVersion))" }
        // API Gateway roots an API's paths at the stage; the servers' path is not one of them.
        out += basePath == "/"
            ? "\nbase path: none\n"
            : "\nbase path: \(basePath) (from servers; not in the API's paths, which start after the stage)\n"
        let all = resources
        let operationCount = all.reduce(0) { $0 + $1.operations.count }
        out += "\(Self.counted(all.count, "resource")), \(Self.counted(operationCount, "operation"))\n"
        appendTree(root, depth: 0, annotations: annotations, to: &out)
        return out
    }

    private func appendTree(_ resource: Resource, depth: Int, annotations: [String: [String]], to out: inout String) {
        let indent = String(repeating: "  ", count: depth)
        out += indent + (resource.kind == .root ? "/" : resource.pathPart) + "\n"
        let idWidth = resource.operations.map { ($0.operationId ?? "-").count }.max() ?? 0
        for operation in resource.operations {
            let id = operation.operationId ?? "-"
            var line = indent + "  " + Self.padded(operation.method.rawValue, to: 8)
            line += Self.padded(id, to: idWidth + 2) + "auth: " + Self.authSummary(operation.security)
            if !operation.extensions.isEmpty {
                line += "  ext: " + operation.extensions.map(\.shortName).joined(separator: ", ")
            }
            out += line + "\n"
        }
        for annotation in annotations[resource.path] ?? [] {
            out += indent + "  " + annotation + "\n"
        }
        for child in resource.children {
            appendTree(child, depth: depth + 1, annotations: annotations, to: &out)
        }
    }

    /// Who may call: `none`, `apiKey`, `apiKey + oauth[read]`, alternatives joined by ` | `;
    /// ` (root)` when the requirements come from the root `security`.
    public static func authSummary(_ security: Security) -> String {
        guard !security.requirements.isEmpty else { return "none" }
        let alternatives = security.requirements.map { requirement -> String in
            guard !requirement.schemes.isEmpty else { return "none" }
            return requirement.schemes.map { scheme in
                scheme.scopes.isEmpty ? scheme.name : "\(scheme.name)[\(scheme.scopes.joined(separator: ","))]"
            }.joined(separator: " + ")
        }
        return alternatives.joined(separator: " | ") + (security.source == .root ? " (root)" : "")
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private static func counted(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}

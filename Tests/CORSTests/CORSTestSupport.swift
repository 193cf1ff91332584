import Support
import Diagnostics
import YAML
import CORS

/// Helpers shared by the CORS tests: read a policy written inline, print what a user sees.
enum CORSTestSupport {
    /// A three-path spec's resources, as the planner will hand them over.
    static let petStore: [CORSResource] = [
        CORSResource(path: "/pets", methods: ["get", "post"]),
        CORSResource(path: "/pets/{petId}", methods: ["get", "put", "delete"]),
        CORSResource(path: "/admin/users", methods: ["get", "delete"]),
    ]

    static func read(_ yaml: String, file: String = "cors.yaml") throws -> CORSPolicyReading {
        try CORSPolicyReader.read(Array(yaml.utf8), file: file)
    }

    /// The diagnostics exactly as `oas2apigw` prints them, after resolving against
    /// `resources` when given.
    static func printed(_ yaml: String, resources: [CORSResource]? = nil) throws -> String {
        let reading = try read(yaml)
        let diagnostics = resources.map { CORSResolver.resolve(reading, resources: $0).diagnostics } ?? reading.diagnostics
        return DiagnosticFormatter(format: .text).render(diagnostics)
    }
}

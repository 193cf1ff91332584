/// One path segment of the API: an `AWS::ApiGateway::Resource`, or the root.
public struct PlanResource: Sendable, Equatable {
    /// The full path, `/` for the root: `/pets/{petId}`.
    public var path: String
    /// The last segment (`{petId}`); empty for the root.
    public var pathPart: String
    public var methods: [PlanMethod]

    public init(path: String, methods: [PlanMethod] = []) {
        self.path = path
        self.pathPart = path == "/" ? "" : String(path.split(separator: "/").last ?? "")
        self.methods = methods
    }

    public var isRoot: Bool { path == "/" }

    /// The parent's full path; `nil` for the root.
    public var parentPath: String? {
        guard !isRoot else { return nil }
        let parts = path.split(separator: "/").dropLast()
        return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/")
    }

    public func method(_ httpMethod: String) -> PlanMethod? {
        methods.first { $0.httpMethod == httpMethod }
    }
}

/// An HTTP API's routes in the plan's terms: a route is a method of a resource, its key the
/// method and the path (`GET /pets/{petId}`, `ANY /{proxy+}`). The `$default` route, which
/// answers what no other route matches, is the `ANY` method of a resource whose path is
/// `$default`, placed after every other resource.
extension GatewayPlan {
    /// The path of the resource that holds the `$default` route.
    public static let defaultRoutePath = "$default"

    /// The `$default` route as a document's path, `/$default`, as the HTTP API import writes it.
    public static let defaultRouteDocumentPath = "/$default"

    /// The route key of the method `method` of the resource at `path`.
    public static func routeKey(path: String, method: String) -> String {
        path == defaultRoutePath ? defaultRoutePath : "\(method) \(path)"
    }

    /// The resource path and method a route key names; `nil` for a key that is neither
    /// `$default` nor a method and a path starting with `/`.
    public static func route(ofKey key: String) -> (path: String, method: String)? {
        if key == defaultRoutePath { return (defaultRoutePath, "ANY") }
        guard let space = key.firstIndex(of: " ") else { return nil }
        let method = String(key[..<space]).uppercased()
        let path = String(key[key.index(after: space)...])
        guard !method.isEmpty, path.hasPrefix("/") else { return nil }
        return (path, method)
    }

    /// Every route of an HTTP API: each method of each resource, with its key, in the plan's
    /// order.
    public var routes: [(key: String, resource: PlanResource, method: PlanMethod)] {
        resources.flatMap { resource in
            resource.methods.map { (Self.routeKey(path: resource.path, method: $0.httpMethod), resource, $0) }
        }
    }
}

import Diagnostics
import YAML
import Support

/// The model as `oas2apigw inspect --format json` prints it for tools.
extension APIModel {
    /// A JSON-ready tree of the model with a fixed key order: the API's header fields,
    /// then the resource tree from `/`. Optional values that are absent are left out;
    /// lists are always present, if empty. Every element has a `location`
    /// (`file:line:column`); extensions are mappings from full key to the value as written,
    /// with CloudFormation short forms (`!Sub`) in their long JSON form.
    public func jsonNode() -> Node {
        var map = Mapping()
        map.add("openapi", openAPIVersion.map { .string($0) })
        map.add("title", .string(title))
        map.add("version", .string(version))
        map.add("description", description.map { .string($0) })
        map.add("basePath", .string(basePath))
        map.add(
            "servers",
            .sequence(
                servers.map { server in
                    var s = Mapping()
                    s.add("url", .string(server.url))
                    s.add("resolvedURL", .string(server.resolvedURL))
                    s.add("description", server.description.map { .string($0) })
                    s.add("extensions", Self.extensionsNode(server.extensions))
                    s.add("location", .string(server.location.description))
                    return .mapping(s)
                }))
        map.add("security", security.map { .sequence($0.map(Self.requirementNode)) })
        map.add(
            "securitySchemes",
            .sequence(
                securitySchemes.map { scheme in
                    var s = Mapping()
                    s.add("name", .string(scheme.name))
                    s.add("type", scheme.type.map { .string($0) })
                    s.add("in", scheme.placement.map { .string($0) })
                    s.add("parameterName", scheme.parameterName.map { .string($0) })
                    s.add("extensions", Self.extensionsNode(scheme.extensions))
                    s.add("location", .string(scheme.location.description))
                    return .mapping(s)
                }))
        map.add("extensions", Self.extensionsNode(extensions))
        map.add("root", Self.resourceNode(root))
        return .mapping(map)
    }

    private static func resourceNode(_ resource: Resource) -> Node {
        var map = Mapping()
        map.add("path", .string(resource.path))
        map.add("pathPart", .string(resource.pathPart))
        map.add("kind", .string(resource.kind.rawValue))
        map.add("specPaths", .sequence(resource.specPaths.map { .string($0) }))
        map.add("extensions", extensionsNode(resource.extensions))
        map.add("location", .string(resource.location.description))
        map.add("operations", .sequence(resource.operations.map(operationNode)))
        map.add("children", .sequence(resource.children.map(resourceNode)))
        return .mapping(map)
    }

    private static func operationNode(_ operation: Operation) -> Node {
        var map = Mapping()
        map.add("method", .string(operation.method.rawValue))
        map.add("operationId", operation.operationId.map { .string($0) })
        map.add("summary", operation.summary.map { .string($0) })
        map.add("description", operation.description.map { .string($0) })
        map.add("tags", .sequence(operation.tags.map { .string($0) }))
        map.add(
            "parameters",
            .sequence(
                operation.parameters.map { parameter in
                    var p = Mapping()
                    p.add("name", .string(parameter.name))
                    p.add("in", .string(parameter.placement.rawValue))
                    p.add("required", .bool(parameter.isRequired))
                    p.add("origin", .string(parameter.origin.rawValue))
                    p.add("location", .string(parameter.location.description))
                    return .mapping(p)
                }))
        map.add(
            "requestBody",
            operation.requestBody.map { body in
                var b = Mapping()
                b.add("mediaTypes", .sequence(body.mediaTypes.map { .string($0) }))
                b.add("required", .bool(body.isRequired))
                b.add("location", .string(body.location.description))
                return .mapping(b)
            })
        map.add(
            "responses",
            .sequence(
                operation.responses.map { response in
                    var r = Mapping()
                    r.add("statusCode", .string(response.statusCode))
                    r.add("description", response.description.map { .string($0) })
                    r.add("headers", .sequence(response.headerNames.map { .string($0) }))
                    r.add("mediaTypes", .sequence(response.mediaTypes.map { .string($0) }))
                    r.add("location", .string(response.location.description))
                    return .mapping(r)
                }))
        var security = Mapping()
        security.add("source", .string(operation.security.source.rawValue))
        security.add("requirements", .sequence(operation.security.requirements.map(requirementNode)))
        map.add("security", .mapping(security))
        map.add("extensions", extensionsNode(operation.extensions))
        map.add("location", .string(operation.location.description))
        return .mapping(map)
    }

    private static func requirementNode(_ requirement: SecurityRequirement) -> Node {
        .sequence(
            requirement.schemes.map { scheme in
                ["scheme": .string(scheme.name), "scopes": .sequence(scheme.scopes.map { .string($0) })]
            })
    }

    private static func extensionsNode(_ extensions: [GatewayExtension]) -> Node {
        var map = Mapping()
        for e in extensions {
            map.append(key: .string(e.name), value: IntrinsicFunctions.expandingShortForms(e.value))
        }
        return .mapping(map)
    }
}

extension Mapping {
    /// Appends `key: value`, or nothing when `value` is `nil`.
    fileprivate mutating func add(_ key: String, _ value: Node?) {
        guard let value else { return }
        append(key: .string(key), value: value)
    }
}

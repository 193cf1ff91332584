import Diagnostics
import YAML

extension CORSResource {
    /// The operation keys of an OpenAPI path item, including API Gateway's catch-all.
    static let operationKeys = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method",
    ]

    /// The paths of a spec's tree and the methods of their operations, in spec order.
    ///
    /// A stand-in read straight from the tree for `cors-check` and the golden tests; the
    /// planner adapts its own resources instead. `$ref` path items are not followed.
    public static func resources(ofSpec spec: Node, file: String) -> [CORSResource] {
        guard let paths = spec["paths"]?.mapping else { return [] }
        return paths.entries.map { key, item in
            let methods = (item.mapping?.keys ?? []).compactMap(\.text).filter(operationKeys.contains)
            let location = key.mark.isSynthetic ? nil : SourceLocation(file: file, mark: key.mark)
            return CORSResource(path: key.text ?? "", methods: methods, location: location)
        }
    }
}

import YAML
import Support

/// A document a template takes from a file beside it through `Fn::Transform` with
/// `AWS::Include` (a `Body`, or SAM's `DefinitionBody`), as `aws cloudformation package`
/// uploads it: read from the template's folder, never from S3 or the network.
struct TemplateInclude {
    let context: ReadContext
    /// Reads a file named relative to the template's folder; `nil` when it cannot be read.
    let include: ((String) -> Node?)?

    /// The document `Fn::Transform: {Name: AWS::Include, Parameters: {Location: …}}` names,
    /// when it is a file beside the template; every node of it is placed at the `Location`,
    /// since a place names one file.
    func document(_ node: Node) -> Node? {
        let location = node["Parameters"]?["Location"]
        guard node["Name"]?.text == "AWS::Include", let path = location?.text else {
            context.warning(
                ReadDiagnosticCode.externalBody,
                "the DefinitionBody is a transform other than AWS::Include with a Location, which is not read here; "
                    + "check that OpenAPI document itself", at: node)
            return nil
        }
        if path.hasPrefix("s3://") || path.hasPrefix("https://") {
            context.warning(
                ReadDiagnosticCode.externalBody,
                "the DefinitionBody is included from \(path), which is not read here; check that OpenAPI document itself", at: location)
            return nil
        }
        guard let include, let document = include(path) else {
            context.warning(
                ReadDiagnosticCode.externalBody,
                "the DefinitionBody is included from \(path), which cannot be read beside the template (it must stay inside the "
                    + "template's folder); check that OpenAPI document itself", at: location)
            return nil
        }
        return Self.placed(IntrinsicFunctions.collapsingLongForms(document), at: location?.mark ?? node.mark)
    }

    static func placed(_ node: Node, at mark: Mark) -> Node {
        var node = node
        node.mark = mark
        switch node.content {
        case .scalar: break
        case .sequence(let items): node.content = .sequence(items.map { placed($0, at: mark) })
        case .mapping(let mapping):
            node.content = .mapping(Mapping(mapping.entries.map { (placed($0.key, at: mark), placed($0.value, at: mark)) }))
        }
        return node
    }

}

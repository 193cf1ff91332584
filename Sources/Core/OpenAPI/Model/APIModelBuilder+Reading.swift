import Diagnostics
import YAML

/// Typed reads of nodes that report a value of the wrong type and skip it.
extension APIModelBuilder {
    mutating func report(_ diagnostic: Diagnostic) {
        guard reported.insert(diagnostic).inserted else { return }
        diagnostics.append(diagnostic)
    }

    func location(_ node: Node, _ file: String) -> SourceLocation {
        SourceLocation(file: file, mark: node.mark)
    }

    /// The key and value of the entry named `key`, for diagnostics placed on the key.
    func entry(_ map: Mapping, _ key: String) -> (key: Node, value: Node)? {
        map.index(of: key).map { map[position: $0] }
    }

    mutating func wrongType(_ node: Node, _ what: String, expected: String, _ file: String) {
        report(
            .error(
                ModelCheck.wrongType, "\(what) must be \(expected), found \(node.kindDescription); change it to \(expected)",
                at: location(node, file)))
    }

    mutating func mapping(_ node: Node, _ what: @autoclosure () -> String, _ file: String) -> Mapping? {
        if let map = node.mapping { return map }
        wrongType(node, what(), expected: "a mapping", file)
        return nil
    }

    mutating func sequence(_ node: Node, _ what: @autoclosure () -> String, _ file: String) -> [Node]? {
        if let items = node.sequence { return items }
        wrongType(node, what(), expected: "a sequence", file)
        return nil
    }

    mutating func string(_ node: Node, _ what: @autoclosure () -> String, _ file: String) -> String? {
        if let text = node.string { return text }
        wrongType(node, what(), expected: "a string", file)
        return nil
    }

    mutating func bool(_ node: Node, _ what: @autoclosure () -> String, _ file: String) -> Bool? {
        if let scalar = node.scalar, scalar.kind == .bool { return scalar.text.lowercased() == "true" }
        wrongType(node, what(), expected: "true or false", file)
        return nil
    }

    /// The node a `$ref` leads to, with the file it is in; the node itself when it is not a
    /// reference. Reports and returns `nil` for a reference that leads nowhere.
    mutating func resolve(_ node: Node, _ file: String) -> (node: Node, file: String)? {
        guard let reference = node["$ref"], reference.string != nil else { return (node, file) }
        if let target = spec.dereferenced(node, in: file) { return target }
        report(
            .error(
                ModelCheck.unresolvedReference,
                "$ref \"\(reference.text ?? "")\" cannot be followed to a value (a missing target or a cycle of $refs); point it at an existing object",
                at: location(reference, file)))
        return nil
    }
}

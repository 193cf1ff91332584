import YAML
import Plan
import Support

/// A resource-by-resource template too large for one stack, as a parent template and the
/// child templates it deploys as `AWS::CloudFormation::Stack` resources.
public struct SplitTemplate: Sendable {
    /// The RestApi, the resources that several children hang from, the authorizers,
    /// validators, models, gateway responses, permissions, the stage, the deployment, and one
    /// stack per child.
    public var parent: Node
    /// Each child: whole subtrees of paths, their `Resource` and `Method` resources, with
    /// what they use from the parent passed in as parameters.
    public var children: [Node]
}

/// Splits a resource-by-resource template along the API's path tree.
///
/// The plain idea: walk the top-level paths in the plan's order and put each whole subtree
/// (the path's resource, its methods, and everything below it) into the current child until
/// the next subtree would take the child over the limit; a subtree larger than the limit on
/// its own keeps its own resource and methods in the parent and is split the same way one
/// level down. The same plan always gives the same split. What a child's resources refer to
/// outside it (the RestApi, a parent resource, an authorizer, a model, a template parameter)
/// becomes a parameter of the child, and the parent passes the value.
enum StackSplit {
    /// A child takes at most this many parameters of CloudFormation's 200, leaving room.
    static let maxParameters = 150

    static func split(
        _ template: Node, plan: GatewayPlan, limit: Int, childFile: (Int) -> String
    ) -> SplitTemplate? {
        guard let resources = template["Resources"]?.mapping else { return nil }
        let ids = LogicalIDs(paths: plan.resources.map(\.path))
        var below: [String: [String]] = [:]
        var own: [String: [String]] = [:]
        for resource in plan.resources {
            var mine = resource.isRoot ? [] : [ids.resource(resource.path)]
            for index in resource.methods.indices { mine.append(ids.method(resource.methods[index].httpMethod, on: resource.path)) }
            own[resource.path] = mine
            if let parent = resource.parentPath { below[parent, default: []].append(resource.path) }
        }
        func subtree(_ path: String) -> [String] {
            (own[path] ?? []) + (below[path] ?? []).flatMap(subtree)
        }
        var referencesOf: [String: [String]] = [:]
        for (key, value) in resources.entries {
            guard let id = key.text else { continue }
            var names = IntrinsicFunctions.references(in: value).map(\.name).filter { !$0.hasPrefix("AWS::") }
            names += value["DependsOn"].map { $0.sequence?.compactMap(\.text) ?? [$0.text].compactMap { $0 } } ?? []
            referencesOf[id] = names
        }
        func outside(_ members: [String]) -> Set<String> {
            let inside = Set(members)
            return Set(members.flatMap { referencesOf[$0] ?? [] }).subtracting(inside)
        }

        var chunks: [[String]] = []
        var current: [String] = []
        var currentOutside: Set<String> = []
        func close() {
            if !current.isEmpty { chunks.append(current) }
            (current, currentOutside) = ([], [])
        }
        func place(under path: String) {
            for child in below[path] ?? [] {
                let members = subtree(child)
                let needs = outside(members)
                if members.count <= limit, needs.count <= maxParameters {
                    if current.count + members.count > limit || currentOutside.union(needs).count > maxParameters { close() }
                    current += members
                    currentOutside.formUnion(needs)
                } else {
                    // Too large for one child: its own resource and methods stay in the parent.
                    place(under: child)
                }
            }
        }
        place(under: "/")
        close()
        guard !chunks.isEmpty else { return nil }

        var chunkOf: [String: Int] = [:]
        for (index, chunk) in chunks.enumerated() { for id in chunk { chunkOf[id] = index } }
        var taken = Set(resources.keys.compactMap(\.text))
        let stackIDs = chunks.indices.map { index -> String in
            var id = "Stack\(index + 1)"
            while taken.contains(id) { id += "X" }
            taken.insert(id)
            return id
        }
        let parentParameters = Set(template["Parameters"]?.mapping?.keys.compactMap(\.text) ?? [])

        var children: [Node] = []
        var stacks: [Node] = []
        for (index, chunk) in chunks.enumerated() {
            let members = Set(chunk)
            var passed = Mapping()
            var dependsOn: [String] = []
            func parameter(for reference: String) -> String {
                // `Api.RootResourceId` → `ApiRootResourceId`; `Api` → `Api`.
                let name = reference.filter { $0.isLetter || $0.isNumber }
                if passed[name] == nil {
                    let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
                    passed[name] = parts.count == 2 ? Node(.scalar(Scalar(text: reference, kind: .string)), tag: "!GetAtt") : Node(
                        .scalar(Scalar(text: reference, kind: .string)), tag: "!Ref")
                }
                return name
            }
            func isOutside(_ name: String) -> Bool {
                !name.hasPrefix("AWS::") && !members.contains(name) && (parentParameters.contains(name) || chunkOf[name] == nil)
            }
            func rewrite(_ node: Node) -> Node {
                switch node.tag {
                case "!Ref":
                    if let name = node.text, isOutside(name) { return Node(.scalar(Scalar(text: parameter(for: name), kind: .string)), tag: "!Ref", mark: node.mark) }
                    return node
                case "!GetAtt":
                    let target = node.text ?? [node[0]?.text, node[1]?.text].compactMap({ $0 }).joined(separator: ".")
                    if let resource = target.split(separator: ".").first.map(String.init), isOutside(resource) {
                        return Node(.scalar(Scalar(text: parameter(for: target), kind: .string)), tag: "!Ref", mark: node.mark)
                    }
                    return node
                case "!Sub":
                    if node.isScalar, let text = node.text {
                        return Node(.scalar(Scalar(text: substituting(text), kind: .string)), tag: "!Sub", mark: node.mark)
                    }
                    if var items = node.sequence, let text = items.first?.text {
                        items[0] = .string(substituting(text))
                        return Node(.sequence(items), tag: "!Sub", mark: node.mark)
                    }
                    return node
                default:
                    break
                }
                switch node.content {
                case .scalar: return node
                case .sequence(let items): return Node(.sequence(items.map(rewrite)), tag: node.tag, mark: node.mark)
                case .mapping(let fields):
                    var out = Mapping()
                    for (key, value) in fields.entries { out.append(key: key, value: rewrite(value)) }
                    return Node(.mapping(out), tag: node.tag, mark: node.mark)
                }
            }
            /// `${Api}` and `${Api.RootResourceId}` in a `!Sub` made the child's parameters.
            func substituting(_ text: String) -> String {
                IntrinsicFunctions.replacingSubstitutions(in: text) { variable in
                    let resource = String(variable.split(separator: ".").first ?? "")
                    return "${" + (isOutside(resource) ? parameter(for: variable) : variable) + "}"
                }
            }

            var childResources = Mapping()
            for (key, value) in resources.entries {
                guard let id = key.text, members.contains(id) else { continue }
                var resource = rewrite(value)
                if let depends = value["DependsOn"] {
                    let names = depends.sequence?.compactMap(\.text) ?? [depends.text].compactMap { $0 }
                    let inside = names.filter { members.contains($0) }
                    dependsOn += names.filter { !members.contains($0) && !dependsOn.contains($0) }
                    if var fields = resource.mapping {
                        fields["DependsOn"] = inside.isEmpty ? nil : .sequence(inside.map { .string($0) })
                        resource = .mapping(fields)
                    }
                }
                childResources.append(key: key, value: resource)
            }
            var parameters = Mapping()
            for name in passed.keys.compactMap(\.text) {
                parameters.append(key: .string(name), value: ["Type": "String"])
            }
            let paths = plan.resources.filter { members.contains(ids.resource($0.path)) && !members.contains(ids.resource($0.parentPath ?? "/")) }
                .map(\.path)
            let shown = paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? " and \(paths.count - 3) more" : "")
            var child = Mapping()
            child.append(key: "AWSTemplateFormatVersion", value: "2010-09-09")
            child.append(
                key: "Description",
                value: .string(CloudFormationRenderer.truncated("Part \(index + 1) of \(chunks.count) of the API's paths: \(shown) and what is below them")))
            child.append(key: "Parameters", value: .mapping(parameters))
            child.append(key: "Resources", value: .mapping(childResources))
            children.append(.mapping(child))

            var stack = Mapping()
            stack.append(key: "Type", value: "AWS::CloudFormation::Stack")
            if !dependsOn.isEmpty { stack.append(key: "DependsOn", value: .sequence(dependsOn.map { .string($0) })) }
            stack.append(key: "Properties", value: ["TemplateURL": .string(childFile(index + 1)), "Parameters": .mapping(passed)])
            stacks.append(.mapping(stack))
        }

        var parentResources = Mapping()
        var placed: Set<Int> = []
        for (key, value) in resources.entries {
            let id = key.text ?? ""
            if let chunk = chunkOf[id] {
                if placed.insert(chunk).inserted { parentResources.append(key: .string(stackIDs[chunk]), value: stacks[chunk]) }
                continue
            }
            guard let depends = value["DependsOn"]?.sequence, depends.contains(where: { chunkOf[$0.text ?? ""] != nil }) else {
                parentResources.append(key: key, value: value)
                continue
            }
            // The deployment waits for every child, as it waited for every method.
            var names: [String] = []
            for name in depends.compactMap(\.text) {
                let replaced = chunkOf[name].map { stackIDs[$0] } ?? name
                if !names.contains(replaced) { names.append(replaced) }
            }
            var fields = value.mapping ?? Mapping()
            fields["DependsOn"] = .sequence(names.map { .string($0) })
            parentResources.append(key: key, value: .mapping(fields))
        }
        guard parentResources.count <= limit else { return nil }
        var parent = template.mapping ?? Mapping()
        parent["Resources"] = .mapping(parentResources)
        return SplitTemplate(parent: .mapping(parent), children: children)
    }
}

extension CloudFormationRenderer {
    /// A resource-by-resource template (`render(_:)` in the `resources` style) split into
    /// a parent and child stacks of at most `limit` resources each; `childFile(n)` is the
    /// name of child `n` (from 1) as the parent's `TemplateURL` gives it, beside the parent.
    /// `nil` when the API cannot be split so (the parent alone would be over the limit), and
    /// for an HTTP API, whose routes hang from no path tree.
    public static func split(
        _ template: Node, of plan: GatewayPlan, limit: Int = maxResources, childFile: (Int) -> String
    ) -> SplitTemplate? {
        guard plan.kind == .rest else { return nil }
        return StackSplit.split(template, plan: plan, limit: limit, childFile: childFile)
    }
}

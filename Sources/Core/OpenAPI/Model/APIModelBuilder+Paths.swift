import Diagnostics
import YAML

/// `paths`: the resource tree and the checks on path segments.
extension APIModelBuilder {
    mutating func readPaths(_ document: Mapping, file: String, start: SourceLocation) {
        guard let pathsEntry = entry(document, "paths") else {
            report(.warning(ModelCheck.emptyPaths, Self.emptyPathsMessage, at: start))
            return
        }
        let keyLocation = location(pathsEntry.key, file)
        drafts[0].location = keyLocation
        guard let paths = mapping(pathsEntry.value, "paths", file) else { return }
        if !paths.keys.contains(where: { $0.text?.hasPrefix("x-") == false }) {
            report(.warning(ModelCheck.emptyPaths, Self.emptyPathsMessage, at: keyLocation))
        }
        for (key, value) in paths.entries {
            guard let text = key.text, !text.hasPrefix("x-") else { continue }
            guard text.hasPrefix("/") else {
                report(
                    .error(
                        ModelCheck.pathWithoutSlash, "path \"\(text)\" does not start with \"/\"; write it as \"/\(text)\"",
                        at: location(key, file)))
                continue
            }
            readPathItem(PathTemplate(text), value: value, keyLocation: location(key, file), file: file)
        }
    }

    static let emptyPathsMessage =
        "the spec has no paths, so API Gateway would create an API without methods; add at least one path"

    mutating func readPathItem(_ template: PathTemplate, value: Node, keyLocation: SourceLocation, file: String) {
        guard checkSegments(of: template, at: keyLocation) else { return }
        let index = insertResource(template, at: keyLocation)
        guard let (itemNode, itemFile) = resolve(value, file),
            let item = mapping(itemNode, "path item \(template.text)", itemFile)
        else { return }
        drafts[index].extensions += gatewayExtensions(of: item, file: itemFile)

        let context = "path item \(template.text)"
        let shared = readParameters(item["parameters"], origin: .pathItem, context: context, file: itemFile)
        checkParameters(shared, of: template, context: context)

        for (key, value) in item.entries {
            guard let name = key.text else { continue }
            switch name {
            case "$ref", "summary", "description", "servers", "parameters":
                continue
            default:
                break
            }
            if let method = HTTPMethod(pathItemKey: name) {
                guard
                    let operation = readOperation(
                        method, value: value, keyLocation: location(key, itemFile), template: template,
                        resourcePath: drafts[index].path, shared: shared, file: itemFile)
                else { continue }
                // A second path item for the same resource (`/p/` after `/p`) is already an
                // error; its methods that clash are left out rather than listed twice.
                if !drafts[index].operations.contains(where: { $0.method == method }) {
                    drafts[index].operations.append(operation)
                }
            } else if name == "additionalOperations", let extra = value.mapping {
                for (extraKey, _) in extra.entries {
                    reportUnsupportedMethod(extraKey.text ?? "", template: template, at: location(extraKey, itemFile))
                }
            } else if !name.hasPrefix("x-") {
                reportUnsupportedMethod(name, template: template, at: location(key, itemFile))
            }
        }
    }

    mutating func reportUnsupportedMethod(_ name: String, template: PathTemplate, at place: SourceLocation) {
        if let known = HTTPMethod(pathItemKey: name.lowercased()), known != .any {
            report(
                .warning(
                    ModelCheck.unsupportedMethod,
                    "\"\(name)\" in path item \(template.text) is not an OpenAPI method key and is dropped; write it in lower case as \"\(known.pathItemKey)\"",
                    at: place))
            return
        }
        let verb = name.uppercased()
        report(
            .warning(
                ModelCheck.unsupportedMethod,
                "\(verb) \(template.text) is dropped: API Gateway has no \(verb) method; remove it or serve it with GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS or x-amazon-apigateway-any-method",
                at: place))
    }

    /// Reports every segment API Gateway would refuse. Returns false when the path cannot
    /// become resources at all (an empty segment), true otherwise, even with errors, so
    /// the tree still shows the path and its operations are still checked.
    mutating func checkSegments(of template: PathTemplate, at place: SourceLocation) -> Bool {
        let allowed = "letters, digits and . _ - , :"
        for (position, segment) in template.segments.enumerated() {
            if segment.isEmpty {
                report(
                    .error(
                        ModelCheck.invalidSegment,
                        "path \(template.text) has an empty segment; remove the doubled \"/\"", at: place))
                return false
            }
            switch PathTemplate.kind(of: segment) {
            case .literal, .root:
                if segment.contains("{") || segment.contains("}") {
                    report(
                        .error(
                            ModelCheck.partialVariable,
                            "path segment \"\(segment)\" in \(template.text) is not a whole-segment variable; API Gateway accepts {name} or {name+} only as a complete segment, so give the variable a segment of its own or remove the braces",
                            at: place))
                } else {
                    let bad = PathTemplate.disallowedCharacters(in: Substring(segment))
                    if !bad.isEmpty {
                        report(
                            .error(
                                ModelCheck.invalidSegment,
                                "path segment \"\(segment)\" in \(template.text) has characters API Gateway does not allow (\(Self.quoted(bad))); use only \(allowed)",
                                at: place))
                    }
                }
            case .variable, .greedyVariable:
                let isGreedy = PathTemplate.kind(of: segment) == .greedyVariable
                let name = segment.dropFirst().dropLast(isGreedy ? 2 : 1)
                let bad = PathTemplate.disallowedCharacters(in: name)
                if !bad.isEmpty {
                    report(
                        .error(
                            ModelCheck.invalidSegment,
                            "variable name \"\(name)\" in \(template.text) has characters API Gateway does not allow (\(Self.quoted(bad))); use only \(allowed)",
                            at: place))
                }
                if isGreedy, position != template.segments.count - 1 {
                    report(
                        .error(
                            ModelCheck.greedyNotLast,
                            "greedy variable \(segment) in \(template.text) is not the last segment; API Gateway needs {name+} to end the path, so remove the segments after it or make it {\(name)}",
                            at: place))
                }
            }
        }
        return true
    }

    static func quoted(_ characters: [Unicode.Scalar]) -> String {
        characters.map { "\"\($0.escaped(asASCII: false))\"" }.joined(separator: ", ")
    }

    /// Finds or adds the resources of every segment and returns the last one's index.
    ///
    /// API Gateway allows one variable child per resource and one resource per path, so a
    /// second variable name under the same parent, or a second key for the same resource,
    /// is reported here, where the tree grows.
    mutating func insertResource(_ template: PathTemplate, at place: SourceLocation) -> Int {
        var current = 0
        for segment in template.segments {
            if let child = drafts[current].children[segment] {
                current = child
                continue
            }
            let kind = PathTemplate.kind(of: segment)
            let path = (current == 0 ? "" : drafts[current].path) + "/" + segment
            let isVariable = kind == .variable || kind == .greedyVariable
            if isVariable, let other = drafts[current].variableChild {
                let first = drafts[other]
                report(
                    .error(
                        ModelCheck.conflictingVariables,
                        "\(path) uses the variable \(segment) where \(first.path) uses \(first.pathPart); API Gateway allows one variable per level, so rename one of them to match the other",
                        at: place, notes: [.init("\(first.pathPart) is first used here", at: first.location)]))
            }
            drafts.append(ResourceDraft(path: path, pathPart: segment, kind: kind, location: place))
            let index = drafts.count - 1
            drafts[current].children[segment] = index
            if isVariable, drafts[current].variableChild == nil { drafts[current].variableChild = index }
            current = index
        }
        if let previous = drafts[current].specPaths.first {
            report(
                .error(
                    ModelCheck.trailingSlashDuplicate,
                    "paths \(previous.text) and \(template.text) are the same API Gateway resource \(drafts[current].path); merge them into one path item without the trailing \"/\"",
                    at: place, notes: [.init("\(previous.text) is defined here", at: previous.location)]))
        } else {
            // A resource is located at the key that names it, not at a deeper path that
            // happened to come first.
            drafts[current].location = place
        }
        drafts[current].specPaths.append((template.text, place))
        return current
    }
}

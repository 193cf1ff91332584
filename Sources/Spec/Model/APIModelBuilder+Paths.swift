import Diagnostics
import YAML
import Plan
import Support

/// `paths`: the resource tree and the checks on path segments.
extension APIModelBuilder {
    mutating func readPaths(_ document: Mapping, file: String, start: SourceLocation) {
        guard let pathsEntry = entry(document, "paths") else {
            report(.error(ModelCheck.emptyPaths, Self.emptyPathsMessage, at: start))
            return
        }
        let keyLocation = location(pathsEntry.key, file)
        drafts[0].location = keyLocation
        guard let paths = mapping(pathsEntry.value, "paths", file) else { return }
        if !paths.keys.contains(where: { $0.text?.hasPrefix("x-") == false }) {
            report(.error(ModelCheck.emptyPaths, Self.emptyPathsMessage, at: keyLocation))
            return
        }
        // Grown once rather than doubling through a large spec's operations: a path item
        // holds two or three.
        firstOperationIds.reserveCapacity(3 * paths.count)
        // The path items are placed in the resource tree one after another, their operations
        // read on every worker (the larger part of the model's time, and independent of one
        // another), then added to their resources and checked across the spec in order.
        var items: [PathItemRead] = []
        items.reserveCapacity(paths.count)
        for (key, value) in paths.entries {
            guard let text = key.text, !text.hasPrefix("x-") else { continue }
            if let function = IntrinsicFunctions.functionText(value) {
                // SAM templates choose a path item by a stack condition (`Fn::If`), which only
                // the deployment decides; counted as a path with operations, so GW015 does
                // not hide this behind "no operations".
                pathItemsWithOperations += 1
                report(
                    .error(
                        ModelCheck.functionPathItem,
                        "path \(text) is a CloudFormation function (\(function.split(separator: " ").first ?? "")), which only the deployment resolves; "
                            + "write the path item the API should have (one branch of the condition) in the spec (\(Diagnostic.repairCannotFix))",
                        at: location(key, file)))
                continue
            }
            // A path item behind a `$ref` is counted as having operations; it is checked
            // where it is read.
            if Self.mayHoldOperations(value) {
                pathItemsWithOperations += 1
            }
            // An HTTP API's catch-all route, as SAM (`$default`) and the import (`/$default`)
            // write it: the resource `/$default`, which the planner makes the `$default` route of
            // an HTTP API and refuses for a REST API, which has none.
            if text == GatewayPlan.defaultRoutePath || text == GatewayPlan.defaultRouteDocumentPath {
                let forms: [SegmentForm] = [.literal(GatewayPlan.defaultRoutePath)]
                if let item = placePathItem(
                    PathTemplate(GatewayPlan.defaultRouteDocumentPath), value: value, keyLocation: location(key, file), file: file, forms: forms)
                {
                    items.append(item)
                }
                continue
            }
            guard text.hasPrefix("/") else {
                report(
                    .error(
                        ModelCheck.pathWithoutSlash,
                        "path \"\(text)\" does not start with \"/\"; write it as \"/\(text)\" (\(Diagnostic.repairCannotFix))",
                        at: location(key, file)))
                continue
            }
            let (path, rest) = PathTemplate.splitQuery(text)
            if let rest { reportQuery(rest, in: text, at: location(key, file)) }
            if let item = placePathItem(PathTemplate(path), value: value, keyLocation: location(key, file), file: file) {
                items.append(item)
            }
        }
        let base = self.forOperations()
        var slices = Batches.run(count: items.count, workers: items.count >= Self.itemsWorthAWorker ? workers : 1) {
            [items] range in
            var reader = base
            let operations = range.map { reader.readOperations(of: items[$0]) }
            return (operations: operations, diagnostics: reader.diagnostics, operationIds: reader.operationIdUses)
        }
        var itemIndex = 0
        for s in slices.indices {
            for diagnostic in slices[s].diagnostics { report(diagnostic) }
            for use in slices[s].operationIds { checkOperationId(use) }
            for k in slices[s].operations.indices {
                let index = items[itemIndex].resource
                itemIndex += 1
                if drafts[index].operations.isEmpty {
                    // Moved, not copied: a large spec has tens of thousands of operations.
                    swap(&drafts[index].operations, &slices[s].operations[k])
                    continue
                }
                for operation in slices[s].operations[k] {
                    // A second path item for the same resource (`/p/` after `/p`) is already an
                    // error; its methods that clash are left out rather than listed twice.
                    if !drafts[index].operations.contains(where: { $0.method == operation.method }) {
                        drafts[index].operations.append(operation)
                    }
                }
            }
        }
        if pathItemsWithOperations == 0 {
            // CloudFormation cannot create a deployment of an API without methods.
            report(
                .error(
                    ModelCheck.emptyPaths,
                    "the spec's paths have no operations (get, put, post, delete, options, head, patch or x-amazon-apigateway-any-method), so API Gateway would create an API without methods, which cannot be deployed; add at least one operation (\(Diagnostic.repairCannotFix))",
                    at: keyLocation))
        }
    }

    /// Whether a path item has a method key (`get:`, `x-amazon-apigateway-any-method:`) or is
    /// a `$ref`, read in place: this runs for every path item of the spec.
    static func mayHoldOperations(_ value: Node) -> Bool {
        guard case .mapping(let item) = value.content else { return false }
        return item.withInterleavedEntries { entries in
            var hasReference = false
            var hasMethod = false
            var i = 0
            while i < entries.count {
                if case .scalar(let key) = entries[i].content {
                    if key.text == "$ref" { hasReference = true }
                    if HTTPMethod(pathItemKey: key.text) != nil { hasMethod = true }
                }
                i += 2
            }
            return hasReference || hasMethod
        }
    }

    static let emptyPathsMessage =
        "the spec has no paths, so API Gateway would create an API without methods, which cannot be deployed; add at least one path with an operation (\(Diagnostic.repairCannotFix))"

    /// A query string or fragment in a key: API Gateway matches the path alone, and a
    /// client never sends a fragment, so neither can be part of a resource.
    mutating func reportQuery(_ rest: String, in key: String, at place: SourceLocation) {
        let message =
            rest.hasPrefix("?")
            ? "path \(key) holds a query string (\"\(rest)\"); API Gateway matches paths only, so remove it from the key and declare its values as parameters with in: query (\(Diagnostic.repairCannotFix))"
            : "path \(key) holds a fragment (\"\(rest)\"), which clients never send; remove it from the key (\(Diagnostic.repairCannotFix))"
        report(.error(ModelCheck.queryInPath, message, at: place))
    }

    /// Path items in a spec with fewer than this many are read on one thread: a worker
    /// costs more to start than it saves on a small spec.
    static let itemsWorthAWorker = 128

    /// A path item placed in the resource tree, with what its operations need.
    struct PathItemRead: Sendable {
        var resource: Int
        var resourcePath: String
        var repairs: [VariableRepair]
        var template: PathTemplate
        var item: Mapping
        var file: String
        var shared: [Parameter]
    }

    /// Places a path item in the resource tree and reads what its operations share: the
    /// part of a path item that depends on the path items before it.
    mutating func placePathItem(
        _ template: PathTemplate, value: Node, keyLocation: SourceLocation, file: String, forms given: [SegmentForm]? = nil
    ) -> PathItemRead? {
        guard let forms = given ?? checkSegments(of: template, at: keyLocation) else { return nil }
        let (index, repairs) = insertResource(template, forms: forms, at: keyLocation)
        guard let (item, itemFile) = resolvedMapping(value, "path item \(template.text)", file) else { return nil }
        drafts[index].extensions += gatewayExtensions(of: item, file: itemFile)

        let context = "path item \(template.text)"
        let shared = readParameters(item["parameters"], origin: .pathItem, context: context, file: itemFile)
        checkParameters(shared, of: template, context: context)
        return PathItemRead(
            resource: index, resourcePath: drafts[index].path, repairs: repairs, template: template, item: item,
            file: itemFile, shared: shared)
    }

    /// A copy of the builder that reads operations on a worker: it reports into diagnostics
    /// of its own, which `readPaths` adds in order, and leaves the operationIds to be
    /// checked across the spec afterwards.
    func forOperations() -> APIModelBuilder {
        var copy = self
        copy.diagnostics = []
        copy.reported = []
        copy.firstOperationIds = [:]
        copy.operationIdUses = []
        return copy
    }

    /// The operations of a placed path item, in the order they are written.
    mutating func readOperations(of read: PathItemRead) -> [Operation] {
        var operations: [Operation] = []
        let template = read.template
        let itemFile = read.file
        // Entries read in place: copying each out cost a retain and a release per method.
        read.item.withInterleavedEntries { entries in
            var i = 0
            while i < entries.count {
                defer { i += 2 }
                guard let name = entries[i].text else { continue }
                switch name {
                case "$ref", "summary", "description", "servers", "parameters":
                    continue
                default:
                    break
                }
                if let method = HTTPMethod(pathItemKey: name) {
                    guard
                        var operation = readOperation(
                            method, value: entries[i + 1], keyLocation: location(entries[i], itemFile), template: template,
                            resourcePath: read.resourcePath, shared: read.shared, file: itemFile)
                    else { continue }
                    if !read.repairs.isEmpty { Self.apply(read.repairs, to: &operation) }
                    operations.append(operation)
                } else if name == "additionalOperations", let extra = entries[i + 1].mapping {
                    for (extraKey, _) in extra.entries {
                        reportUnsupportedMethod(extraKey.text ?? "", template: template, at: location(extraKey, itemFile))
                    }
                } else if !name.hasPrefix("x-") {
                    reportUnsupportedMethod(name, template: template, at: location(entries[i], itemFile))
                }
            }
        }
        return operations
    }

    /// The operation as API Gateway holds it after the repair: path parameters under the
    /// gateway's names, and one more parameter for each repeated variable, whose second
    /// value now travels under its own name.
    static func apply(_ repairs: [VariableRepair], to operation: inout Operation) {
        operation.variableRepairs = repairs
        var parameters: [Parameter] = []
        for var parameter in operation.parameters {
            if parameter.placement == .path,
                let repair = repairs.first(where: { !$0.isRepeat && $0.specName == parameter.name })
            {
                parameter.name = repair.gatewayName
            }
            parameters.append(parameter)
        }
        for repair in repairs where repair.isRepeat {
            guard let original = operation.parameters.first(where: { $0.placement == .path && $0.name == repair.specName })
            else { continue }
            var copy = original
            copy.name = repair.gatewayName
            parameters.append(copy)
        }
        operation.parameters = parameters
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

    /// One segment as the resource tree takes it.
    enum SegmentForm: Equatable {
        /// A fixed segment, or one kept as written because it cannot be a variable.
        case literal(String)
        /// A variable; `prefix` and `suffix` hold glued text the repair takes into it.
        case variable(name: String, isGreedy: Bool, prefix: String, suffix: String)
    }

    /// Reports every segment API Gateway would refuse and returns how each one enters the
    /// tree. Returns nil when the path cannot become resources at all (an empty segment);
    /// otherwise the forms, even with errors, so the tree still shows the path and its
    /// operations are still checked.
    mutating func checkSegments(of template: PathTemplate, at place: SourceLocation) -> [SegmentForm]? {
        let allowed = "letters, digits and . _ - , :"
        var forms: [SegmentForm] = []
        for (position, segment) in template.segments.enumerated() {
            if segment.isEmpty {
                report(
                    .error(
                        ModelCheck.invalidSegment,
                        "path \(template.text) has an empty segment; remove the doubled \"/\" (\(Diagnostic.repairCannotFix))",
                        at: place))
                return nil
            }
            // Built only for a message: most segments are fine, and this runs for every one.
            func wholeSegment() -> String {
                "path segment \"\(segment)\" in \(template.text) is not a whole-segment variable; API Gateway accepts {name} or {name+} only as a complete segment, so give the variable a segment of its own or remove the braces"
            }
            switch PathTemplate.shape(of: segment) {
            case .literal:
                let bad = PathTemplate.disallowedCharacters(in: Substring(segment))
                if !bad.isEmpty {
                    report(
                        .error(
                            ModelCheck.invalidSegment,
                            "path segment \"\(segment)\" in \(template.text) has characters API Gateway does not allow (\(Self.quoted(bad))); use only \(allowed) (\(Diagnostic.repairCannotFix): clients call the path as written)",
                            at: place))
                }
                forms.append(.literal(segment))
            case .variable(let name, let isGreedy):
                let bad = PathTemplate.disallowedCharacters(in: Substring(name))
                if !bad.isEmpty {
                    report(
                        .error(
                            ModelCheck.invalidSegment,
                            "variable name \"\(name)\" in \(template.text) has characters API Gateway does not allow (\(Self.quoted(bad))); use only \(allowed) (\(Diagnostic.repairCannotFix))",
                            at: place))
                }
                if isGreedy, position != template.segments.count - 1 {
                    report(
                        .error(
                            ModelCheck.greedyNotLast,
                            "greedy variable \(segment) in \(template.text) is not the last segment; API Gateway needs {name+} to end the path, so remove the segments after it or make it {\(name)} (\(Diagnostic.repairCannotFix))",
                            at: place))
                }
                forms.append(.variable(name: name, isGreedy: isGreedy, prefix: "", suffix: ""))
            case .glued(let prefix, let name, let suffix):
                let bad = PathTemplate.disallowedCharacters(in: Substring(prefix + name + suffix))
                if !bad.isEmpty {
                    report(
                        .error(
                            ModelCheck.invalidSegment,
                            "path segment \"\(segment)\" in \(template.text) has characters API Gateway does not allow (\(Self.quoted(bad))); use only \(allowed) (\(Diagnostic.repairCannotFix))",
                            at: place))
                    report(.error(ModelCheck.partialVariable, wholeSegment() + " (\(Diagnostic.repairCannotFix) until the characters are)", at: place))
                    forms.append(.literal(segment))
                } else if repairsPaths {
                    forms.append(.variable(name: name, isGreedy: false, prefix: prefix, suffix: suffix))
                } else {
                    let glued = [prefix.isEmpty ? nil : "the \"\(prefix)\" prefix", suffix.isEmpty ? nil : "the \"\(suffix)\" suffix"]
                        .compactMap { $0 }.joined(separator: " and ")
                    report(
                        .error(
                            ModelCheck.partialVariable,
                            wholeSegment() + " (--repair can make the whole segment the variable {\(name)}; the backend then strips \(glued))",
                            at: place))
                    forms.append(.literal(segment))
                }
            case .malformed:
                report(
                    .error(
                        ModelCheck.partialVariable,
                        wholeSegment() + " (\(Diagnostic.repairCannotFix): only one plain {name} with text around it can become a whole segment)",
                        at: place))
                forms.append(.literal(segment))
            }
        }
        return forms
    }

    static func quoted(_ characters: [Unicode.Scalar]) -> String {
        characters.map { "\"\($0.escaped(asASCII: false))\"" }.joined(separator: ", ")
    }

    /// The variable name and greediness of a draft that is a variable.
    func variable(of draft: ResourceDraft) -> (name: String, isGreedy: Bool)? {
        guard case .variable(let name, let isGreedy) = PathTemplate.shape(of: draft.pathPart) else { return nil }
        return (name, isGreedy)
    }

    /// What one key's walk down the tree has seen so far.
    struct PathWalk {
        /// The key's variable names as the spec writes them, in order.
        let specNames: [String]
        /// The names given so far, in the gateway's tree.
        var gatewayNames: [String] = []
        /// The names the integration receives the values under so far.
        var integrationNames: [String] = []
        var repairs: [VariableRepair] = []
        /// The notes of the repair, waiting for the gateway path, which is only known at the
        /// end of the walk, and for the check that the key does not collide with another.
        var notes: [(code: DiagnosticCode, message: (_ gatewayPath: String) -> String, notes: [Diagnostic.Note])] = []
        var hasReportedRepeat = false
        /// Whether a clash was reported that the repair cannot fix; the key is then not
        /// reported as repaired.
        var hasError = false

        /// Whether `name` appeared earlier in this key than the variable being placed.
        func isRepeat(_ name: String) -> Bool {
            specNames.prefix(gatewayNames.count).contains(name)
        }
    }

    /// Finds or adds the resources of every segment and returns the last one's index, with
    /// the variables the repair changed on the way.
    ///
    /// API Gateway allows one variable child per resource, one name per variable along a
    /// path and one resource per path, so a second variable name under the same parent, a
    /// repeated name, or a second key for the same resource is reported here, where the tree
    /// grows. With `--repair` the first two become notes: a variable takes the name of the
    /// variable already under its parent (the first in document order), and a repeated
    /// name the first free `name2`, `name3`.
    mutating func insertResource(
        _ template: PathTemplate, forms: [SegmentForm], at place: SourceLocation
    ) -> (index: Int, repairs: [VariableRepair]) {
        var current = 0
        var walk = PathWalk(
            specNames: forms.compactMap { form in
                if case .variable(let name, _, _, _) = form { return name }
                return nil
            })
        for form in forms {
            let segment: String
            switch form {
            case .literal(let text):
                segment = text
            case .variable(let name, let isGreedy, let prefix, let suffix):
                let isRepeat = walk.isRepeat(name)
                let gatewayName = gatewayName(
                    for: name, isGreedy: isGreedy, under: current, walk: &walk, template: template, at: place)
                walk.gatewayNames.append(gatewayName)
                // A repeat's value needs an integration name no other variable of the key has.
                var integrationName = name
                if isRepeat {
                    let taken = walk.specNames + walk.integrationNames
                    integrationName =
                        taken.contains(gatewayName)
                        ? Self.freeName(name, avoiding: taken + walk.gatewayNames) : gatewayName
                }
                walk.integrationNames.append(integrationName)
                if !prefix.isEmpty || !suffix.isEmpty {
                    let glued = [prefix.isEmpty ? nil : "\"\(prefix)\" prefix", suffix.isEmpty ? nil : "\"\(suffix)\" suffix"]
                        .compactMap { $0 }.joined(separator: " and the ")
                    walk.notes.append(
                        (
                            ModelCheck.repairedGlue,
                            {
                                "--repair makes \"\(prefix){\(name)}\(suffix)\" in \(template.text) the whole-segment variable {\(gatewayName)}: it now receives the whole segment, and API Gateway no longer checks the \(glued), so a backend that reads \(name) must strip it and may get requests without it; the gateway path is \($0)"
                            }, []
                        ))
                }
                if repairsPaths, gatewayName != name || !prefix.isEmpty || !suffix.isEmpty || isRepeat {
                    walk.repairs.append(
                        VariableRepair(
                            specName: name, gatewayName: gatewayName, prefix: prefix, suffix: suffix, isRepeat: isRepeat,
                            integrationName: integrationName))
                }
                segment = Self.part(gatewayName, isGreedy)
            }
            if let child = drafts[current].children[segment] {
                current = child
                continue
            }
            let kind = PathTemplate.kind(of: segment)
            let path = (current == 0 ? "" : drafts[current].path) + "/" + segment
            drafts.append(ResourceDraft(path: path, pathPart: segment, kind: kind, location: place))
            let index = drafts.count - 1
            drafts[current].children[segment] = index
            if kind == .variable || kind == .greedyVariable, drafts[current].variableChild == nil {
                drafts[current].variableChild = index
            }
            current = index
        }
        if let previous = drafts[current].specPaths.first, previous.text == template.text {
            // Only keys that differ in a query string or fragment read the same here, and
            // each of those is already reported.
        } else if let previous = drafts[current].specPaths.first {
            let message =
                PathTemplate(previous.text).resourcePath == template.resourcePath
                ? "paths \(previous.text) and \(template.text) are the same API Gateway resource \(drafts[current].path); merge them into one path item without the trailing \"/\""
                : "paths \(previous.text) and \(template.text) would both be the API Gateway resource \(drafts[current].path) after --repair, which cannot merge them; give them paths that differ in more than a variable's name or glued text"
            report(
                .error(
                    ModelCheck.trailingSlashDuplicate, message,
                    at: place, notes: [.init("\(previous.text) is defined here", at: previous.location)]))
        } else {
            // A resource is located at the key that names it, not at a deeper path that
            // happened to come first.
            drafts[current].location = place
        }
        if drafts[current].specPaths.isEmpty, !walk.hasError {
            for note in walk.notes {
                report(.note(note.code, note.message(drafts[current].path), at: place, notes: note.notes))
            }
            if !walk.repairs.isEmpty {
                pathRepairs.append(
                    PathRepair(specPath: template.text, gatewayPath: drafts[current].path, variables: walk.repairs, location: place))
            }
        }
        drafts[current].specPaths.append((template.text, place))
        return (current, walk.repairs)
    }

    /// The name the variable `name` of `template` gets under the resource at `parent`: its
    /// own, or with `--repair` the name its parent's variable already has, or a free one when
    /// the path already uses it. Without `--repair` each clash is reported instead.
    mutating func gatewayName(
        for name: String, isGreedy: Bool, under parent: Int, walk: inout PathWalk, template: PathTemplate,
        at place: SourceLocation
    ) -> String {
        let isRepeat = walk.isRepeat(name)
        guard let other = drafts[parent].variableChild, let sibling = variable(of: drafts[other]) else {
            guard walk.gatewayNames.contains(name) || isRepeat else { return name }
            if repairsPaths {
                let free = Self.freeName(name, avoiding: walk.gatewayNames + walk.specNames + walk.integrationNames)
                let why =
                    isRepeat
                    ? "since API Gateway takes each name once in a path; the backend receives both values"
                    : "since the gateway path already uses {\(name)}"
                walk.notes.append(
                    (
                        ModelCheck.repairedRepeat,
                        {
                            "--repair renames \(isRepeat ? "the second " : ""){\(name)} in \(template.text) to {\(free)}, \(why); the gateway path is \($0)"
                        }, []
                    ))
                return free
            }
            if !walk.hasReportedRepeat {
                walk.hasReportedRepeat = true
                reportRepeat(name, in: template, allSpecNames: walk.specNames, at: place)
            }
            return name
        }
        let first = drafts[other]
        let parentPath = drafts[parent].path
        let part = Self.part(name, isGreedy)
        let path = (parent == 0 ? "" : parentPath) + "/" + part
        // Reported where a second name first appears, once however many paths run through it.
        let isNewChild = drafts[parent].children[part] == nil
        let firstHere = [Diagnostic.Note("\(first.pathPart) is first used here", at: first.location)]
        if sibling.isGreedy != isGreedy {
            // They match different requests, so one name cannot serve both.
            walk.hasError = true
            if isNewChild {
                report(
                    .error(
                        ModelCheck.conflictingVariables,
                        "\(path) uses the variable \(part) where \(first.path) uses \(first.pathPart); API Gateway allows one variable per level, so rename one of them to match the other (\(Diagnostic.repairCannotFix): a greedy and a plain variable cannot share a level)",
                        at: place, notes: firstHere))
            }
            return name
        }
        if repairsPaths {
            if sibling.name != name {
                walk.notes.append(
                    (
                        ModelCheck.repairedConflict,
                        {
                            "--repair renames {\(name)} in \(template.text) to {\(sibling.name)}, the name \(first.path) gives the variable under \(parentPath) (the first path with one, in document order); the gateway path is \($0)"
                        }, firstHere
                    ))
            }
            return sibling.name
        }
        if sibling.name != name, isNewChild {
            report(
                .error(
                    ModelCheck.conflictingVariables,
                    "\(path) uses the variable \(part) where \(first.path) uses \(first.pathPart); API Gateway allows one variable per level, so rename one of them to match the other (--repair can name it \(first.pathPart) and map it back to \(name) for the backend)",
                    at: place, notes: firstHere))
        }
        if isRepeat, !walk.hasReportedRepeat {
            walk.hasReportedRepeat = true
            reportRepeat(name, in: template, allSpecNames: walk.specNames, at: place)
        }
        return name
    }

    /// The error for a variable name used twice in one key, with the name `--repair` would give.
    mutating func reportRepeat(_ name: String, in template: PathTemplate, allSpecNames: [String], at place: SourceLocation) {
        report(
            .error(
                ModelCheck.repeatedVariable,
                "path \(template.text) uses the variable {\(name)} twice; API Gateway takes each name once in a path, so rename the second (--repair can name it {\(Self.freeName(name, avoiding: allSpecNames))} and pass both values to the backend)",
                at: place))
    }

    /// `{name}` or `{name+}`.
    static func part(_ name: String, _ isGreedy: Bool) -> String {
        "{\(name)\(isGreedy ? "+" : "")}"
    }

    /// The first of `name2`, `name3`, … that is not in `taken`.
    static func freeName(_ name: String, avoiding taken: [String]) -> String {
        var number = 2
        while taken.contains("\(name)\(number)") { number += 1 }
        return "\(name)\(number)"
    }
}

import Diagnostics
import YAML
import Plan
import Support

/// Reads a loaded spec into an `APIModel` and runs the API Gateway pre-checks on the way.
///
/// The builder never stops at a problem: a value of the wrong type is reported and skipped,
/// and the rest of the document is still read, so one run shows every problem. Diagnostics
/// come back sorted by location (file, line, column), then in the order they were found.
public struct APIModelBuilder: Sendable {
    /// The resource tree while it grows: one draft per segment, parents found by index.
    struct ResourceDraft {
        var path: String
        var pathPart: String
        var kind: Resource.Kind
        /// Looked up by path part only; the final order is sorted, never this dictionary's.
        var children: [String: Int] = [:]
        /// The first variable child, to catch a second, differently named one.
        var variableChild: Int?
        var operations: [Operation] = []
        var extensions: [GatewayExtension] = []
        var specPaths: [(text: String, location: SourceLocation)] = []
        var location: SourceLocation
    }

    let spec: LoadedSpec
    var diagnostics: [Diagnostic] = []
    /// What has been reported, so a shared `$ref`'d parameter is reported once.
    var reported: Set<Diagnostic> = []
    var drafts: [ResourceDraft] = []
    var rootSecurity = Security(source: .none, requirements: [], location: nil)
    /// Where each operationId was first seen; looked up only.
    var firstOperationIds: [String: (label: String, location: SourceLocation)] = [:]
    /// The operationIds read and not yet checked against `firstOperationIds`, in order.
    var operationIdUses: [OperationIdUse] = []
    /// How many threads may read operations at once.
    var workers = 1
    /// Whether path problems with a safe fix are fixed (and noted) instead of reported as
    /// errors: `--repair`.
    let repairsPaths: Bool
    /// The keys changed by the repair, in document order.
    var pathRepairs: [PathRepair] = []
    /// How many path items hold a method key (`get:`, `x-amazon-apigateway-any-method:`),
    /// to tell an API without any operation.
    var pathItemsWithOperations = 0

    init(spec: LoadedSpec, repairsPaths: Bool = false) {
        self.spec = spec
        self.repairsPaths = repairsPaths
    }

    /// The model of `spec` and every problem found while reading it. With `repairingPaths`,
    /// variables API Gateway cannot hold as written are renamed or freed of glued text
    /// (each change a note) and the model is the API as the gateway will hold it.
    ///
    /// With more than one worker, a large spec's operations are read on that many threads;
    /// the model and diagnostics are the same whatever the number.
    public static func build(from spec: LoadedSpec, repairingPaths: Bool = false, workers: Int = 1) -> (APIModel, [Diagnostic]) {
        var builder = APIModelBuilder(spec: spec, repairsPaths: repairingPaths)
        builder.workers = workers
        let model = builder.readModel()
        var diagnostics = builder.sortedDiagnostics()
        if !repairingPaths, diagnostics.contains(where: { $0.message.contains(Self.repairCanHint) }) {
            diagnostics = checkedRepairHints(diagnostics, spec: spec)
        }
        return (model, diagnostics)
    }

    /// How a message offers the repair; see `checkedRepairHints`.
    static let repairCanHint = " (--repair can "

    /// `diagnostics` with each offer of `--repair` withdrawn where the repair would fail.
    ///
    /// A fix that is safe alone can clash with another key (`/a/{Sid}.json` and `/a/{Sid}.xml`
    /// both become `/a/{Sid}`), and only building the repaired tree shows it; that build runs
    /// only when there is an offer to check.
    static func checkedRepairHints(_ diagnostics: [Diagnostic], spec: LoadedSpec) -> [Diagnostic] {
        var repairing = APIModelBuilder(spec: spec, repairsPaths: true)
        _ = repairing.readModel()
        let failing = Set(repairing.diagnostics.filter { $0.severity == .error }.compactMap(\.location))
        return diagnostics.map { diagnostic in
            guard let location = diagnostic.location, failing.contains(location),
                let offer = diagnostic.message.firstRange(of: repairCanHint)
            else { return diagnostic }
            var withdrawn = diagnostic
            withdrawn.message =
                String(diagnostic.message[..<offer.lowerBound])
                + " (\(Diagnostic.repairCannotFix) one: the repaired path would clash with another, as convert --repair shows)"
            return withdrawn
        }
    }

    // MARK: - The document

    mutating func readModel() -> APIModel {
        let file = spec.entryFile
        let root = spec.entryRoot
        let start = location(root, file)
        drafts = [ResourceDraft(path: "/", pathPart: "", kind: .root, location: start)]
        var model = APIModel(
            openAPIVersion: nil, title: "", version: "", description: nil, servers: [], basePath: "/",
            root: Resource(path: "/", pathPart: "", kind: .root, location: start), security: nil,
            securitySchemes: [], extensions: [], location: start)
        guard let document = mapping(root, "the spec", file) else { return model }

        model.openAPIVersion = document["openapi"]?.text
        readInfo(document, into: &model, file: file, start: start)
        if let servers = document["servers"] {
            model.servers = readServers(servers, file: file)
        }
        model.basePath = model.servers.first.map { Server.basePath(ofURL: $0.resolvedURL) } ?? "/"
        if let components = document["components"], let map = mapping(components, "components", file),
            let schemes = map["securitySchemes"]
        {
            model.securitySchemes = readSecuritySchemes(schemes, file: file)
        }
        if let security = entry(document, "security") {
            let requirements = readSecurity(security.value, context: "the spec", file: file)
            model.security = requirements
            rootSecurity = Security(source: .root, requirements: requirements ?? [], location: location(security.key, file))
        }
        model.extensions = gatewayExtensions(of: document, file: file)
        if let webhooks = entry(document, "webhooks"), webhooks.value.mapping?.isEmpty != true, !webhooks.value.isNull {
            report(
                .warning(
                    ModelCheck.webhooksIgnored,
                    "webhooks are ignored by API Gateway, which only serves paths; move endpoints the API receives into paths, or remove webhooks",
                    at: location(webhooks.key, file)))
        }
        readPaths(document, file: file, start: start)
        model.root = finishedResource(0)
        model.pathRepairs = pathRepairs
        return model
    }

    /// `info`, its title and version. Each one missing is a warning, not an error: API
    /// Gateway needs only a name for the API, so the output gets a placeholder and says so.
    mutating func readInfo(_ document: Mapping, into model: inout APIModel, file: String, start: SourceLocation) {
        guard let infoEntry = entry(document, "info") else {
            model.title = APIModel.placeholderTitle
            model.version = APIModel.placeholderVersion
            report(
                .warning(
                    ModelCheck.infoPlaceholder,
                    "the spec has no info; the output names the API \"\(APIModel.placeholderTitle)\" with version "
                        + "\(APIModel.placeholderVersion), so add info with a title and a version",
                    at: start))
            return
        }
        guard let info = mapping(infoEntry.value, "info", file) else { return }
        if let title = info["title"], !title.isNull {
            if let function = IntrinsicFunctions.functionText(title) {
                // SAM templates name the API after the stack (`Fn::Sub: Api-${AWS::StackName}`):
                // a template resolves it, and an OpenAPI output refuses it where it writes it.
                model.title = function
            } else {
                model.title = string(title, "info.title", file) ?? ""
            }
        } else {
            model.title = APIModel.placeholderTitle
            report(
                .warning(
                    ModelCheck.infoPlaceholder,
                    "info has no title; the output names the API \"\(APIModel.placeholderTitle)\" in API Gateway, "
                        + "so add info.title",
                    at: location(infoEntry.key, file)))
        }
        if let version = info["version"], !version.isNull {
            // `version: 1.0` is a number in YAML; its text is what the author meant.
            if version.isScalar {
                model.version = version.text ?? ""
            } else {
                wrongType(version, "info.version", expected: "a string", file)
            }
        } else {
            model.version = APIModel.placeholderVersion
            report(
                .warning(
                    ModelCheck.infoPlaceholder,
                    "info has no version; the output writes version \(APIModel.placeholderVersion), which API Gateway "
                        + "does not read but OpenAPI requires, so add info.version",
                    at: location(infoEntry.key, file)))
        }
        if let description = info["description"] {
            model.description = string(description, "info.description", file)
        }
    }

    mutating func readServers(_ node: Node, file: String) -> [Server] {
        var list = node
        if node.mapping != nil {
            // One server written without the list around it; API Gateway reads it as such.
            report(
                .warning(
                    ModelCheck.serversNotList,
                    "servers is one server, not a list of them; the output writes it as a list, so put \"- \" before url",
                    at: location(node, file)))
            list = .sequence([node], mark: node.mark)
        }
        guard let items = sequence(list, "servers", file) else { return [] }
        var servers: [Server] = []
        for item in items {
            guard let (serverNode, serverFile) = resolve(item, file),
                let server = mapping(serverNode, "a server", serverFile)
            else { continue }
            guard let urlNode = server["url"] else {
                // API Gateway's import passes over it; nothing the output holds depends on it.
                report(
                    .warning(
                        ModelCheck.missingField, "a server has no url, so it is left out of the output; add url or remove the server",
                        at: location(serverNode, serverFile)))
                continue
            }
            guard let url = string(urlNode, "a server url", serverFile) else { continue }
            var resolved = url
            if let variablesNode = server["variables"], let variables = mapping(variablesNode, "server variables", serverFile) {
                for (key, value) in variables.entries {
                    guard let name = key.text, let defaultValue = value["default"]?.text else { continue }
                    resolved = resolved.replacing("{\(name)}", with: defaultValue)
                }
            }
            servers.append(
                Server(
                    url: url, resolvedURL: resolved,
                    description: server["description"].flatMap { string($0, "a server description", serverFile) },
                    extensions: gatewayExtensions(of: server, file: serverFile), location: location(serverNode, serverFile)))
        }
        return servers
    }

    mutating func readSecuritySchemes(_ node: Node, file: String) -> [SecurityScheme] {
        guard let schemes = mapping(node, "components.securitySchemes", file) else { return [] }
        var result: [SecurityScheme] = []
        for (key, value) in schemes.entries {
            guard let name = key.text, !name.hasPrefix("x-"),
                let (schemeNode, schemeFile) = resolve(value, file),
                let scheme = mapping(schemeNode, "security scheme \"\(name)\"", schemeFile)
            else { continue }
            let context = "security scheme \"\(name)\""
            result.append(
                SecurityScheme(
                    name: name,
                    type: scheme["type"].flatMap { string($0, "the \"type\" of \(context)", schemeFile) },
                    placement: scheme["in"].flatMap { string($0, "the \"in\" of \(context)", schemeFile) },
                    parameterName: scheme["name"].flatMap { string($0, "the \"name\" of \(context)", schemeFile) },
                    extensions: gatewayExtensions(of: scheme, file: schemeFile), location: location(key, file)))
        }
        return result
    }

    /// A `security` list; `nil` when it is not a list at all.
    mutating func readSecurity(_ node: Node, context: String, file: String) -> [SecurityRequirement]? {
        guard let items = sequence(node, "the security of \(context)", file) else { return nil }
        var requirements: [SecurityRequirement] = []
        for item in items {
            guard let requirement = mapping(item, "a security requirement of \(context)", file) else { continue }
            var schemes: [SecurityRequirement.Scheme] = []
            for (key, value) in requirement.entries {
                guard let name = key.text else { continue }
                var scopes: [String] = []
                if let list = sequence(value, "the scopes of \"\(name)\" in the security of \(context)", file) {
                    scopes = list.compactMap { string($0, "a scope of \"\(name)\"", file) }
                }
                schemes.append(SecurityRequirement.Scheme(name: name, scopes: scopes))
            }
            requirements.append(SecurityRequirement(schemes: schemes, location: location(item, file)))
        }
        return requirements
    }

    /// The `x-amazon-apigateway-*` entries of a mapping, in source order.
    ///
    /// Runs for every path item and operation, most of which have none: keys are read in
    /// place, and a key that does not start with the byte "x" (which nothing else is
    /// canonically equivalent to) is passed over before the full prefix test.
    func gatewayExtensions(of map: Mapping, file: String) -> [GatewayExtension] {
        map.withInterleavedEntries { entries in
            var found: [GatewayExtension] = []
            var i = 0
            while i < entries.count {
                defer { i += 2 }
                guard case .scalar(let key) = entries[i].content, key.text.utf8.first == UInt8(ascii: "x") else { continue }
                let name = key.text
                guard name.hasPrefix(GatewayExtension.prefix), name != HTTPMethod.any.pathItemKey else { continue }
                found.append(GatewayExtension(name: name, value: entries[i + 1], location: location(entries[i], file)))
            }
            return found
        }
    }

    // MARK: - Finishing

    /// The draft at `index` as a `Resource`, children sorted by path part (UTF-8 bytes) and
    /// operations by method.
    ///
    /// The draft's operations and paths are moved out, not copied: a large spec has tens of
    /// thousands of operations, and copying each one (then freeing the draft's copy) cost as
    /// much as reading it. The drafts are not used after this.
    mutating func finishedResource(_ index: Int) -> Resource {
        var operations: [Operation] = []
        swap(&operations, &drafts[index].operations)
        operations.sort { $0.method < $1.method }
        var extensions: [GatewayExtension] = []
        swap(&extensions, &drafts[index].extensions)
        // Child indexes, in the order their path parts sort; the dictionary's order never shows.
        let childIndexes = drafts[index].children.sorted { $0.key.utf8Precedes($1.key) }.map(\.value)
        var children: [Resource] = []
        children.reserveCapacity(childIndexes.count)
        for child in childIndexes { children.append(finishedResource(child)) }
        let draft = drafts[index]
        return Resource(
            path: draft.path, pathPart: draft.pathPart, kind: draft.kind, children: children,
            operations: operations, extensions: extensions,
            specPaths: draft.specPaths.map(\.text), location: draft.location)
    }

    /// Diagnostics by location; those without one first; ties keep the order of discovery.
    func sortedDiagnostics() -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

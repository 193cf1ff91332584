import Diagnostics
import YAML
import Plan

/// Operations, their parameters, request bodies and responses, and the checks on them.
extension APIModelBuilder {
    mutating func readOperation(
        _ method: HTTPMethod, value: Node, keyLocation: SourceLocation, template: PathTemplate, resourcePath: String,
        shared: [Parameter], file itemFile: String
    ) -> Operation? {
        let label = "\(method.rawValue) \(template.text)"
        // OpenAPI has no `$ref` for an operation, but split specs write one (`get: {$ref:
        // paths/get.yaml}`) and bundlers follow it, so the model does too, reading what the
        // operation refers to from its own file.
        guard let (map, file) = resolvedMapping(value, "the operation \(label)", itemFile) else { return nil }
        var operation = Operation(method: method, path: resourcePath, security: rootSecurity, location: keyLocation)
        let fields = Self.positions(of: Self.operationFields, in: map)
        func field(_ field: OperationField) -> Node? { fields[field.rawValue].map { map[valueAt: $0] } }
        func fieldEntry(_ field: OperationField) -> (key: Node, value: Node)? { fields[field.rawValue].map { map[position: $0] } }

        if let id = field(.operationId), let text = string(id, "the operationId of \(label)", file) {
            operation.operationId = text
            // Checked against the whole spec's once every operation is read.
            operationIdUses.append(OperationIdUse(text: text, label: label, location: location(id, file)))
        }
        operation.summary = field(.summary).flatMap { string($0, "the summary of \(label)", file) }
        operation.description = field(.description).flatMap { string($0, "the description of \(label)", file) }
        if let tags = field(.tags), let items = sequence(tags, "the tags of \(label)", file) {
            operation.tags = items.compactMap { string($0, "a tag of \(label)", file) }
        }

        let own = readParameters(field(.parameters), origin: .operation, context: label, file: file)
        checkParameters(own, of: template, context: label)
        operation.parameters = Self.merged(shared, own)
        // A path parameter its path does not have never gets a value, and OpenAPI refuses it:
        // left out (GW013 warned in `checkParameters`).
        if operation.parameters.contains(where: { $0.placement == .path && !template.variableNames.contains($0.name) }) {
            operation.parameters.removeAll { $0.placement == .path && !template.variableNames.contains($0.name) }
        }
        declareTemplateVariables(of: &operation, template: template, label: label)

        if let body = field(.requestBody) {
            operation.requestBody = readRequestBody(body, label: label, file: file)
        }
        if let responses = field(.responses) {
            operation.responses = readResponses(responses, label: label, file: file)
        }
        if let callbacks = fieldEntry(.callbacks), callbacks.value.mapping?.isEmpty != true {
            report(
                .warning(
                    ModelCheck.callbacksIgnored,
                    "callbacks of \(label) are ignored by API Gateway; send those requests from the backend, or remove callbacks",
                    at: location(callbacks.key, file)))
        }
        if let security = fieldEntry(.security),
            let requirements = readSecurity(security.value, context: label, file: file)
        {
            // An operation's own list wins even when empty: `security: []` opens it up.
            operation.security = Security(
                source: .operation, requirements: requirements, location: location(security.key, file))
        }
        operation.extensions = gatewayExtensions(of: map, file: file)
        return operation
    }

    /// An operationId as an operation gives it, for `checkOperationId`.
    struct OperationIdUse: Sendable {
        var text: String
        var label: String
        var location: SourceLocation
    }

    /// Reports an operationId an earlier operation already has.
    mutating func checkOperationId(_ use: OperationIdUse) {
        if let first = firstOperationIds[use.text] {
            report(
                .error(
                    ModelCheck.duplicateOperationId,
                    "operationId \"\(use.text)\" of \(use.label) is already used by \(first.label); operationIds must be unique, so rename one of them",
                    at: use.location, notes: [.init("\"\(use.text)\" is first used here", at: first.location)]))
        } else {
            firstOperationIds[use.text] = (use.label, use.location)
        }
    }

    /// The operation fields the model reads, in the order of `operationFields`.
    enum OperationField: Int {
        case operationId, summary, description, tags, parameters, requestBody, responses, callbacks, security
    }

    static let operationFields = [
        "operationId", "summary", "description", "tags", "parameters", "requestBody", "responses", "callbacks", "security",
    ]

    /// The parameter fields the model reads.
    static let parameterFields = ["name", "in", "required"]

    /// The response fields the model reads.
    static let responseFields = ["headers", "content", "links", "description"]

    /// Path item parameters, each replaced in place by an operation parameter with the same
    /// name and `in`, followed by the operation's other parameters.
    static func merged(_ shared: [Parameter], _ own: [Parameter]) -> [Parameter] {
        var result = shared
        for parameter in own {
            if let index = result.firstIndex(where: { $0.isSameParameter(as: parameter) }) {
                result[index] = parameter
            } else {
                result.append(parameter)
            }
        }
        return result
    }

    mutating func readParameters(_ node: Node?, origin: Parameter.Origin, context: String, file: String) -> [Parameter] {
        guard let node, let items = sequence(node, "the parameters of \(context)", file) else { return [] }
        var result: [Parameter] = []
        for item in items {
            let listed = location(item, file)
            guard let (definition, definitionFile) = resolve(item, file),
                let map = mapping(definition, "a parameter of \(context)", definitionFile)
            else { continue }
            let defined = location(definition, definitionFile)
            let fields = Self.positions(of: Self.parameterFields, in: map)
            guard let nameNode = fields[0].map({ map[valueAt: $0] }) else {
                report(.error(ModelCheck.missingField, "a parameter of \(context) has no name; add name", at: defined))
                continue
            }
            guard let name = string(nameNode, "the name of a parameter of \(context)", definitionFile) else { continue }
            guard let inNode = fields[1].map({ map[valueAt: $0] }) else {
                report(
                    .error(
                        ModelCheck.missingField,
                        "parameter \"\(name)\" of \(context) has no in; add in: path, query, header or cookie", at: defined))
                continue
            }
            guard let placementText = string(inNode, "the \"in\" of parameter \"\(name)\" of \(context)", definitionFile) else { continue }
            guard let placement = Parameter.Placement(rawValue: placementText) else {
                let hint = placementText == "body" || placementText == "formData" ? " (OpenAPI 3 sends a body as requestBody)" : ""
                report(
                    .error(
                        ModelCheck.unknownParameterLocation,
                        "parameter \"\(name)\" of \(context) has in: \(placementText); use path, query, header or cookie\(hint)",
                        at: location(inNode, definitionFile)))
                continue
            }
            let isRequired = fields[2].map({ map[valueAt: $0] }).flatMap { bool($0, "the \"required\" of parameter \"\(name)\" of \(context)", definitionFile) } ?? false
            let parameter = Parameter(
                name: name, placement: placement, isRequired: isRequired, origin: origin, location: listed,
                definitionLocation: item["$ref"] == nil ? nil : defined)
            if let first = result.first(where: { $0.isSameParameter(as: parameter) }) {
                report(
                    .warning(
                        ModelCheck.duplicateParameter,
                        "parameter \"\(name)\" (in: \(placement.rawValue)) is listed twice in \(context); remove one, the first is used",
                        at: listed, notes: [.init("first listed here", at: first.location)]))
                continue
            }
            result.append(parameter)
        }
        return result
    }

    /// The checks on one list of parameters as written (not merged, so each is reported once).
    mutating func checkParameters(_ parameters: [Parameter], of template: PathTemplate, context: String) {
        for parameter in parameters {
            switch parameter.placement {
            case .cookie:
                report(
                    .warning(
                        ModelCheck.cookieParameter,
                        "cookie parameter \"\(parameter.name)\" of \(context) is dropped: API Gateway REST APIs have no cookie parameters; read the Cookie header instead",
                        at: parameter.location))
            case .path:
                if !template.variableNames.contains(parameter.name) {
                    report(
                        .warning(
                            ModelCheck.pathParameterNotInPath,
                            "path parameter \"\(parameter.name)\" of \(context) is not a variable of \(template.text), and the output leaves it out; rename it to match a {variable} of the path, or remove it",
                            at: parameter.location))
                }
                if !parameter.isRequired {
                    report(
                        .warning(
                            ModelCheck.optionalPathParameter,
                            "path parameter \"\(parameter.name)\" of \(context) is not required; the output says required: true, "
                                + "as OpenAPI and API Gateway need (a path variable always has a value), so add it to the spec",
                            at: parameter.definitionLocation ?? parameter.location))
                }
            case .query, .header:
                break
            }
        }
    }

    /// Every `{variable}` of the path needs a path parameter on each operation: one the
    /// spec leaves out is declared, required, at the operation (GW012), since API Gateway
    /// refuses a mapping of `method.request.path.X` the method does not declare.
    mutating func declareTemplateVariables(of operation: inout Operation, template: PathTemplate, label: String) {
        var checked: [String] = []
        for name in template.variableNames where !checked.contains(name) {
            checked.append(name)
            if operation.parameter(name, in: .path) == nil {
                operation.parameters.append(
                    Parameter(name: name, placement: .path, isRequired: true, origin: .operation, location: operation.location))
                report(
                    .warning(
                        ModelCheck.undeclaredPathParameter,
                        "\(label) does not declare the path parameter \"\(name)\"; the output declares it, as API Gateway needs for every variable it maps, so add {name: \(name), in: path, required: true} to its parameters or to the path item's to say so in the spec",
                        at: operation.location))
            }
        }
    }

    mutating func readRequestBody(_ node: Node, label: String, file: String) -> RequestBody? {
        guard let (bodyNode, bodyFile) = resolve(node, file),
            let body = mapping(bodyNode, "the requestBody of \(label)", bodyFile)
        else { return nil }
        var mediaTypes: [String] = []
        if let content = body["content"], let (map, _) = resolvedMapping(content, "the requestBody content of \(label)", bodyFile) {
            mediaTypes = Self.keyTexts(of: map)
        }
        var isRequired = false
        if let required = body["required"], required.sequence != nil {
            // Generators put the schema's list of required properties here; the import does not
            // read it, and the output leaves it out (CONV010).
            report(
                .warning(
                    ModelCheck.requiredListOnBody,
                    "the \"required\" of the requestBody of \(label) is a list, which belongs in the body's schema; "
                        + "the body is read as optional, so move the list into the schema or write required: true",
                    at: location(required, bodyFile)))
        } else {
            isRequired = body["required"].flatMap { bool($0, "the \"required\" of the requestBody of \(label)", bodyFile) } ?? false
        }
        return RequestBody(mediaTypes: mediaTypes, isRequired: isRequired, location: location(bodyNode, bodyFile))
    }

    mutating func readResponses(_ node: Node, label: String, file: String) -> [Response] {
        guard let responses = mapping(node, "the responses of \(label)", file) else { return [] }
        var result: [Response] = []
        result.reserveCapacity(responses.count)
        // Entries read in place: copying each out cost a retain and a release per response.
        responses.withInterleavedEntries { entries in
            var i = 0
            while i < entries.count {
                defer { i += 2 }
                guard let code = entries[i].text, !code.hasPrefix("x-") else { continue }
                // Built only for a message: most responses have nothing to report.
                func context() -> String { "response \(code) of \(label)" }
                guard let (response, responseFile) = resolvedMapping(entries[i + 1], context(), file) else { continue }
                // Looked up in one pass; each field is still read in the order it always was.
                let fields = Self.positions(of: Self.responseFields, in: response)
                var headerNames: [String] = []
                if let headers = fields[0].map({ response[valueAt: $0] }), let map = mapping(headers, "the headers of \(context())", responseFile) {
                    headerNames = Self.keyTexts(of: map)
                }
                var mediaTypes: [String] = []
                if let content = fields[1].map({ response[valueAt: $0] }),
                    let (map, _) = resolvedMapping(content, "the content of \(context())", responseFile)
                {
                    mediaTypes = Self.keyTexts(of: map)
                }
                if let links = fields[2].map({ response[position: $0] }), links.value.mapping?.isEmpty != true {
                    report(
                        .warning(
                            ModelCheck.linksIgnored,
                            "links of \(context()) are ignored by API Gateway; describe the relation in the response's description, or remove links",
                            at: location(links.key, responseFile)))
                }
                result.append(
                    Response(
                        statusCode: code,
                        description: fields[3].map({ response[valueAt: $0] }).flatMap { string($0, "the description of \(context())", responseFile) },
                        headerNames: headerNames, mediaTypes: mediaTypes, location: location(entries[i], file)))
            }
        }
        return result
    }

    /// The texts of a mapping's scalar keys in order, as `keys.compactMap(\.text)` gives
    /// them, without the array of copied keys in between.
    static func keyTexts(of map: Mapping) -> [String] {
        map.withInterleavedEntries { entries in
            var texts: [String] = []
            texts.reserveCapacity(entries.count / 2)
            var i = 0
            while i < entries.count {
                if case .scalar(let key) = entries[i].content { texts.append(key.text) }
                i += 2
            }
            return texts
        }
    }
}

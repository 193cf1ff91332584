import Diagnostics
import YAML

extension Swagger2Upgrader {
    /// A parameter of an operation or path item, with what it is once its `$ref`s are
    /// followed.
    struct ListedParameter {
        /// As written in the list: the parameter or a `$ref` to it.
        var item: Node
        /// The parameter itself and the file it is in.
        var target: Node
        var targetFile: String
        var location: String? { target["in"]?.text }
        var name: String? { target["name"]?.text }
        var isBodyOrForm: Bool { location == "body" || location == "formData" }
    }

    // MARK: - Paths and operations

    /// The `paths` mapping with each path item upgraded.
    mutating func upgradedPaths(_ node: Node, in file: String) -> Node {
        guard let paths = node.mapping else { return node }
        var out = Mapping()
        for (key, value) in paths.entries {
            out.append(key: key, value: key.text.map(Self.isExtension) == true ? value : upgradedPathItem(value, in: file))
        }
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }

    /// A path item: its operations upgraded, and its own body and form parameters handed to
    /// each operation, since 3.0 has no place for a body beside a path.
    mutating func upgradedPathItem(_ node: Node, in file: String) -> Node {
        guard let item = node.mapping else { return node }
        let listed = listedParameters(item["parameters"], in: file)
        let inherited = listed.filter(\.isBodyOrForm)
        var out = Mapping()
        for (key, value) in item.entries {
            guard let name = key.text else {
                out.append(key: key, value: value)
                continue
            }
            if name == "$ref" {
                out.append(key: key, value: rewritten(reference: value, in: file, as: .pathItem))
            } else if name == "parameters" {
                let kept = listed.filter { !$0.isBodyOrForm }
                if !kept.isEmpty {
                    out.append(key: key, value: .sequence(kept.map { upgradedParameter($0.item, in: file) }, mark: value.mark))
                }
            } else if Self.operationKeys.contains(name) {
                out.append(key: key, value: upgradedOperation(value, in: file, inherited: inherited))
            } else {
                out.append(key: key, value: value)
            }
        }
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }

    /// The items of a `parameters` list, each with the parameter it is or names.
    func listedParameters(_ node: Node?, in file: String) -> [ListedParameter] {
        (node?.sequence ?? []).map { item in
            let found = original.dereferenced(item, in: file)
            return ListedParameter(item: item, target: found?.node ?? item, targetFile: found?.file ?? file)
        }
    }

    /// An operation: its body and form parameters made its `requestBody` (placed where
    /// `parameters` was), its responses given `content` per `produces`, and `consumes`,
    /// `produces` and `schemes` gone.
    mutating func upgradedOperation(_ node: Node, in file: String, inherited: [ListedParameter]) -> Node {
        guard let operation = node.mapping else { return node }
        let consumes = Self.mediaTypes(operation["consumes"]) ?? self.consumes
        let produces = Self.mediaTypes(operation["produces"]) ?? self.produces
        let own = listedParameters(operation["parameters"], in: file)
        // The operation's own parameters come first and replace the path item's of the same
        // name and place, so its own body is the one it keeps.
        let overridden = Set(own.map { "\($0.location ?? "") \($0.name ?? "")" })
        let listed = own + inherited.filter { !overridden.contains("\($0.location ?? "") \($0.name ?? "")") }
        let body = requestBody(of: listed, in: file, consumes: consumes, operationConsumes: operation["consumes"] != nil)
        var out = Mapping()
        var placedBody = false
        for (key, value) in operation.entries {
            guard let name = key.text else {
                out.append(key: key, value: value)
                continue
            }
            switch name {
            case "parameters":
                let kept = own.filter { !$0.isBodyOrForm }
                if !kept.isEmpty {
                    out.append(key: key, value: .sequence(kept.map { upgradedParameter($0.item, in: file) }, mark: value.mark))
                }
                if let body, !placedBody {
                    out.append(key: .string("requestBody", mark: key.mark), value: body)
                    placedBody = true
                }
            case "responses":
                out.append(key: key, value: upgradedResponses(value, in: file, mediaTypes: produces))
            case "consumes", "produces":
                continue
            case "schemes":
                engine.report(
                    .warning(
                        Swagger2Upgrade.leftOut,
                        "OpenAPI 3.0 has no schemes of an operation's own, and API Gateway serves HTTPS only; remove them",
                        at: SourceLocation(file: file, mark: key.mark)))
            default:
                out.append(key: key, value: value)
            }
        }
        if let body, !placedBody {
            out.append(key: .string("requestBody", mark: body.mark), value: body)
        }
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }

    /// The request body an operation's `in: body` or `in: formData` parameters make; `nil`
    /// when it has neither.
    ///
    /// A shared body parameter (`$ref`) stays shared as a `$ref` to the request body it
    /// became, unless the operation's own `consumes` asks for other media types than the
    /// shared one was made with; then it is written out here.
    mutating func requestBody(
        of listed: [ListedParameter], in file: String, consumes: [String], operationConsumes: Bool
    ) -> Node? {
        let bodies = listed.filter { $0.location == "body" }
        let form = listed.filter { $0.location == "formData" }
        if let first = bodies.first {
            for extra in bodies.dropFirst() + form.prefix(1) {
                engine.report(
                    .warning(
                        Swagger2Upgrade.conflictingBodies,
                        "an operation has one body; this \(extra.location == "body" ? "second body parameter" : "form parameter") is left out, "
                            + "and the first body parameter is the request body; remove it or describe it in that body's schema",
                        at: SourceLocation(file: file, mark: extra.item.mark)))
            }
            if let reference = first.item["$ref"], !(operationConsumes && consumes != self.consumes) {
                return referenceObject(reference, of: first.item, in: file, as: .requestBody)
            }
            let made = requestBody(fromBody: first.target, in: first.targetFile, mediaTypes: consumes)
            return Self.rebased(made, from: first.targetFile, to: file)
        }
        guard !form.isEmpty else { return nil }
        return formBody(form, in: file, consumes: consumes)
    }

    /// A Request Body object from a 2.0 `in: body` parameter: its schema under each media type.
    mutating func requestBody(fromBody node: Node, in file: String, mediaTypes: [String]) -> Node {
        guard let parameter = node.mapping else { return node }
        if let reference = parameter["$ref"] { return referenceObject(reference, of: node, in: file, as: .requestBody) }
        var out = Mapping()
        var media = Mapping()
        let schema = parameter["schema"].map { upgradedSchema($0, in: file) }
        for type in mediaTypes {
            var entry = Mapping()
            if let schema { entry.append(key: .string("schema", mark: schema.mark), value: schema) }
            media.append(key: .string(type, mark: node.mark), value: .mapping(entry, mark: schema?.mark ?? node.mark))
        }
        for (key, value) in parameter.entries {
            guard let name = key.text else { continue }
            switch name {
            case "description", "required":
                out.append(key: key, value: value)
            case "schema":
                out.append(key: .string("content", mark: key.mark), value: .mapping(media, mark: value.mark))
            default:
                if Self.isExtension(name) { out.append(key: key, value: value) }
            }
        }
        if parameter["schema"] == nil { out.append(key: .string("content", mark: node.mark), value: .mapping(media, mark: node.mark)) }
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }

    /// One request body of an operation's form parameters: an object schema with a property
    /// per parameter (`type: file` a binary string), as `multipart/form-data` or
    /// `application/x-www-form-urlencoded` as `consumes` says (multipart when it names
    /// neither and a file is sent, which only multipart can carry).
    mutating func formBody(_ form: [ListedParameter], in file: String, consumes: [String]) -> Node {
        let formTypes = ["multipart/form-data", "application/x-www-form-urlencoded"]
        var types = consumes.filter(formTypes.contains)
        if types.isEmpty {
            let sendsFile = form.contains { $0.target["type"]?.text == "file" }
            types = [sendsFile ? formTypes[0] : formTypes[1]]
        }
        let mark = form[0].item.mark
        var properties = Mapping()
        var required: [Node] = []
        for parameter in form {
            guard let name = parameter.target["name"] else { continue }
            var schema = schemaOfParameter(parameter.target, in: parameter.targetFile).mapping ?? Mapping()
            if let description = parameter.target["description"] { schema["description"] = description }
            properties.append(key: name, value: Self.rebased(.mapping(schema, mark: parameter.target.mark), from: parameter.targetFile, to: file))
            if parameter.target["required"]?.boolValue == true { required.append(name) }
        }
        var schema = Mapping()
        schema.append(key: .string("type", mark: mark), value: .string("object", mark: mark))
        schema.append(key: .string("properties", mark: mark), value: .mapping(properties, mark: mark))
        if !required.isEmpty { schema.append(key: .string("required", mark: mark), value: .sequence(required, mark: mark)) }
        var media = Mapping()
        for type in types {
            var entry = Mapping()
            entry.append(key: .string("schema", mark: mark), value: .mapping(schema, mark: mark))
            media.append(key: .string(type, mark: mark), value: .mapping(entry, mark: mark))
        }
        var body = Mapping()
        if !required.isEmpty { body.append(key: .string("required", mark: mark), value: .bool(true, mark: mark)) }
        body.append(key: .string("content", mark: mark), value: .mapping(media, mark: mark))
        return .mapping(body, mark: mark)
    }

    // MARK: - Responses

    /// An operation's `responses`, each upgraded.
    mutating func upgradedResponses(_ node: Node, in file: String, mediaTypes: [String]) -> Node {
        guard let responses = node.mapping else { return node }
        var out = Mapping()
        for (key, value) in responses.entries {
            let isExtension = key.text.map(Self.isExtension) == true
            out.append(key: key, value: isExtension ? value : upgradedResponse(value, in: file, mediaTypes: mediaTypes))
        }
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }

    /// A response: `schema` and `examples` become `content` (placed where the first of them
    /// was), one media type per `produces` and one more per example of a type not listed;
    /// headers upgraded like parameters.
    mutating func upgradedResponse(_ node: Node, in file: String, mediaTypes: [String]) -> Node {
        guard let response = node.mapping else { return node }
        if let reference = response["$ref"] { return referenceObject(reference, of: node, in: file, as: .response) }
        let schema = response["schema"].map { upgradedSchema($0, in: file) }
        let examples = response["examples"]?.mapping ?? Mapping()
        var content = Mapping()
        if let schema {
            for type in mediaTypes {
                var entry = Mapping()
                entry.append(key: .string("schema", mark: schema.mark), value: schema)
                if let example = examples[type] { entry.append(key: .string("example", mark: example.mark), value: example) }
                content.append(key: .string(type, mark: schema.mark), value: .mapping(entry, mark: schema.mark))
            }
        }
        for (key, example) in examples.entries {
            guard let type = key.text, schema == nil || !mediaTypes.contains(type) else { continue }
            var entry = Mapping()
            entry.append(key: .string("example", mark: example.mark), value: example)
            content.append(key: key, value: .mapping(entry, mark: example.mark))
        }
        var out = Mapping()
        var placedContent = false
        for (key, value) in response.entries {
            guard let name = key.text else { continue }
            switch name {
            case "schema", "examples":
                if !placedContent, !content.isEmpty {
                    out.append(key: .string("content", mark: key.mark), value: .mapping(content, mark: value.mark))
                }
                placedContent = true
            case "headers":
                out.append(key: key, value: Self.mapped(value.mapping ?? Mapping(), like: value) { upgradedHeader($0, in: file) })
            case "description":
                out.append(key: key, value: value)
            default:
                if Self.isExtension(name) {
                    out.append(key: key, value: value)
                } else {
                    // An integration response's `statusCode` written into the response, as
                    // SAM bodies have it: neither 2.0 nor 3.0 has it there.
                    engine.report(
                        .warning(
                            Swagger2Upgrade.leftOut,
                            "a response has no \(name) in OpenAPI (2.0 or 3.0); it is left out, so remove it, or move it to the "
                                + "x-amazon-apigateway-integration responses if that is what it was meant for",
                            at: SourceLocation(file: file, mark: key.mark)))
                }
            }
        }
        return Node(.mapping(out), tag: node.tag, mark: node.mark)
    }

    // MARK: - Security

    /// A security definition as a 3.0 security scheme: `basic` is HTTP basic, an `oauth2`
    /// flow is the 3.0 flow of the same meaning (`application` is `clientCredentials`,
    /// `accessCode` is `authorizationCode`), and API Gateway's `x-amazon-apigateway-authtype`
    /// and `x-amazon-apigateway-authorizer` stay on it.
    func upgradedSecurityScheme(_ node: Node) -> Node {
        guard let scheme = node.mapping, let type = scheme["type"]?.text else { return node }
        switch type {
        case "basic":
            var out = Mapping()
            for (key, value) in scheme.entries {
                if key.text == "type" {
                    out.append(key: key, value: .string("http", mark: value.mark))
                    out.append(key: .string("scheme", mark: key.mark), value: .string("basic", mark: value.mark))
                } else {
                    out.append(key: key, value: value)
                }
            }
            return Node(.mapping(out), tag: node.tag, mark: node.mark)
        case "oauth2":
            let flowNames = ["implicit": "implicit", "password": "password", "application": "clientCredentials", "accessCode": "authorizationCode"]
            var flow = Mapping()
            for key in ["authorizationUrl", "tokenUrl"] {
                if let value = scheme[key] { flow.append(key: .string(key, mark: value.mark), value: value) }
            }
            flow.append(key: .string("scopes", mark: node.mark), value: scheme["scopes"] ?? .mapping(Mapping(), mark: node.mark))
            let flowName = scheme["flow"]?.text.flatMap { flowNames[$0] } ?? "implicit"
            let flowKey = scheme.entries.first { $0.key.text == "flow" }?.key
            let flowMark = flowKey?.mark ?? node.mark
            var flows = Mapping()
            flows.append(key: .string(flowName, mark: flowMark), value: .mapping(flow, mark: flowMark))
            var out = Mapping()
            for (key, value) in scheme.entries {
                switch key.text {
                case "flow", "authorizationUrl", "tokenUrl", "scopes":
                    continue
                default:
                    out.append(key: key, value: value)
                }
            }
            out.append(key: .string("flows", mark: flowMark), value: .mapping(flows, mark: flowMark))
            return Node(.mapping(out), tag: node.tag, mark: node.mark)
        default:
            return node
        }
    }
}

import YAML
import Spec

/// Generates OpenAPI specs shaped like large real ones (Stripe's, Okta's): many resources,
/// each with collection and item paths, several operations, path and query parameters,
/// request bodies, responses with headers, and component schemas with described properties.
///
/// The content is a pure function of the resource count, so every run measures the same
/// bytes, and nothing third-party is copied in.
enum SyntheticSpec {
    /// A spec with `resources` resources (about 5 operations and 8.5 kB of YAML each).
    static func tree(resources: Int) -> Node {
        var paths = Mapping()
        var schemas = Mapping()
        for r in 0..<resources {
            let name = "resource\(r)"
            let schema = "Resource\(r)"
            let ref: Node = ["$ref": .string("#/components/schemas/\(schema)")]
            let idParameter: Node = [
                "name": "id", "in": "path", "required": true,
                "description": .string("The identifier of the \(name) to act on."),
                "schema": ["type": "string", "maxLength": 64],
            ]
            paths.append(
                key: .string("/v1/\(name)"),
                value: [
                    "get": operation(
                        "list\(schema)", "List \(name) objects", parameters: [pageParameter("limit"), pageParameter("starting_after")],
                        body: nil, success: ["type": "array", "items": ref]),
                    "post": operation("create\(schema)", "Create a \(name)", parameters: [], body: ref, success: ref),
                ])
            paths.append(
                key: .string("/v1/\(name)/{id}"),
                value: [
                    "parameters": [idParameter],
                    "get": operation("get\(schema)", "Retrieve a \(name)", parameters: [], body: nil, success: ref),
                    "post": operation("update\(schema)", "Update a \(name)", parameters: [], body: ref, success: ref),
                    "delete": operation("delete\(schema)", "Delete a \(name)", parameters: [], body: nil, success: nil),
                ])
            schemas.append(key: .string(schema), value: schemaNode(r))
        }
        schemas.append(
            key: "Error",
            value: [
                "type": "object", "required": ["message"],
                "properties": ["message": ["type": "string"], "code": ["type": "string", "nullable": true]],
            ])
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "Synthetic API",
                "description": "A generated API shaped like the largest public specs.\n\nUsed by the benchmarks only.\n",
                "version": "2024-06-20",
            ],
            "servers": [["url": "https://api.example.com"]],
            "paths": .mapping(paths),
            "components": [
                "schemas": .mapping(schemas),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            ],
            "security": [["bearer": []]],
        ]
    }

    /// The same API as `tree(resources:)`, written in Swagger 2.0 as API Gateway exports it:
    /// `definitions`, parameters with their type beside the name, `in: body` parameters,
    /// responses with `schema`, and `x-nullable`. It measures reading a 2.0 spec, upgrade
    /// included, against reading the 3.0 one.
    static func swagger2Tree(resources: Int) -> Node {
        var paths = Mapping()
        var definitions = Mapping()
        for r in 0..<resources {
            let name = "resource\(r)"
            let schema = "Resource\(r)"
            let ref: Node = ["$ref": .string("#/definitions/\(schema)")]
            let idParameter: Node = [
                "name": "id", "in": "path", "required": true,
                "description": .string("The identifier of the \(name) to act on."), "type": "string", "maxLength": 64,
            ]
            paths.append(
                key: .string("/v1/\(name)"),
                value: [
                    "get": swagger2Operation(
                        "list\(schema)", "List \(name) objects", parameters: [swagger2PageParameter("limit"), swagger2PageParameter("starting_after")],
                        body: nil, success: ["type": "array", "items": ref]),
                    "post": swagger2Operation("create\(schema)", "Create a \(name)", parameters: [], body: ref, success: ref),
                ])
            paths.append(
                key: .string("/v1/\(name)/{id}"),
                value: [
                    "parameters": [idParameter],
                    "get": swagger2Operation("get\(schema)", "Retrieve a \(name)", parameters: [], body: nil, success: ref),
                    "post": swagger2Operation("update\(schema)", "Update a \(name)", parameters: [], body: ref, success: ref),
                    "delete": swagger2Operation("delete\(schema)", "Delete a \(name)", parameters: [], body: nil, success: nil),
                ])
            var object = schemaNode(r).mapping ?? Mapping()
            if var properties = object["properties"]?.mapping, var parent = properties["parent"]?.mapping {
                parent["nullable"] = nil
                parent["x-nullable"] = true
                parent["allOf"] = [["$ref": .string("#/definitions/Resource\(max(r - 1, 0))")]]
                properties["parent"] = .mapping(parent)
                object["properties"] = .mapping(properties)
            }
            definitions.append(key: .string(schema), value: .mapping(object))
        }
        definitions.append(
            key: "Error",
            value: [
                "type": "object", "required": ["message"],
                "properties": ["message": ["type": "string"], "code": ["type": "string", "x-nullable": true]],
            ])
        return [
            "swagger": "2.0",
            "info": [
                "title": "Synthetic API",
                "description": "A generated API shaped like the largest public specs.\n\nUsed by the benchmarks only.\n",
                "version": "2024-06-20",
            ],
            "host": "api.example.com",
            "schemes": ["https"],
            "consumes": ["application/json"],
            "produces": ["application/json"],
            "paths": .mapping(paths),
            "definitions": .mapping(definitions),
            "securityDefinitions": ["bearer": ["type": "apiKey", "name": "Authorization", "in": "header"]],
            "security": [["bearer": []]],
        ]
    }

    private static func swagger2PageParameter(_ name: String) -> Node {
        [
            "name": .string(name), "in": "query", "required": false,
            "description": .string("A cursor for pagination: \(name) limits or offsets the page; see the guide."),
            "type": "integer", "minimum": 1, "maximum": 100, "default": 10,
        ]
    }

    private static func swagger2Operation(_ id: String, _ summary: String, parameters: [Node], body: Node?, success: Node?) -> Node {
        guard var op = operation(id, summary, parameters: parameters, body: nil, success: nil).mapping else { return .null() }
        var listed = parameters
        if let body { listed.append(["name": "body", "in": "body", "required": true, "schema": body]) }
        op["parameters"] = listed.isEmpty ? nil : .sequence(listed)
        var responses = Mapping()
        if let success {
            responses.append(
                key: .number("200"),
                value: [
                    "description": "Successful response.",
                    "headers": ["Request-Id": ["description": "The request's identifier.", "type": "string"]],
                    "schema": success,
                ])
        } else {
            responses.append(key: .number("204"), value: ["description": "Deleted."])
        }
        for (code, text) in [("400", "The request was malformed."), ("404", "No such object.")] {
            responses.append(key: .string(code), value: ["description": .string(text), "schema": ["$ref": "#/definitions/Error"]])
        }
        op["responses"] = .mapping(responses)
        return .mapping(op)
    }

    private static func pageParameter(_ name: String) -> Node {
        [
            "name": .string(name), "in": "query", "required": false,
            "description": .string("A cursor for pagination: \(name) limits or offsets the page; see the guide."),
            "schema": ["type": "integer", "minimum": 1, "maximum": 100, "default": 10],
        ]
    }

    private static func operation(_ id: String, _ summary: String, parameters: [Node], body: Node?, success: Node?) -> Node {
        var op: Mapping = Mapping()
        op.append(key: "operationId", value: .string(id))
        op.append(key: "summary", value: .string(summary))
        op.append(
            key: "description",
            value: .string("\(summary).\n\nReturns an error if the request is malformed or the caller may not see the object.\n"))
        op.append(key: "tags", value: [.string(String(id.drop { $0.isLowercase }))])
        if !parameters.isEmpty { op.append(key: "parameters", value: .sequence(parameters)) }
        if let body {
            op.append(
                key: "requestBody",
                value: ["required": true, "content": ["application/json": ["schema": body]]])
        }
        var responses = Mapping()
        if let success {
            responses.append(
                key: .number("200"),
                value: [
                    "description": "Successful response.",
                    "headers": ["Request-Id": ["description": "The request's identifier.", "schema": ["type": "string"]]],
                    "content": ["application/json": ["schema": success]],
                ])
        } else {
            responses.append(key: .number("204"), value: ["description": "Deleted."])
        }
        for (code, text) in [("400", "The request was malformed."), ("404", "No such object.")] {
            responses.append(
                key: .string(code),
                value: [
                    "description": .string(text),
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                ])
        }
        op.append(key: "responses", value: .mapping(responses))
        return .mapping(op)
    }

    private static func schemaNode(_ r: Int) -> Node {
        var properties = Mapping()
        let kinds: [(String, Node)] = [
            ("id", ["type": "string", "description": "Unique identifier for the object.", "maxLength": 5000]),
            ("object", ["type": "string", "enum": [.string("resource\(r)")], "description": "The object's type."]),
            ("created", ["type": "integer", "format": "unix-time", "description": "Time at which the object was created."]),
            ("livemode", ["type": "boolean", "description": "Whether the object exists in live mode or test mode."]),
            ("amount", ["type": "number", "minimum": 0, "multipleOf": .number("0.01"), "description": "An amount in the smallest unit."]),
            ("status", ["type": "string", "enum": ["active", "canceled", "pending", "on", "off"], "description": "The status."]),
            ("metadata", [
                "type": "object", "additionalProperties": ["type": "string", "maxLength": 500],
                "description": "Set of key-value pairs that you can attach to an object.",
            ]),
            ("parent", ["nullable": true, "allOf": [["$ref": .string("#/components/schemas/Resource\(max(r - 1, 0))")]]]),
        ]
        for (name, schema) in kinds { properties.append(key: .string(name), value: schema) }
        return [
            "type": "object",
            "title": .string("Resource\(r)"),
            "description": .string("A generated object number \(r), with the usual fields of a public API object."),
            "required": ["id", "object", "created"],
            "properties": .mapping(properties),
        ]
    }
}

import YAML

/// A request validator of the API: what API Gateway checks before it calls the integration.
/// It is `AWS::ApiGateway::RequestValidator` in a template and an entry of
/// `x-amazon-apigateway-request-validators` in a document; a method names the one it uses.
///
/// A validator that checks parameters refuses a request missing a required path, query or
/// header parameter (or sending it empty) with the gateway response `BAD_REQUEST_PARAMETERS`;
/// one that checks the body refuses a body its content type's model does not accept with
/// `BAD_REQUEST_BODY`. Both answer 400, before any integration runs.
public struct RequestValidator: Sendable, Equatable {
    public var name: String
    public var validatesBody: Bool
    public var validatesParameters: Bool

    public init(name: String, validatesBody: Bool, validatesParameters: Bool) {
        self.name = name
        self.validatesBody = validatesBody
        self.validatesParameters = validatesParameters
    }

    /// The validators the tool names when a setting, not the spec, asks for validation:
    /// one per combination, so each method can say exactly what it checks.
    public static let all = RequestValidator(name: "all", validatesBody: true, validatesParameters: true)
    public static let body = RequestValidator(name: "body", validatesBody: true, validatesParameters: false)
    public static let parameters = RequestValidator(name: "parameters", validatesBody: false, validatesParameters: true)
}

/// A model of the API: the JSON Schema (draft 4, API Gateway's dialect) a request body of
/// one content type is validated against. `AWS::ApiGateway::Model` in a template; in a
/// document, an entry of `components.schemas` that a request body refers to.
///
/// A model refers to another only by the other's URL within the same API; the plan keeps
/// such a reference as `{"$ref": "#/components/schemas/NAME"}`, the form a document writes,
/// and a template's renderer turns it into the model URL.
public struct GatewayModel: Sendable, Equatable {
    /// Letters and digits only, as API Gateway requires; unique in the API.
    public var name: String
    public var contentType: String
    public var schema: Node
    /// The model names `schema` refers to, in the order first met: they must exist first.
    public var references: [String]

    public init(name: String, contentType: String = "application/json", schema: Node, references: [String] = []) {
        self.name = name
        self.contentType = contentType
        self.schema = schema
        self.references = references
    }

    /// `schema` without a `title` that only repeats the model's name (an API Gateway export
    /// writes one on every model). A template titles each model's schema with its name, so a
    /// plan says it once, as the name: the planner's models and the reader's are alike.
    public static func untitled(_ schema: Node, name: String) -> Node {
        guard var fields = schema.mapping, fields["title"]?.string == name else { return schema }
        fields["title"] = nil
        return Node(.mapping(fields), tag: schema.tag, mark: schema.mark)
    }

    /// The `$ref` a plan's model schema writes for the model `name`.
    public static func reference(to name: String) -> String { "#/components/schemas/" + name }

    /// The model name a plan's `$ref` names, or `nil` for a reference that is not to a model.
    public static func referencedName(_ reference: String) -> String? {
        let prefix = "#/components/schemas/"
        guard reference.hasPrefix(prefix) else { return nil }
        let name = String(reference.dropFirst(prefix.count))
        return isModelName(name) ? name : nil
    }

    /// Whether `name` is one API Gateway takes for a model: 1 to 128 letters and digits.
    public static func isModelName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 128 && name.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
    }
}

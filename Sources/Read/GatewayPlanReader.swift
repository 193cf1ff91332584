import Diagnostics
import YAML
import Plan

/// What an input file is, as far as the tools that take "SOURCE" are concerned.
public enum DefinitionKind: Sendable, Equatable {
    /// An OpenAPI spec without API Gateway's extensions: input for the planner.
    case openAPISpec
    /// An AWS CloudFormation (or SAM) template.
    case cloudFormationTemplate
    /// An OpenAPI document with `x-amazon-apigateway-*` extensions, as API Gateway exports
    /// it or as written by hand.
    case gatewayOpenAPI
}

/// One read definition: the plan, the problems, and where each plan element is written.
public struct GatewayReading: Sendable {
    public var kind: DefinitionKind
    /// `nil` when the input is not something a plan can be read from.
    public var plan: GatewayPlan?
    public var diagnostics: [Diagnostic]
    public var locations: PlanLocations
    /// Where a SAM template decides the API, when the definition is one.
    public var sam: SAMSource? = nil
}

/// Reads an existing API Gateway definition (a CloudFormation template or an OpenAPI
/// document with extensions) into a gateway plan.
///
/// This is the spoke that brings hand-written APIs to the hub: once read, the doctor, the
/// preflight simulation and diffs work on them exactly as on generated ones. Faults are
/// kept as written (an unquoted header value, an authorizer on OPTIONS), because the
/// checks that read the plan exist to find them.
public enum GatewayPlanReader {
    /// Whether `root` is a template, a document with extensions, or a plain spec.
    public static func kind(of root: Node) -> DefinitionKind {
        if root["Resources"]?.mapping != nil || root["AWSTemplateFormatVersion"] != nil { return .cloudFormationTemplate }
        return hasGatewayExtension(root, depth: 0) ? .gatewayOpenAPI : .openAPISpec
    }

    /// Which kind of API an OpenAPI document with extensions describes.
    ///
    /// An HTTP API when the document writes anything only the HTTP import reads: the root's
    /// `x-amazon-apigateway-cors` or `x-amazon-apigateway-importexport-version`, a path
    /// `/$default`, an integration with a `payloadFormatVersion`, or an authorizer of type
    /// `jwt` or with `authorizerPayloadFormatVersion` or `enableSimpleResponses`. Anything
    /// else, and every Swagger 2 document (the HTTP import takes OpenAPI 3 only), is a REST
    /// API, as every document was before HTTP APIs: a REST API's document that happens to
    /// have none of these reads as it always did.
    public static func apiKind(ofDocument root: Node) -> APIKind {
        if root["swagger"] != nil { return .rest }
        if root["x-amazon-apigateway-cors"] != nil || root["x-amazon-apigateway-importexport-version"] != nil { return .http }
        let paths = root["paths"]?.mapping
        if paths?["/$default"] != nil { return .http }
        for item in paths?.values ?? [] {
            for operation in item.mapping?.values ?? [] where operation["x-amazon-apigateway-integration"]?["payloadFormatVersion"] != nil {
                return .http
            }
        }
        let schemes = root["components"]?["securitySchemes"]?.mapping?.values ?? []
        for scheme in schemes {
            guard let authorizer = scheme["x-amazon-apigateway-authorizer"] else { continue }
            if authorizer["type"]?.text?.lowercased() == "jwt" || authorizer["authorizerPayloadFormatVersion"] != nil
                || authorizer["enableSimpleResponses"] != nil
            {
                return .http
            }
        }
        return .rest
    }

    /// The plan `root` describes, with every problem found; `parameters` gives values to
    /// template parameters and pseudo parameters (`["AWS::Region": "eu-west-1"]`). `kind`
    /// says which kind of API an OpenAPI document describes (`--api`), when the document's
    /// own extensions are not to decide (`apiKind(ofDocument:)`); a template says it by its
    /// resource types.
    public static func read(
        _ root: Node, file: String, parameters: [String: String] = [:], kind: APIKind? = nil
    ) -> (plan: GatewayPlan?, diagnostics: [Diagnostic]) {
        let reading = reading(root, file: file, parameters: parameters, kind: kind)
        return (reading.plan, reading.diagnostics)
    }

    /// Like `read`, with the locations of the plan's elements too. `include` reads a file a
    /// template includes (SAM's `AWS::Include`), named relative to the template's folder.
    public static func reading(
        _ root: Node, file: String, parameters: [String: String] = [:], include: ((String) -> Node?)? = nil,
        kind apiKind: APIKind? = nil
    ) -> GatewayReading {
        let kind = kind(of: root)
        guard root.mapping != nil else {
            return GatewayReading(
                kind: kind, plan: nil,
                diagnostics: [
                    .error(
                        ReadDiagnosticCode.notADefinition,
                        "the file is \(root.kindDescription), not a CloudFormation template or an OpenAPI document; check the path",
                        at: root.mark.isSynthetic ? nil : SourceLocation(file: file, mark: root.mark))
                ],
                locations: PlanLocations())
        }
        switch kind {
        case .cloudFormationTemplate:
            let context = ReadContext(file: file)
            let plan = CloudFormationReader(context: context, include: include).read(root, parameters: parameters)
            return GatewayReading(
                kind: kind, plan: plan, diagnostics: context.diagnostics.diagnostics, locations: context.locations, sam: context.sam)
        case .gatewayOpenAPI, .openAPISpec:
            let context = ReadContext(file: file)
            let plan = GatewayOpenAPIReader(context: context, kind: apiKind).read(root)
            return GatewayReading(kind: kind, plan: plan, diagnostics: context.diagnostics.diagnostics, locations: context.locations)
        }
    }

    /// What a template at `entry` may include (`AWS::Include`'s `Location`), read through
    /// `read`: a relative path that stays inside the template's folder, as `$ref`s must, and
    /// parses; `nil` for any other location or a file that cannot be read.
    public static func includes(from entry: String, read: @escaping (String) throws -> [UInt8]) -> (String) -> Node? {
        { location in
            var location = Substring(location)
            while location.hasPrefix("./") { location = location.dropFirst(2) }
            guard !location.hasPrefix("/"), !location.isEmpty else { return nil }
            var depth = 0
            for part in location.split(separator: "/") {
                if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
                if depth < 0 { return nil }
            }
            let folder = entry.lastIndex(of: "/").map { String(entry[...$0]) } ?? ""
            let path = folder + location
            guard let bytes = try? read(path) else { return nil }
            return try? DocumentReader.read(bytes, file: path)
        }
    }

    /// Whether any key down to a few levels starts with `x-amazon-apigateway-`; the
    /// extensions sit at the root, on operations and on security schemes.
    private static func hasGatewayExtension(_ node: Node, depth: Int) -> Bool {
        guard depth < 6, let mapping = node.mapping else { return false }
        for (key, value) in mapping.entries {
            if key.text?.hasPrefix("x-amazon-apigateway-") == true { return true }
            if hasGatewayExtension(value, depth: depth + 1) { return true }
        }
        return false
    }
}

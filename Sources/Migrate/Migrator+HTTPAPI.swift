import Diagnostics
import YAML
import Plan
import Read

/// What the spec of a migrated HTTP API leaves to `convert`.
///
/// The OpenAPI renderer writes an HTTP API's import document; the spec is written from it,
/// and is what people edit from then on. Two things of the import document belong to the
/// output, not to the spec: the CORS configuration, which is the policy now (the renderer
/// leaves out `x-amazon-apigateway-cors` because the plan it is given has none), and the
/// import format's version, which this removes.
extension Migrator {
    /// The root key that makes a document an HTTP API import.
    static let importVersionKey = "x-amazon-apigateway-importexport-version"

    /// `spec` without the import format's version. `convert` writes it on every HTTP API's
    /// document and learns the kind from the settings (`api: http`); left in the spec it would
    /// claim the spec is an import document, and a spec planned as a REST API would carry the
    /// claim into a REST API's document, which the readers then take for an HTTP API's.
    static func withoutImportVersion(_ spec: Node) -> Node {
        guard var root = spec.mapping, root[importVersionKey] != nil else { return spec }
        root[importVersionKey] = nil
        return .mapping(root)
    }
}

extension Migrator {
    /// The CORS of an HTTP API as the report says it: one configuration, now the policy, and
    /// the OPTIONS routes convert adds again from it.
    static func corsLines(of plan: GatewayPlan, readDiagnostics: [Diagnostic]) -> [String] {
        var lines = ["CORS:"]
        guard plan.cors != nil else {
            lines.append("  none: the API has no CORS configuration, so no \(MigratedFiles.corsName) is written")
            return lines
        }
        lines.append(
            "  the API's CORS configuration, which API Gateway answers every preflight from, is \(MigratedFiles.corsName), whole")
        for diagnostic in readDiagnostics where diagnostic.code == ReadDiagnosticCode.bodyWithCORSConfiguration.id {
            lines.append(
                "  " + (diagnostic.location.map { "\($0): " } ?? "") + "[\(diagnostic.code)] the CorsConfiguration beside the Body is "
                    + "the configuration CloudFormation leaves the API with, so it is the policy; the rebuilt template writes it "
                    + "into the Body as x-amazon-apigateway-cors, the one place AWS supports")
        }
        for (resource, method) in plan.methods where method.role == .preflight {
            lines.append(
                "  OPTIONS \(resource.path): the route without authorization that lets preflights past the authorizer; convert "
                    + "adds it again while the policy gives the API CORS")
        }
        return lines
    }
}

extension Migrator {
    /// The properties of each HTTP API resource type that the plan carries, and so the spec,
    /// the policy and the settings; a type not listed is not part of the API.
    static let carriedHTTPProperties: [String: Set<String>] = [
        "AWS::ApiGatewayV2::Api": ["Name", "Description", "ProtocolType", "CorsConfiguration", "Body", "BodyS3Location"],
        "AWS::ApiGatewayV2::Route": ["ApiId", "RouteKey", "Target", "AuthorizationType", "AuthorizerId", "AuthorizationScopes", "OperationName"],
        "AWS::ApiGatewayV2::Integration": [
            "ApiId", "IntegrationType", "IntegrationUri", "IntegrationMethod", "PayloadFormatVersion", "TimeoutInMillis",
            "ConnectionType", "ConnectionId", "CredentialsArn",
        ],
        "AWS::ApiGatewayV2::Authorizer": [
            "ApiId", "Name", "AuthorizerType", "IdentitySource", "JwtConfiguration", "AuthorizerUri", "AuthorizerCredentialsArn",
            "AuthorizerPayloadFormatVersion", "EnableSimpleResponses", "AuthorizerResultTtlInSeconds",
        ],
        // The rebuilt stage deploys every change itself, so a deployment is not needed.
        "AWS::ApiGatewayV2::Stage": ["ApiId", "StageName", "AutoDeploy", "StageVariables", "AccessLogSettings", "DefaultRouteSettings", "DeploymentId"],
        "AWS::ApiGatewayV2::Deployment": ["ApiId", "StageName", "Description"],
    ]

    /// What one `AWS::ApiGatewayV2::*` resource of the source holds that the migrated files do
    /// not: a resource beside the API (a domain name, a VPC link), each property the plan does
    /// not carry, and a stage that waits for deployments.
    static func httpGaps(name: String, type: String, key: Node, resource: Node, place: (Node?) -> SourceLocation?) -> [MigrationGap] {
        guard let carried = carriedHTTPProperties[type] else {
            return [
                MigrationGap(
                    message: "\(name) (\(type)): it sits beside the HTTP API rather than in it; keep it in the template and point it "
                        + "at the generated API",
                    location: place(key))
            ]
        }
        var gaps: [MigrationGap] = []
        for (field, value) in resource["Properties"]?.mapping?.entries ?? Mapping().entries {
            guard let fieldName = field.text else { continue }
            if !carried.contains(fieldName) {
                gaps.append(
                    MigrationGap(
                        message: "\(fieldName) of \(name) is not carried into the spec, the policy or the settings; set it on the "
                            + "generated API",
                        location: place(field)))
            } else if type == "AWS::ApiGatewayV2::Stage", fieldName == "AutoDeploy", value.boolValue == false {
                gaps.append(
                    MigrationGap(
                        message: "AutoDeploy false of \(name): the generated stage deploys every change by itself; deploy by hand "
                            + "only where a change must wait",
                        location: place(value)))
            }
        }
        return gaps
    }
}

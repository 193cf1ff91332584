import TestSupport
import Testing
import YAML
import Plan
import Read

/// The CloudFormation template and the OpenAPI document rendered from one plan describe the
/// same API: the same methods on the same paths, with the same authorization, API-key
/// requirement, integration and responses. Each output is read back independently here,
/// the way API Gateway would read it, and the two readings are compared for every case.
@Suite struct OutputAgreementTests {
    @Test(arguments: SpecCorpus.caseNames)
    func bothOutputsDescribeTheSameAPI(caseName: String) throws {
        let template = "golden/\(caseName)/cloudformation.yaml"
        let document = "golden/\(caseName)/openapi.yaml"
        // An HTTP API's outputs are compared by bothHTTPAPIOutputsDescribeTheSameAPI.
        guard Golden.exists(template), Golden.exists(document), !SpecCorpus.isHTTPAPI(caseName) else { return }
        // A split template's children are read into it, as the readers read them.
        let cfn = NestedStacks.inlined(try YAMLReader.read(try SpecCorpus.bytes(template), file: template)) { name in
            try? YAMLReader.read(try SpecCorpus.bytes("golden/\(caseName)/\(name)"), file: name)
        }
        let oas = try YAMLReader.read(try SpecCorpus.bytes(document), file: document)
        // The body style embeds the OpenAPI output itself; compare its Body instead. The
        // body-s3 style writes it beside the template.
        if cfn["Resources"]?["Api"]?["Properties"]?["BodyS3Location"] != nil {
            let definition = "golden/\(caseName)/cloudformation.definition.yaml"
            let body = try YAMLReader.read(try SpecCorpus.bytes(definition), file: definition)
            #expect(Self.facts(ofOpenAPI: body) == Self.facts(ofOpenAPI: oas))
            return
        }
        if let body = cfn["Resources"]?["Api"]?["Properties"]?["Body"] {
            #expect(Self.facts(ofOpenAPI: body) == Self.facts(ofOpenAPI: oas))
            return
        }
        #expect(Self.facts(ofTemplate: cfn) == Self.facts(ofOpenAPI: oas))
    }

    /// An HTTP API's template and document give the same routes with the same authorization
    /// and integration, and the same CORS configuration.
    @Test(arguments: SpecCorpus.caseNames.filter(SpecCorpus.isHTTPAPI))
    func bothHTTPAPIOutputsDescribeTheSameAPI(caseName: String) throws {
        let template = "golden/\(caseName)/cloudformation.yaml"
        let document = "golden/\(caseName)/openapi.yaml"
        guard Golden.exists(template), Golden.exists(document) else { return }
        let cfn = try YAMLReader.read(try SpecCorpus.bytes(template), file: template)
        let oas = try YAMLReader.read(try SpecCorpus.bytes(document), file: document)
        let (fromTemplate, _) = GatewayPlanReader.read(cfn, file: template)
        let (fromDocument, _) = GatewayPlanReader.read(oas, file: document)
        let a = try #require(fromTemplate)
        let b = try #require(fromDocument)
        #expect(a.kind == .http && b.kind == .http)
        #expect(a.cors == b.cors)
        func facts(_ plan: GatewayPlan) -> [String] {
            plan.routes.map { route in
                let integration = route.method.integration
                // A template names a Lambda in its partition and region with !Sub, a document
                // in the function's own: the function is what must agree.
                let uri = integration.uri?.text ?? "-"
                let target = uri.firstRange(of: ":lambda:path/").map { String(uri[$0.upperBound...]) } ?? uri
                return "\(route.key) \(route.method.authorization) \(integration.kind.rawValue) \(target) "
                    + "\(integration.payloadFormatVersion ?? "-")"
            }
        }
        #expect(facts(a) == facts(b))
        #expect(!facts(a).isEmpty)
        #expect(a.authorizers.map(\.name) == b.authorizers.map(\.name))
    }

    @Test func theComparisonSeesMethods() throws {
        let template = try YAMLReader.read(try SpecCorpus.bytes("golden/petstore/cloudformation.yaml"), file: "t")
        let facts = Self.facts(ofTemplate: template)
        #expect(facts.count == 6)
        #expect(facts.contains { $0.hasPrefix("POST /pets auth=NONE key=true integration=MOCK") })
    }

    /// One line per method: verb, path, authorization, API key, integration and responses.
    static func facts(ofTemplate template: Node) -> [String] {
        let resources = template["Resources"]?.mapping ?? Mapping()
        func path(of reference: Node?) -> String {
            guard let reference, reference.tag == "!Ref", let id = reference.text,
                let properties = resources[id]?["Properties"]
            else { return "" }
            let parent = path(of: properties["ParentId"])
            return (parent == "/" ? "" : parent) + "/" + (properties["PathPart"]?.text ?? "")
        }
        func resourcePath(_ node: Node?) -> String {
            node?.tag == "!GetAtt" ? "/" : path(of: node)
        }
        var lines: [String] = []
        for (_, resource) in resources.entries where resource["Type"]?.string == "AWS::ApiGateway::Method" {
            let p = resource["Properties"]!
            let integration = p["Integration"]
            let responses = (integration?["IntegrationResponses"]?.sequence ?? []).map { r in
                "\(r["StatusCode"]?.text ?? "") " + pairs(r["ResponseParameters"])
            }
            let declared = (p["MethodResponses"]?.sequence ?? []).map { r in
                "\(r["StatusCode"]?.text ?? "") " + (r["ResponseParameters"]?.mapping?.keys.compactMap(\.text) ?? []).joined(separator: ",")
            }
            lines.append(
                [
                    p["HttpMethod"]?.text ?? "", resourcePath(p["ResourceId"]), "auth=\(p["AuthorizationType"]?.text ?? "")",
                    "key=\(p["ApiKeyRequired"]?.text ?? "false")", "integration=\(integration?["Type"]?.text ?? "")",
                    "responses=\(responses)", "declared=\(declared)",
                ].joined(separator: " "))
        }
        return lines.sorted()
    }

    static func facts(ofOpenAPI document: Node) -> [String] {
        let schemes = document["components"]?["securitySchemes"]?.mapping ?? Mapping()
        var lines: [String] = []
        for (pathKey, item) in document["paths"]?.mapping?.entries ?? Mapping().entries {
            for (methodKey, operation) in item.mapping?.entries ?? Mapping().entries {
                guard let name = methodKey.text, let integration = operation["x-amazon-apigateway-integration"] else { continue }
                let verb = name == "x-amazon-apigateway-any-method" ? "ANY" : name.uppercased()
                var auth = "NONE"
                var key = "false"
                for scheme in operation["security"]?[0]?.mapping?.keys.compactMap(\.text) ?? [] {
                    let definition = schemes[scheme]
                    if let authorizer = definition?["x-amazon-apigateway-authorizer"] {
                        auth = authorizer["type"]?.text == "cognito_user_pools" ? "COGNITO_USER_POOLS" : "CUSTOM"
                    } else if definition?["x-amazon-apigateway-authtype"]?.text == "awsSigv4" {
                        auth = "AWS_IAM"
                    } else {
                        key = "true"
                    }
                }
                let integrationResponses = (integration["responses"]?.mapping?.entries).map { entries in
                    entries.map { "\($0.value["statusCode"]?.text ?? "") " + pairs($0.value["responseParameters"]) }
                } ?? []
                let declared = (operation["responses"]?.mapping?.entries ?? Mapping().entries).compactMap { entry -> String? in
                    guard let status = entry.key.text, Int(status) != nil else { return nil }
                    // A response shared through components is read where it is written, as the import does.
                    var response = entry.value
                    while let reference = response["$ref"]?.text, reference.hasPrefix("#/components/responses/"),
                        let target = document["components"]?["responses"]?[String(reference.dropFirst("#/components/responses/".count))]
                    {
                        response = target
                    }
                    let headers = response["headers"]?.mapping?.keys.compactMap { $0.text.map { "method.response.header.\($0)" } } ?? []
                    return "\(status) " + headers.joined(separator: ",")
                }
                lines.append(
                    [
                        verb, pathKey.text ?? "", "auth=\(auth)", "key=\(key)",
                        "integration=\(integration["type"]?.text?.uppercased() ?? "")", "responses=\(integrationResponses)",
                        "declared=\(declared)",
                    ].joined(separator: " "))
            }
        }
        return lines.sorted()
    }

    private static func pairs(_ node: Node?) -> String {
        (node?.mapping?.entries ?? Mapping().entries).map { "\($0.key.text ?? "")=\($0.value.text ?? "")" }.joined(separator: ",")
    }
}

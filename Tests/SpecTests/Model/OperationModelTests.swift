import Diagnostics
import Testing
import YAML
import Spec

/// Operations: merged parameters, bodies, responses, security and kept extensions.
@Suite struct OperationModelTests {
    static let yaml = """
        openapi: 3.0.3
        info: {title: Shop, version: "2"}
        security:
          - bearer: []
        x-amazon-apigateway-api-key-source: HEADER
        x-amazon-apigateway-binary-media-types: [image/png]
        paths:
          /orders/{orderId}:
            x-amazon-apigateway-policy-note: kept on the path item
            parameters:
              - {name: orderId, in: path, required: true}
              - {name: expand, in: query}
              - {name: X-Trace, in: header}
            get:
              operationId: getOrder
              tags: [orders, read]
              parameters:
                - {name: expand, in: query, required: true}
                - {name: fields, in: query}
              responses:
                "200":
                  $ref: "#/components/responses/Order"
                2XX:
                  description: Some success
                default:
                  description: Trouble
              x-amazon-apigateway-integration:
                uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/fn"
                type: aws_proxy
                httpMethod: POST
              x-amazon-apigateway-request-validator: all
              x-other-extension: ignored
            put:
              operationId: replaceOrder
              security: []
              requestBody:
                $ref: "#/components/requestBodies/Order"
              responses:
                "200": {description: Replaced}
            delete:
              operationId: cancelOrder
              security:
                - {}
                - apiKey: []
                  oauth: [orders:write, orders:admin]
              responses:
                "204": {description: Cancelled}
            x-amazon-apigateway-any-method:
              operationId: fallback
              responses:
                default: {description: Anything}
        components:
          responses:
            Order:
              description: One order
              headers:
                ETag: {schema: {type: string}}
                Cache-Control: {schema: {type: string}}
              content:
                application/json: {}
          requestBodies:
            Order:
              required: true
              content:
                application/json: {}
                application/xml: {}
          securitySchemes:
            bearer: {type: http, scheme: bearer}
            apiKey:
              type: apiKey
              in: header
              name: x-api-key
              x-amazon-apigateway-authtype: custom
            oauth: {type: oauth2, flows: {}}
        """

    let model: APIModel
    let diagnostics: [Diagnostic]

    init() throws {
        (model, diagnostics) = try ModelFixtures.build(Self.yaml)
    }

    @Test func readsWithoutProblems() {
        #expect(diagnostics.isEmpty, "\(ModelFixtures.printed(diagnostics))")
    }

    @Test func mergesPathItemAndOperationParametersWithTheOperationWinning() throws {
        let get = try #require(model.operation(id: "getOrder"))
        #expect(get.parameters.map(\.name) == ["orderId", "expand", "X-Trace", "fields"])
        #expect(get.parameters.map(\.origin) == [.pathItem, .operation, .pathItem, .operation])
        #expect(get.parameter("expand", in: .query)?.isRequired == true)
        #expect(get.parameter("X-Trace", in: .header)?.placement == .header)
        // Same name, different `in`: a different parameter.
        #expect(get.parameter("expand", in: .header) == nil)
        let put = try #require(model.operation(id: "replaceOrder"))
        #expect(put.parameter("expand", in: .query)?.isRequired == false)
        #expect(put.parameters.allSatisfy { $0.origin == .pathItem })
    }

    @Test func followsRefsToResponsesAndRequestBodies() throws {
        let get = try #require(model.operation(id: "getOrder"))
        #expect(get.responses.map(\.statusCode) == ["200", "2XX", "default"])
        let ok = try #require(get.response("200"))
        #expect(ok.description == "One order")
        #expect(ok.headerNames == ["ETag", "Cache-Control"])
        #expect(ok.mediaTypes == ["application/json"])
        // The response is located at its status code key, where the operation lists it.
        #expect(ok.location.line == 21)
        let body = try #require(model.operation(id: "replaceOrder")?.requestBody)
        #expect(body.isRequired)
        #expect(body.mediaTypes == ["application/json", "application/xml"])
        #expect(model.operation(id: "getOrder")?.requestBody == nil)
    }

    @Test func appliesRootSecurityUnlessTheOperationHasItsOwnEvenAnEmptyOne() throws {
        let get = try #require(model.operation(id: "getOrder"))
        #expect(get.security.source == .root)
        #expect(get.security.schemeNames == ["bearer"])
        #expect(!get.security.allowsAnonymous)

        let put = try #require(model.operation(id: "replaceOrder"))
        #expect(put.security.source == .operation)
        #expect(put.security.requirements.isEmpty)
        #expect(put.security.allowsAnonymous)

        let delete = try #require(model.operation(id: "cancelOrder"))
        #expect(delete.security.requirements.count == 2)
        #expect(delete.security.allowsAnonymous)
        #expect(delete.security.requirements[1].schemes.map(\.name) == ["apiKey", "oauth"])
        #expect(delete.security.requirements[1].schemes[1].scopes == ["orders:write", "orders:admin"])
        #expect(APIModel.authSummary(delete.security) == "none | apiKey + oauth[orders:write,orders:admin]")
        #expect(APIModel.authSummary(get.security) == "bearer (root)")
        #expect(APIModel.authSummary(put.security) == "none")
    }

    @Test func readsTheAnyMethodExtensionAsTheANYMethod() throws {
        let any = try #require(model.resource(at: "/orders/{orderId}")?.operation(.any))
        #expect(any.operationId == "fallback")
        #expect(any.method.rawValue == "ANY")
        // The ANY operation is a method, not a path item extension.
        #expect(model.resource(at: "/orders/{orderId}")?.extensions.map(\.name) == ["x-amazon-apigateway-policy-note"])
    }

    @Test func keepsGatewayExtensionsAsWrittenAndInOrder() throws {
        let get = try #require(model.operation(id: "getOrder"))
        #expect(get.extensions.map(\.shortName) == ["integration", "request-validator"])
        let integration = try #require(get.extensions[shortName: "integration"])
        #expect(integration.value.mapping?.keys.map(\.text) == ["uri", "type", "httpMethod"])
        #expect(integration.value["uri"]?.tag == "!Sub")
        #expect(integration.location.line == 27)
        #expect(model.extensions.map(\.name) == ["x-amazon-apigateway-api-key-source", "x-amazon-apigateway-binary-media-types"])
        #expect(model.extensions[0].value == "HEADER")
        #expect(model.securityScheme(named: "apiKey")?.extensions.map(\.shortName) == ["authtype"])
    }

    @Test func keepsTagsAndIdsAndLocations() throws {
        let get = try #require(model.operation(id: "getOrder"))
        #expect(get.tags == ["orders", "read"])
        #expect(get.location == SourceLocation(file: "spec.yaml", line: 14, column: 5))
        #expect(model.operations.map(\.operationId) == ["getOrder", "replaceOrder", "cancelOrder", "fallback"])
    }

    @Test func writesTheModelAsStableJSON() throws {
        let first = try JSONWriter.write(model.jsonNode())
        let second = try JSONWriter.write(try ModelFixtures.build(Self.yaml).model.jsonNode())
        #expect(first == second)
        let tree = try JSONReader.read(Array(first.utf8), file: "model.json")
        let orders = try #require(tree["root"]?["children"]?[0])
        #expect(orders["path"]?.string == "/orders")
        let item = try #require(orders["children"]?[0])
        #expect(item["kind"]?.string == "variable")
        let get = try #require(item["operations"]?[0])
        #expect(get["method"]?.string == "GET")
        #expect(get["security"]?["source"]?.string == "root")
        #expect(get["parameters"]?[1]?["origin"]?.string == "operation")
        // CloudFormation short forms become their JSON long form.
        #expect(get["extensions"]?["x-amazon-apigateway-integration"]?["uri"]?["Fn::Sub"]?.string != nil)
        #expect(get["location"]?.string == "spec.yaml:14:5")
        #expect(tree["basePath"]?.string == "/")
    }
}

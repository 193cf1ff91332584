import Diagnostics
import Testing
import YAML
import Plan
import Support
import Read
import Spec

/// CloudFormation functions as the template reader evaluates them: through the values a
/// read plan ends up holding.
@Suite struct IntrinsicResolutionTests {
    static let template = """
        Parameters:
          Origin: {Type: String, Default: https://app.example.com}
          Env: {Type: String, Default: dev}
          NoDefault: {Type: String}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          NotProd: !Not [!Condition IsProd]
        Mappings:
          Hosts:
            dev: {Origin: https://dev.example.com}
        Resources:
          Api:
            Type: AWS::ApiGateway::RestApi
            Properties: {Name: !Sub "${AWS::StackName}-api"}
          Get:
            Type: AWS::ApiGateway::Method
            Properties:
              RestApiId: !Ref Api
              ResourceId: !GetAtt Api.RootResourceId
              HttpMethod: GET
              AuthorizationType: NONE
              Integration:
                Type: MOCK
                Uri: !Sub "https://${Host}/x"
                IntegrationResponses:
                  - StatusCode: 200
                    ResponseParameters:
                      method.response.header.A: !Sub "'${Origin}'"
                      method.response.header.B: !Join [",", ["'GET", "PUT'"]]
                      method.response.header.C: !If [IsProd, "'https://prod.example.com'", !Sub "'${!Literal}'"]
                      method.response.header.D: !FindInMap [Hosts, !Ref Env, Origin]
                      method.response.header.E: !Select [1, !Split [",", "a,b,c"]]
                      method.response.header.F: !If [NotProd, !Ref AWS::NoValue, x]
                      method.response.header.G: !Sub ["${Scheme}://${AWS::Region}", {Scheme: https}]
                      method.response.header.H: !GetAtt Api.RootResourceId
                      method.response.header.I: !Ref NoDefault
        """

    static func read(_ text: String = template, file: String = "t.yaml", parameters: [String: String] = [:]) throws -> (
        GatewayPlan?, [Diagnostic]
    ) {
        GatewayPlanReader.read(try YAMLReader.read(Array(text.utf8), file: file), file: file, parameters: parameters)
    }

    static func headers(_ plan: GatewayPlan?) -> [String: String] {
        var result: [String: String] = [:]
        for pair in plan?.resource(at: "/")?.method("GET")?.integration.responses.first?.responseParameters ?? [] {
            result[String(pair.name.dropFirst("method.response.header.".count))] = pair.value
        }
        return result
    }

    @Test func evaluatesWhatTheTemplateAloneDecides() throws {
        let (plan, _) = try Self.read()
        let headers = Self.headers(plan)
        #expect(headers["A"] == "'https://app.example.com'")
        #expect(headers["B"] == "'GET,PUT'")
        #expect(headers["C"] == "'${Literal}'")
        #expect(headers["D"] == "https://dev.example.com")
        #expect(headers["E"] == "b")
        // AWS::NoValue removes the property altogether.
        #expect(headers["F"] == nil)
    }

    @Test func passedInValuesWinOverDefaultsAndFillPseudoParameters() throws {
        let (plan, diagnostics) = try Self.read(parameters: ["Env": "prod", "AWS::Region": "eu-west-1", "NoDefault": "n"])
        let headers = Self.headers(plan)
        #expect(headers["C"] == "'https://prod.example.com'")
        #expect(headers["F"] == "x")
        #expect(headers["G"] == "https://eu-west-1")
        #expect(headers["I"] == "n")
        #expect(!diagnostics.contains { $0.message.contains("header.G") })
    }

    @Test func reportsWhatCannotBeKnownBeforeDeployment() throws {
        let (plan, diagnostics) = try Self.read()
        let unresolved = diagnostics.filter { $0.code == ReadDiagnosticCode.unresolvedValue }
        // G needs AWS::Region, H an attribute of a created resource, I a parameter without a value.
        #expect(unresolved.count == 3)
        #expect(unresolved.allSatisfy { $0.severity == .warning && $0.location?.file == "t.yaml" })
        #expect(unresolved.contains { $0.message.contains("pseudo parameter AWS::Region") && $0.location?.line == 34 })
        #expect(unresolved.contains { $0.message.contains("NoDefault has no Default") })
        // The unevaluated value stays visible in its short form.
        #expect(Self.headers(plan)["H"] == "!GetAtt Api.RootResourceId")
        // Values the plan keeps as nodes stay as written when they cannot be evaluated.
        let uri = plan?.resource(at: "/")?.method("GET")?.integration.uri
        #expect(uri?.tag == "!Sub" && uri?.text == "https://${Host}/x")
        #expect(plan?.api.name.tag == "!Sub")
        #expect(diagnostics.contains { $0.code == ReadDiagnosticCode.undefinedReference && $0.message.contains("Host") })
    }

    @Test func jsonLongFormsReadLikeYAMLShortForms() throws {
        let json = """
            {"Parameters": {"Origin": {"Type": "String", "Default": "https://app.example.com"}},
             "Resources": {
               "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": {"Fn::Sub": "${AWS::StackName}-api"}}},
               "Get": {"Type": "AWS::ApiGateway::Method", "Properties": {
                 "RestApiId": {"Ref": "Api"}, "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]},
                 "HttpMethod": "GET", "AuthorizationType": "NONE",
                 "Integration": {"Type": "MOCK", "IntegrationResponses": [{"StatusCode": 200,
                   "ResponseParameters": {"method.response.header.A": {"Fn::Sub": "'${Origin}'"}}}]}}}}}
            """
        let tree = try JSONReader.read(Array(json.utf8), file: "t.json")
        let (plan, _) = GatewayPlanReader.read(tree, file: "t.json")
        #expect(Self.headers(plan)["A"] == "'https://app.example.com'")
        #expect(plan?.api.name == Node(.scalar(Scalar(text: "${AWS::StackName}-api", kind: .string)), tag: "!Sub"))
        #expect(IntrinsicFunctions.collapsingLongForms(["Fn::GetAtt": ["A", "B"]]) == Node(.scalar(Scalar(text: "A.B", kind: .string)), tag: "!GetAtt"))
    }

    @Test func conditionsDecideWhichResourcesExist() throws {
        let text = """
            Parameters: {Env: {Type: String, Default: dev}, Flag: {Type: String}}
            Conditions: {IsProd: !Equals [!Ref Env, prod], Unknown: !Equals [!Ref Flag, on]}
            Resources:
              Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: a}}
              Prod:
                Type: AWS::ApiGateway::Resource
                Condition: IsProd
                Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: prod}
              Maybe:
                Type: AWS::ApiGateway::Resource
                Condition: Unknown
                Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: maybe}
            """
        let (plan, diagnostics) = try Self.read(text)
        #expect(plan?.resources.map(\.path) == ["/", "/maybe"])
        #expect(diagnostics.map(\.code) == [ReadDiagnosticCode.unknownCondition.id])
        #expect(diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 11, column: 16))
        let (prod, _) = try Self.read(text, parameters: ["Env": "prod", "Flag": "off"])
        #expect(prod?.resources.map(\.path) == ["/", "/prod"])
    }
}

import Diagnostics
import Foundation
import Plan
import Read
import TestSupport
import Testing
import YAML

/// SAM's HTTP APIs (`AWS::Serverless::HttpApi`, functions' `HttpApi` events) read as the API
/// SAM's transform deploys. The oracle is the transform itself: each template is translated by
/// `aws-sam-translator` (`scripts/sam_translate.py`, as `SAMOracleTests` runs it) when the test
/// runs, and reading the SAM template must give the plan that reading the translation gives,
/// whole: routes, integrations, authorization and scopes, authorizers, CORS, stage, the
/// permissions of the events, and the routes of the document.
///
/// The templates are written to take each path of the transform: an explicit API with a CORS
/// mapping, JWT and Lambda authorizers and a default; the implicit API with `Globals`, a
/// catch-all and a trailing slash; a `DefinitionBody` the events add to, with IAM, a default with
/// scopes, `FailOnWarnings`, `Name`, `Description` and the stage's settings.
@Suite struct SAMHTTPAPIReadTests {
    /// An explicit API: CorsConfiguration with every key, StageName, JWT and Lambda request
    /// authorizers, a DefaultAuthorizer; events with ANY, a payload format, scopes and NONE.
    static let explicitAPI = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Resources:
          NotesApi:
            Type: AWS::Serverless::HttpApi
            Properties:
              StageName: live
              CorsConfiguration:
                AllowOrigins: [https://app.example.com]
                AllowMethods: [GET, POST, DELETE]
                AllowHeaders: [authorization, content-type]
                ExposeHeaders: [x-request-id]
                MaxAge: 600
                AllowCredentials: true
              Auth:
                DefaultAuthorizer: Jwt
                Authorizers:
                  Jwt:
                    IdentitySource: $request.header.Authorization
                    JwtConfiguration:
                      issuer: https://issuer.example.com
                      audience: [notes]
                  Lambda:
                    FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth
                    FunctionInvokeRole: arn:aws:iam::123456789012:role/invoke
                    AuthorizerPayloadFormatVersion: "2.0"
                    EnableSimpleResponses: true
                    Identity:
                      Headers: [Authorization]
                      QueryStrings: [token]
                      ReauthorizeEvery: 60
          NotesFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: notes.handler
              CodeUri: s3://bucket/notes.zip
              Events:
                List:
                  Type: HttpApi
                  Properties: {ApiId: !Ref NotesApi, Path: /notes, Method: get}
                Note:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref NotesApi
                    Path: /notes/{id}
                    Method: ANY
                    PayloadFormatVersion: "1.0"
                    Auth: {Authorizer: Lambda}
                Admin:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref NotesApi
                    Path: /admin
                    Method: post
                    Auth: {Authorizer: Jwt, AuthorizationScopes: [admin]}
                Health:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref NotesApi
                    Path: /health
                    Method: get
                    Auth: {Authorizer: NONE}
        """

    /// No HttpApi: the implicit ServerlessHttpApi, configured by Globals; a catch-all event
    /// with no properties (the `$default` route, whose permission covers the function's other
    /// routes), a trailing slash, a timeout, and a second function.
    static let implicitAPI = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          HttpApi:
            CorsConfiguration: true
        Resources:
          ShopFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: shop.handler
              CodeUri: s3://bucket/shop.zip
              Events:
                Everything:
                  Type: HttpApi
                Item:
                  Type: HttpApi
                  Properties:
                    Path: /items/{id}/
                    Method: GET
                    TimeoutInMillis: 5000
          StockFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: stock.handler
              CodeUri: s3://bucket/stock.zip
              Events:
                Put:
                  Type: HttpApi
                  Properties: {Path: /items, Method: put}
                Files:
                  Type: HttpApi
                  Properties: {Path: "/files/{proxy+}", Method: any}
        """

    /// A DefinitionBody of the team's own (HTTP proxies and a catch-all), which events add to:
    /// an existing route keeps its integration; IAM, a default with scopes, FailOnWarnings,
    /// Name, Description, and the stage's variables, log and default route settings.
    static let definitionBody = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          ShopApi:
            Type: AWS::Serverless::HttpApi
            Properties:
              Name: shop
              Description: the shop
              FailOnWarnings: true
              StageVariables: {color: blue}
              AccessLogSettings:
                DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:shop
                Format: $context.requestId
              DefaultRouteSettings: {ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5}
              CorsConfiguration:
                AllowOrigins: [https://a.example.com, https://b.example.com]
                AllowHeaders: [authorization]
              Auth:
                EnableIamAuthorizer: true
                DefaultAuthorizer: Jwt
                Authorizers:
                  Jwt:
                    AuthorizationScopes: [read]
                    IdentitySource: $request.header.Authorization
                    JwtConfiguration: {Issuer: https://issuer.example.com, Audience: shop}
              DefinitionBody:
                openapi: "3.0.1"
                info: {title: !Ref AWS::StackName, version: "1"}
                paths:
                  /things:
                    get:
                      x-amazon-apigateway-integration:
                        type: http_proxy
                        httpMethod: GET
                        uri: https://backend.example.com/things
                        payloadFormatVersion: "1.0"
                  $default:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration:
                        type: http_proxy
                        httpMethod: ANY
                        uri: https://backend.example.com
                        payloadFormatVersion: "1.0"
          AdminFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: admin.handler
              CodeUri: s3://bucket/admin.zip
              Events:
                Remove:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref ShopApi
                    Path: /things/{id}
                    Method: delete
                    Auth: {Authorizer: AWS_IAM}
                Things:
                  Type: HttpApi
                  Properties: {ApiId: !Ref ShopApi, Path: /things, Method: get}
                Preflight:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref ShopApi
                    Path: /things/{id}
                    Method: options
        """

    static let templates: [String: String] = [
        "explicit-api": explicitAPI, "implicit-api": implicitAPI, "definition-body": definitionBody,
    ]

    @Test(arguments: templates.keys.sorted())
    func readsThePlanSAMsTransformDeploys(name: String) throws {
        let template = try #require(Self.templates[name])
        let translation = try #require(try SAMTranslator.translate(template, name: "sam-http-\(name)").translation)
        let sam = try Self.read(template)
        let oracle = GatewayPlanReader.reading(try DocumentReader.read(Array(translation.utf8), file: "out.json"), file: "out.json")
        let read = try #require(sam.plan, "\(sam.diagnostics)")
        let expected = try #require(oracle.plan, "\(oracle.diagnostics)")
        #expect(read.kind == .http && expected.kind == .http)
        #expect(!read.resources.isEmpty && !read.lambdaPermissions.isEmpty)
        #expect(Self.canonical(read) == Self.canonical(expected))
        #expect(sam.diagnostics.isEmpty, "\(sam.diagnostics)")
        #expect(sam.sam?.kind == .http)
    }

    // MARK: - What each template plans

    /// The explicit API, fact by fact, as derived by hand from SAM's rules (and agreeing with
    /// the translation above): the default authorizer on every route but the one that says
    /// NONE, the Lambda authorizer's identity sources as SAM prefixes them, ANY as a route.
    @Test func plansTheExplicitAPI() throws {
        let plan = try #require(try Self.read(Self.explicitAPI).plan)
        #expect(plan.api.name == Node(.scalar(Scalar(text: "AWS::StackName", kind: .string)), tag: "!Ref"))
        #expect(plan.stage.name == "live")
        #expect(
            plan.cors
                == CORSConfiguration(
                    allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST", "DELETE"],
                    allowHeaders: ["authorization", "content-type"], exposeHeaders: ["x-request-id"], maxAge: 600,
                    allowCredentials: true))
        let routes = plan.routes.map { "\($0.key) \($0.method.authorization.type) \($0.method.authorization.authorizerName ?? "-") \($0.method.authorization.scopes) \($0.method.integration.payloadFormatVersion ?? "-")" }
        #expect(
            routes == [
                "POST /admin JWT Jwt [\"admin\"] 2.0", "GET /health NONE - [] 2.0", "GET /notes JWT Jwt [] 2.0",
                "ANY /notes/{id} CUSTOM Lambda [] 1.0",
            ])
        let lambda = try #require(plan.authorizers.first { $0.name == "Lambda" })
        #expect(lambda.type == "REQUEST")
        #expect(lambda.identitySource == "$request.header.Authorization, $request.querystring.token")
        #expect(lambda.resultTTLInSeconds == 60)
        #expect(lambda.payloadFormatVersion == "2.0" && lambda.enableSimpleResponses == true)
        #expect(lambda.credentials == .string("arn:aws:iam::123456789012:role/invoke"))
        let jwt = try #require(plan.authorizers.first { $0.name == "Jwt" })
        #expect(jwt.jwtConfiguration == JWTConfiguration(issuer: .string("https://issuer.example.com"), audience: [.string("notes")]))
        #expect(plan.lambdaPermissions.map { "\($0.httpMethod) \($0.path)" } == ["GET /notes", "ANY /notes/{id}", "POST /admin", "GET /health"])
    }

    /// The catch-all is the `$default` route, and its function's permission covers its other
    /// route: SAM writes no second permission for GET /items/{id}.
    @Test func plansTheImplicitAPIWithItsCatchAll() throws {
        let reading = try Self.read(Self.implicitAPI)
        let plan = try #require(reading.plan)
        #expect(plan.routes.map(\.key) == ["ANY /files/{proxy+}", "PUT /items", "GET /items/{id}", "$default"])
        #expect(plan.stage.name == "$default")
        #expect(plan.cors?.allowOrigins == ["*"])
        #expect(plan.resource(at: "/items/{id}")?.method("GET")?.integration.timeoutInMillis == 5000)
        #expect(plan.lambdaPermissions.map { "\($0.httpMethod) \($0.path)" } == ["ANY /", "PUT /items", "ANY /files/{proxy+}"])
        #expect(reading.sam?.apiID == "ServerlessHttpApi" && reading.sam?.isImplicit == true)
        #expect(reading.sam?.settingsOwner == "HttpApi under Globals")
        #expect(reading.sam?.globals?.line == 4)
    }

    /// Events add to a written definition but leave a route with an integration as written;
    /// the default authorizer (with its scopes) reaches every route but OPTIONS.
    @Test func addsEventsToAWrittenDefinition() throws {
        let plan = try #require(try Self.read(Self.definitionBody).plan)
        let routes = plan.routes.map { "\($0.key) \($0.method.integration.kind.rawValue) \($0.method.authorization.type) \($0.method.authorization.scopes)" }
        #expect(
            routes == [
                "GET /things HTTP_PROXY JWT [\"read\"]", "DELETE /things/{id} AWS_PROXY AWS_IAM []",
                "OPTIONS /things/{id} AWS_PROXY NONE []", "$default HTTP_PROXY JWT [\"read\"]",
            ])
        #expect(plan.api.name == .string("shop") && plan.api.description == .string("the shop"))
        #expect(plan.stage.variables == [Mapped("color", "blue")])
        #expect(plan.stage.accessLog?.format == "$context.requestId")
        #expect(plan.stage.methodSettings.first?.throttlingBurstLimit == 10)
        // With FailOnWarnings the catch-all is written as the path /$default.
        #expect(plan.resource(at: "$default")?.method("ANY")?.source == OperationSource(path: "/$default", method: "x-amazon-apigateway-any-method"))
    }

    /// A route the event adds is placed at the event, its security at the authorizer that
    /// decides it, and the CORS settings at the CorsConfiguration's own values.
    @Test func placesWhatItWritesAtTheSAMProperties() throws {
        let reading = try Self.read(Self.explicitAPI)
        #expect(reading.locations[.method("ANY", "/notes/{id}")]?.line == 42)
        #expect(reading.locations[.authorization("ANY", "/notes/{id}")]?.line == 49)
        #expect(reading.locations[.authorization("GET", "/notes")]?.line == 16)
        #expect(reading.locations[.corsSetting("allowOrigins")]?.line == 9)
        #expect(reading.sam?.cors?.line == 9)
        #expect(reading.sam?.defaultAuthorizer == "Jwt")
    }

    // MARK: - What SAM refuses, and what a plan cannot hold

    /// A minimal HTTP API with one event; `properties` go under the API's Properties (from
    /// line 7), `event` under the event's Properties (from line 20).
    static func template(properties: String, event: String = "") -> String {
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Api:
            Type: AWS::Serverless::HttpApi
            Properties:
              StageName: prod

        """ + properties + """
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              CodeUri: s3://bucket/app.zip
              Events:
                Get:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref Api
                    Path: /items
                    Method: get

        """ + event
    }

    static let refused: [(what: String, line: Int, properties: String, event: String)] = [
        ("credentials with the origin *", 9, "      CorsConfiguration:\n        AllowOrigins: ['*']\n        AllowCredentials: true\n", ""),
        ("an unknown CorsConfiguration key", 8, "      CorsConfiguration:\n        AllowOrigin: https://a.example.com\n", ""),
        ("a DefaultAuthorizer the Authorizers lack", 8,
         "      Auth:\n        DefaultAuthorizer: Missing\n        Authorizers:\n          Jwt:\n            IdentitySource: $request.header.Authorization\n            JwtConfiguration: {issuer: https://i.example.com, audience: [a]}\n", ""),
        ("an authorizer the API does not define", 21, "", "            Auth:\n              Authorizer: Missing\n"),
        ("Authorizer NONE without a default", 21, "", "            Auth:\n              Authorizer: NONE\n"),
        ("AWS_IAM without EnableIamAuthorizer", 21, "", "            Auth:\n              Authorizer: AWS_IAM\n"),
        ("a Lambda authorizer without a payload format", 10,
         "      Auth:\n        Authorizers:\n          Lambda:\n            FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:a\n", ""),
    ]

    /// What SAM's transform refuses, the reader reports as READ027 at the line: the same
    /// templates fail both.
    @Test(arguments: refused.indices)
    func refusesWhatSAMsTransformRefuses(index: Int) throws {
        let (what, line, properties, event) = Self.refused[index]
        let template = Self.template(properties: properties, event: event)
        let run = try SAMTranslator.translate(template, name: "sam-http-refused-\(index)")
        #expect(run.status == 2, "SAM's transform accepts \(what): \(run.output)")
        let reading = try Self.read(template)
        let found = reading.diagnostics.filter { $0.code == ReadDiagnosticCode.samRefused.id }
        #expect(found.map(\.location?.line) == [line], "\(what): \(reading.diagnostics)")
    }

    /// Route settings (the API's and an event's), a custom domain and a disabled default
    /// endpoint deploy, but a plan has no place for them: READ035 at each, and the rest of the
    /// API is read as the transform writes it.
    @Test func saysWhatAPlanCannotHold() throws {
        let template = Self.template(
            properties: """
                      RouteSettings:
                        "GET /items": {ThrottlingBurstLimit: 3}
                      DisableExecuteApiEndpoint: true
                      Domain:
                        DomainName: api.example.com
                        CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc

                """,
            event: "            RouteSettings: {ThrottlingRateLimit: 1}\n")
        let run = try SAMTranslator.translate(template, name: "sam-http-not-held")
        let translated = try #require(run.translation, "\(run.output)")
        #expect(translated.contains("\"RouteSettings\"") && translated.contains("AWS::ApiGatewayV2::DomainName"))
        #expect(translated.contains("\"disableExecuteApiEndpoint\": true"))
        let reading = try Self.read(template)
        let found = reading.diagnostics.filter { $0.code == ReadDiagnosticCode.samHTTPNotHeld.id }
        #expect(found.map(\.location?.line) == [26, 8, 11, 9], "\(reading.diagnostics)")
        #expect(reading.diagnostics.count == found.count)
        #expect(reading.plan?.routes.map(\.key) == ["GET /items"])
    }

    /// A DefinitionUri is an HTTP API whose definition is not read (READ004), and SAM refuses
    /// the properties it would write into it.
    @Test func readsADefinitionInS3AsNotRead() throws {
        let template = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  DefinitionUri: s3://bucket/api.yaml
                  CorsConfiguration: true
            """
        let reading = try Self.read(template)
        #expect(reading.plan?.kind == .http)
        #expect(reading.diagnostics.map { "\($0.code) \($0.location?.line ?? 0)" } == ["READ027 7", "READ004 6"])
        #expect(try SAMTranslator.translate(template, name: "sam-http-uri").status == 2)
    }

    /// A template with a SAM REST API and a SAM HTTP API reads the REST API, as it would with
    /// the CloudFormation the transform writes, and names the HTTP API it leaves.
    @Test func readsTheRESTAPIBesideAnHTTPAPI() throws {
        let template = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Http:
                Type: AWS::Serverless::HttpApi
              Rest:
                Type: AWS::Serverless::Api
                Properties: {StageName: prod}
            """
        let reading = try Self.read(template)
        #expect(reading.plan?.kind == .rest)
        #expect(reading.sam?.apiID == "Rest" && reading.sam?.kind == .rest)
        #expect(reading.diagnostics.map { "\($0.code) \($0.location?.line ?? 0)" } == ["READ003 3"])
    }

    // MARK: - Helpers

    static func read(_ text: String) throws -> GatewayReading {
        GatewayPlanReader.reading(try YAMLReader.read(Array(text.utf8), file: "t.yaml"), file: "t.yaml")
    }

    /// A plan with what SAM orders by Python 2.7's hashing put in one order: the authorizers
    /// by name, the permissions by route, and the document's mappings by key. The document
    /// drops what the plan does not read (SAM's `httpapi:createdBy` tag) and the requirements
    /// of the scheme `NONE` that SAM writes for `Authorizer: NONE`, which the expansion writes
    /// as no security.
    static func canonical(_ plan: GatewayPlan) -> GatewayPlan {
        var plan = plan
        plan.authorizers.sort { $0.name < $1.name }
        plan.lambdaPermissions.sort { ($0.path, $0.httpMethod) < ($1.path, $1.httpMethod) }
        if var document = plan.document?.mapping {
            document["tags"] = nil
            plan.document = sorted(.mapping(document))
        }
        return plan
    }

    static func sorted(_ node: Node) -> Node {
        if let items = node.sequence {
            let kept = items.filter { $0.mapping?.keys.contains { $0.text == "NONE" } != true }
            return Node(.sequence(kept.map(sorted)), tag: node.tag)
        }
        guard let fields = node.mapping else { return node }
        let entries = fields.entries.map { ($0.key, sorted($0.value)) }.sorted { ($0.0.text ?? "") < ($1.0.text ?? "") }
        return Node(.mapping(Mapping(entries)), tag: node.tag)
    }
}

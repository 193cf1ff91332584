import Diagnostics
import Testing
import YAML
import Plan
import Spec
import CORS
import Planning

/// A spec and a policy planned as an HTTP API (`--api http`): what it keeps, what it turns into
/// an HTTP API's own (JWT authorizers, one CORS configuration, payload formats), and what it
/// refuses or leaves out at its place.
@Suite struct HTTPAPIPlanningTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Orders, version: '1'}
        paths:
          /orders:
            get:
              operationId: listOrders
              security: [{oidc: [orders.read]}]
              responses: {'200': {description: ok}}
            post:
              security: [{sigv4: []}]
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders/invocations
                payloadFormatVersion: '1.0'
              responses: {'201': {description: created}}
          /orders/{id}:
            get:
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              security: [{custom: []}]
              responses: {'200': {description: ok}}
        components:
          securitySchemes:
            oidc:
              type: openIdConnect
              openIdConnectUrl: https://login.example.com/.well-known/openid-configuration
            sigv4:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: awsSigv4
            custom:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authorizer:
                type: request
                identitySource: method.request.header.Authorization, method.request.querystring.tenant
                authorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations
        """

    static func plan(
        _ spec: String = spec, policy: String? = nil, settings: APISettings = http(),
        integrations: IntegrationSettings = IntegrationSettings(backend: .lambdaProxy(functionARN: nil), stageName: "$default")
    ) throws -> (GatewayPlan, [Diagnostic]) {
        let root = try YAMLReader.read(Array(spec.utf8), file: "openapi.yaml")
        let (model, _) = APIModelBuilder.build(from: LoadedSpec(entryFile: "openapi.yaml", root: root))
        let cors = try policy.map { try CORSPolicyReader.read(Array($0.utf8), file: "cors.yaml").policy }
        return GatewayPlanner(settings: integrations, api: settings).plan(model, document: root, cors: cors)
    }

    static func http(jwt: [JWTAuthorizerSetting] = [JWTAuthorizerSetting(scheme: "oidc", audience: ["orders-app"])]) -> APISettings {
        var settings = APISettings()
        settings.kind = .http
        settings.jwtAuthorizers = jwt
        return settings
    }

    static func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.code) }

    @Test func theRoutesIntegrationsAndAuthorizersAreAnHTTPAPIs() throws {
        let (plan, diagnostics) = try Self.plan()
        #expect(plan.kind == .http)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        #expect(plan.routes.map(\.key) == ["GET /orders", "POST /orders", "GET /orders/{id}"])
        #expect(plan.stage.name == "$default")
        let methods = plan.routes.map(\.method)
        // The default backend: Lambda with format 2.0; the written one keeps its 1.0.
        #expect(methods.map(\.integration.kind) == [.awsProxy, .awsProxy, .awsProxy])
        #expect(methods.map(\.integration.payloadFormatVersion) == ["2.0", "1.0", "2.0"])
        #expect(methods.allSatisfy { $0.integration.passthroughBehavior == nil && $0.requestParameters.isEmpty })
        #expect(methods.map(\.authorization.type) == ["JWT", "AWS_IAM", "CUSTOM"])
        #expect(methods[0].authorization.authorizerName == "oidc")
        #expect(methods[0].authorization.scopes == ["orders.read"])
        #expect(plan.authorizers.map(\.name) == ["oidc", "custom"])
        let jwt = try #require(plan.authorizers.first)
        #expect(jwt.type == "JWT")
        #expect(jwt.identitySource == "$request.header.Authorization")
        // The issuer from the OpenID Connect discovery URL, the audience from the settings.
        #expect(jwt.jwtConfiguration?.issuer?.text == "https://login.example.com")
        #expect(jwt.jwtConfiguration?.audience.map(\.text) == ["orders-app"])
        let request = try #require(plan.authorizers.last)
        #expect(request.type == "REQUEST")
        #expect(request.identitySource == "$request.header.Authorization, $request.querystring.tenant")
        // A REST API's request authorizer was written for the 1.0 event, which is what it keeps.
        #expect(request.payloadFormatVersion == "1.0")
        #expect(plan.gatewayResponses.isEmpty && plan.requestValidators.isEmpty && plan.usagePlans.isEmpty)
        #expect(plan.cors == nil)
    }

    @Test func theSettingsIssuerWinsAndAMissingAudienceIsRefusedAtTheScheme() throws {
        let issuer = JWTAuthorizerSetting(scheme: "oidc", issuer: "https://issuer.example.com", audience: ["a", "b"])
        let (plan, _) = try Self.plan(settings: Self.http(jwt: [issuer]))
        #expect(plan.authorizers.first?.jwtConfiguration?.issuer?.text == "https://issuer.example.com")
        #expect(plan.authorizers.first?.jwtConfiguration?.audience.map(\.text) == ["a", "b"])
        let (_, diagnostics) = try Self.plan(settings: Self.http(jwt: []))
        let missing = try #require(diagnostics.first { $0.code == HTTPAPIError.jwtIncomplete.id })
        #expect(missing.severity == .error)
        #expect(missing.location?.line == 24)
        #expect(missing.message.contains("needs an audience"))
        #expect(missing.message.contains("jwt: {oidc: {issuer: https://…, audience: [CLIENT_ID]}}"))
    }

    @Test func aTokenAuthorizerIsRefusedAtItsTypeAndACognitoPoolBecomesJWT() throws {
        let token = Self.spec.replacing("type: request\n", with: "type: token\n")
        let (_, diagnostics) = try Self.plan(token)
        let refused = try #require(diagnostics.first { $0.code == HTTPAPIError.authorizerType.id })
        #expect(refused.location?.line == 37)
        #expect(refused.message.contains("write type: request with identitySource: $request.header.Authorization"))

        let cognito = Self.spec.replacing(
            "        type: request\n", with: "        type: cognito_user_pools\n        providerARNs: [arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC]\n")
        var settings = Self.http()
        settings.jwtAuthorizers.append(JWTAuthorizerSetting(scheme: "custom", audience: ["client-1"]))
        let (plan, found) = try Self.plan(cognito, settings: settings)
        #expect(found.filter { $0.severity == .error }.isEmpty, "\(found)")
        let pool = try #require(plan.authorizers.first { $0.name == "custom" })
        #expect(pool.type == "JWT")
        #expect(pool.jwtConfiguration?.issuer?.text == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC")
        #expect(plan.resource(at: "/orders/{id}")?.method("GET")?.authorization.type == "JWT")
    }

    @Test func severalSecurityRequirementsAreRefusedAsTheImportDoes() throws {
        let spec = Self.spec.replacing("security: [{custom: []}]", with: "security: [{custom: []}, {sigv4: []}]")
        let (_, diagnostics) = try Self.plan(spec)
        let refused = diagnostics.filter { $0.code == HTTPAPIError.alternativeSecurity.id }
        #expect(refused.map(\.severity) == [.error])
        #expect(refused.first?.location?.line == 20)
        // A REST API takes the first, with a warning.
        var rest = APISettings()
        rest.kind = .rest
        let (_, restDiagnostics) = try Self.plan(spec, settings: rest)
        #expect(restDiagnostics.contains { $0.code == PlanError.alternativeSecurity.id && $0.severity == .warning })
    }

    @Test func integrationsAnHTTPAPIDoesNotHaveAreRefusedWhereTheyAreWritten() throws {
        let mock = Self.spec.replacing("type: aws_proxy", with: "type: mock")
        let (_, diagnostics) = try Self.plan(mock)
        let refused = diagnostics.filter { $0.code == HTTPAPIError.integrationType.id }
        #expect(refused.count == 1)
        #expect(refused.first?.location?.line == 11)
        #expect(refused.first?.message.hasPrefix("POST /orders has a mock integration") == true)

        let (_, defaults) = try Self.plan(integrations: IntegrationSettings(backend: .mock, stageName: "$default"))
        let backend = try #require(defaults.first { $0.code == HTTPAPIError.integrationType.id })
        #expect(backend.message.hasPrefix("GET /orders and 1 more carry no x-amazon-apigateway-integration"))
        #expect(backend.location?.line == 5)

        let wrongVersion = Self.spec.replacing("payloadFormatVersion: '1.0'", with: "payloadFormatVersion: '3.0'\n        timeoutInMillis: 45000")
        let (_, settings) = try Self.plan(wrongVersion)
        #expect(settings.filter { $0.code == HTTPAPIError.integrationSetting.id }.map(\.message) == [
            "POST /orders's integration has payloadFormatVersion 3.0, and a Lambda integration takes 1.0 or 2.0; correct it (--repair cannot fix this)",
            "POST /orders's integration has timeoutInMillis 45000, and an HTTP API's integrations take 50 to 30000 (30 s, which AWS does not raise); correct it (--repair cannot fix this)",
        ])
    }

    @Test func anHTTPProxyBackendIsFormat10() throws {
        let (plan, _) = try Self.plan(integrations: IntegrationSettings(backend: .httpProxy(baseURL: "https://backend.example.com"), stageName: "$default"))
        let get = try #require(plan.resource(at: "/orders/{id}")?.method("GET"))
        #expect(get.integration.kind == .httpProxy)
        #expect(get.integration.uri?.text == "https://backend.example.com/orders/{id}")
        #expect(get.integration.payloadFormatVersion == "1.0")
        #expect(get.integration.requestParameters.isEmpty)
    }

    static let policy = """
        allowOrigins: [https://shop.example.com, https://admin.example.com]
        allowHeaders: [Content-Type]
        exposeHeaders: [X-Request-Id]
        allowCredentials: true
        maxAge: 600
        """

    @Test func thePolicyBecomesTheOneCORSConfiguration() throws {
        let (plan, diagnostics) = try Self.plan(policy: Self.policy)
        let cors = try #require(plan.cors)
        #expect(cors.allowOrigins == ["https://shop.example.com", "https://admin.example.com"])
        #expect(cors.allowMethods == ["GET", "POST"])
        // The routes' credentials (a JWT and a request authorizer read Authorization, a SigV4
        // signature sends X-Amz-Date): a browser must be allowed to send them.
        #expect(cors.allowHeaders == ["Content-Type", "Authorization", "X-Amz-Date"])
        #expect(cors.exposeHeaders == ["X-Request-Id"])
        #expect(cors.maxAge == 600)
        #expect(cors.allowCredentials)
        let added = diagnostics.filter { $0.code == HTTPAPIError.identityHeaderAllowed.id }
        #expect(added.map(\.message) == [
            "the CORS configuration allows request header Authorization, which GET /orders (and routes of 1 more path) sends but the policy's "
                + "allowHeaders does not list, since a browser would block the call without it; add Authorization to allowHeaders to say "
                + "so in the policy",
            "the CORS configuration allows request header X-Amz-Date, which POST /orders sends but the policy's allowHeaders does not "
                + "list, since a browser would block the call without it; add X-Amz-Date to allowHeaders to say so in the policy",
        ])
        #expect(added.first?.location == SourceLocation(file: "openapi.yaml", line: 5, column: 5))
        // A header parameter is sent too.
        let withHeader = Self.spec.replacing(
            "      parameters: [{name: id, in: path, required: true, schema: {type: string}}]",
            with: "      parameters: [{name: id, in: path, required: true, schema: {type: string}}, {name: X-Tenant, in: header, schema: {type: string}}]")
        #expect(try Self.plan(withHeader, policy: Self.policy).0.cors?.allowHeaders == ["Content-Type", "Authorization", "X-Amz-Date", "X-Tenant"])
        // No preflight methods: API Gateway answers them itself.
        #expect(plan.routes.allSatisfy { $0.method.role == .operation })
    }

    @Test func whatOneConfigurationCannotSayIsSaidAtThePolicysLine() throws {
        let policy = """
            allowOrigins: [https://shop.example.com, 'https://*.preview.example.com']
            preflightStatus: 200
            gatewayResponses: [DEFAULT_4XX]
            rules:
              - paths: [/orders/*]
                allowOrigins: [https://admin.example.com]
            """
        let (plan, diagnostics) = try Self.plan(policy: policy)
        #expect(plan.cors?.allowOrigins == ["https://shop.example.com"])
        let found = diagnostics.filter { $0.code.hasPrefix("HTTP") && $0.code != HTTPAPIError.identityHeaderAllowed.id }
        #expect(found.map(\.code) == [HTTPAPIError.corsRule.id, HTTPAPIError.originPattern.id, HTTPAPIError.corsSettingIgnored.id, HTTPAPIError.corsSettingIgnored.id])
        #expect(found.map(\.severity) == [.error, .error, .warning, .warning])
        #expect(found.map { $0.location?.line } == [5, 1, 2, 3])
        #expect(found[1].message.hasPrefix("https://*.preview.example.com is an origin pattern"))
        #expect(found[2].message == "preflightStatus has no place in an HTTP API's CORS configuration: API Gateway answers every preflight with 204; it is left out")
    }

    @Test func aCatchAllThatRequiresAuthorizationGetsAnOpenOptionsRoute() throws {
        let spec = """
            openapi: 3.0.3
            info: {title: Proxy, version: '1'}
            paths:
              /{proxy+}:
                x-amazon-apigateway-any-method:
                  security: [{oidc: []}]
                  parameters: [{name: proxy, in: path, required: true, schema: {type: string}}]
                  responses: {'200': {description: ok}}
            components:
              securitySchemes:
                oidc: {type: openIdConnect, openIdConnectUrl: https://login.example.com/.well-known/openid-configuration}
            """
        let (plan, diagnostics) = try Self.plan(spec, policy: "allowOrigins: ['*']\n")
        #expect(plan.routes.map(\.key) == ["OPTIONS /{proxy+}", "ANY /{proxy+}"])
        let options = try #require(plan.resource(at: "/{proxy+}")?.method("OPTIONS"))
        #expect(options.role == .preflight)
        #expect(options.authorization == .none)
        #expect(options.integration == plan.resource(at: "/{proxy+}")?.method("ANY")?.integration)
        #expect(plan.cors?.allowMethods == ["*"])
        #expect(diagnostics.filter { $0.code == HTTPAPIError.preflightRouteAdded.id }.count == 1)
        // Without CORS nothing answers preflights, and no route is added.
        let (bare, _) = try Self.plan(spec)
        #expect(bare.routes.map(\.key) == ["ANY /{proxy+}"])
    }

    @Test func restOnlyPartsAreLeftOutWithAWordAndAccessControlIsRefused() throws {
        let spec = Self.spec.replacing("paths:\n", with: """
            x-amazon-apigateway-binary-media-types: [image/png]
            x-amazon-apigateway-gateway-responses: {DEFAULT_4XX: {statusCode: 400}}
            x-amazon-apigateway-policy: {Version: '2012-10-17', Statement: []}
            paths:

            """)
        let (plan, diagnostics) = try Self.plan(spec)
        #expect(Self.codes(diagnostics.filter { $0.code.hasPrefix("HTTP") }) == [
            HTTPAPIError.restOnlyAccess.id, HTTPAPIError.restOnlyPart.id, HTTPAPIError.restOnlyPart.id,
        ])
        #expect(diagnostics.filter { $0.code.hasPrefix("HTTP") }.map { $0.location?.line } == [5, 4, 3])
        #expect(plan.api.binaryMediaTypes.isEmpty && plan.api.policy == nil && plan.gatewayResponses.isEmpty)
    }

    @Test func restOnlySettingsAreRefusedAtTheirLine() throws {
        var settings = Self.http()
        settings.restOnlySettings = [("usagePlans", SourceLocation(file: "options.yaml", line: 4, column: 1))]
        let (_, diagnostics) = try Self.plan(settings: settings)
        let refused = diagnostics.filter { $0.code == HTTPAPIError.restOnlySetting.id }
        #expect(refused.map(\.location) == [SourceLocation(file: "options.yaml", line: 4, column: 1)])
        #expect(refused.first?.message == "the settings file's usagePlans belongs to a REST API, and an HTTP API has no such setting; remove it, or convert with api: rest (--repair cannot fix this)")
        // A REST API takes them.
        var rest = settings
        rest.kind = .rest
        #expect(try Self.plan(settings: rest).1.allSatisfy { $0.code != HTTPAPIError.restOnlySetting.id })
    }

    @Test func anAPIKeySchemeIsNotEnforcedAndSaysSo() throws {
        let spec = Self.spec.replacing("security: [{sigv4: []}]", with: "security: [{key: []}]").replacing(
            "    sigv4:\n", with: "    key: {type: apiKey, name: x-api-key, in: header}\n    sigv4:\n")
        let (plan, diagnostics) = try Self.plan(spec)
        #expect(plan.resource(at: "/orders")?.method("POST")?.apiKeyRequired == false)
        #expect(diagnostics.filter { $0.code == HTTPAPIError.apiKeyNotEnforced.id }.map(\.severity) == [.warning])
    }

    static let defaultRouteSpec = """
        openapi: 3.0.3
        info: {title: Default, version: '1'}
        paths:
          $default:
            x-amazon-apigateway-any-method:
              security: [{oidc: []}]
              responses: {'200': {description: anything}}
          /health:
            get:
              responses: {'200': {description: up}}
        components:
          securitySchemes:
            oidc: {type: openIdConnect, openIdConnectUrl: https://login.example.com/.well-known/openid-configuration}
        """

    /// `$default` as SAM writes it is the catch-all route, last, with its permission named as
    /// the route; its authorizer gets the open OPTIONS route a preflight needs.
    @Test func theDefaultPathIsTheCatchAllRoute() throws {
        let (plan, diagnostics) = try Self.plan(Self.defaultRouteSpec, policy: "allowOrigins: [https://app.example.com]\n")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        #expect(plan.routes.map(\.key) == ["GET /health", "OPTIONS /{proxy+}", "$default"])
        #expect(plan.resources.last?.path == GatewayPlan.defaultRoutePath)
        #expect(plan.lambdaPermissions.map(\.sourceARNSuffix) == ["/*/$default", "/*/GET/health"])
        #expect(plan.document?["paths"]?.mapping?.keys.compactMap(\.text) == ["/$default", "/health"])
        #expect(diagnostics.filter { $0.code == HTTPAPIError.preflightRouteAdded.id }.map { $0.location?.line } == [5])
    }

    @Test func aMethodOfItsOwnUnderDefaultIsRefusedAndARESTAPIRefusesThePath() throws {
        let own = Self.defaultRouteSpec.replacing("    x-amazon-apigateway-any-method:\n", with: "    post:\n")
        let (_, diagnostics) = try Self.plan(own)
        let refused = diagnostics.filter { $0.code == HTTPAPIError.defaultRouteMethod.id }
        #expect(refused.map(\.severity) == [.error])
        #expect(refused.first?.location?.line == 5)
        var rest = APISettings()
        rest.kind = .rest
        let (_, restDiagnostics) = try Self.plan(Self.defaultRouteSpec, settings: rest)
        let path = try #require(restDiagnostics.first { $0.code == PlanError.defaultRouteInREST.id })
        #expect(path.severity == .error)
        #expect(path.location?.line == 4)
        #expect(path.message.contains("or convert with --api http"))
    }
}

import Support
import Diagnostics
import Testing
import Plan
import CORS
import Spec

/// What each path answers once defaults, top-level keys and rules are applied.
@Suite struct CORSResolverTests {
    func resolve(_ yaml: String, _ resources: [CORSResource] = CORSTestSupport.petStore) throws -> CORSResolution {
        CORSResolver.resolve(try CORSTestSupport.read(yaml), resources: resources)
    }

    @Test func defaultsComeFromTheSpecAndTheDocumentedLists() throws {
        let resolution = try resolve("allowOrigins: [https://app.example.com]")
        let pets = try #require(resolution.resource("/pets")?.policy)
        #expect(pets.allowMethods == ["GET", "POST", "OPTIONS"])
        #expect(pets.allowHeaders == ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"])
        #expect(pets.exposeHeaders.isEmpty)
        #expect(!pets.allowsCredentials)
        #expect(pets.maxAge == nil)
        #expect(pets.preflightStatus == 204)
        #expect(pets.existingOptions == .keep)
        #expect(resolution.gatewayResponses == [.default4XX, .default5XX])
        #expect(resolution.resource("/pets/{petId}")?.policy?.allowMethods == ["GET", "PUT", "DELETE", "OPTIONS"])
        #expect(resolution.diagnostics.isEmpty)
    }

    @Test func aBrowserOnTheAllowedOriginMayPutWithAuthorization() throws {
        let resolution = try resolve("allowOrigins: [https://app.example.com]\nallowCredentials: true")
        let policy = try #require(resolution.resource("/pets/{petId}")?.policy)
        #expect(policy.origins.allowOriginHeader(forRequestOrigin: "https://app.example.com") == "https://app.example.com")
        #expect(policy.allowMethods.contains("PUT"))
        #expect(policy.allowHeaders.contains("Authorization"))
        #expect(policy.allowsCredentials)
        #expect(policy.origins.allowOriginHeader(forRequestOrigin: "https://evil.example") == nil)
        #expect(policy.origins.variesByOrigin)
    }

    @Test func laterRulesOverrideEarlierOnesOnlyForTheKeysTheySet() throws {
        let resolution = try resolve(
            """
            allowOrigins: [https://app.example.com]
            maxAge: 600
            rules:
              - paths: [/pets/**]
                allowHeaders: [Content-Type]
                maxAge: 60
              - paths: [/pets/*]
                maxAge: 30
                allowOrigins: [https://admin.example.com]
            """)
        let pets = try #require(resolution.resource("/pets")?.policy)
        #expect(pets.maxAge == 60)
        #expect(pets.allowHeaders == ["Content-Type"])
        #expect(pets.origins.exactOrigins == ["https://app.example.com"])
        let pet = try #require(resolution.resource("/pets/{petId}"))
        #expect(pet.matchedRules == [1, 2])
        #expect(pet.policy?.maxAge == 30)
        #expect(pet.policy?.allowHeaders == ["Content-Type"])
        #expect(pet.policy?.origins.exactOrigins == ["https://admin.example.com"])
        let admin = try #require(resolution.resource("/admin/users")?.policy)
        #expect(admin.maxAge == 600)
        #expect(admin.allowHeaders.count == 5)
    }

    @Test func enabledFalseWinsWhateverTheOrder() throws {
        for order in [["off", "on"], ["on", "off"]] {
            let rules = order.map { kind in
                kind == "off"
                    ? "  - paths: [/admin/**]\n    enabled: false"
                    : "  - paths: [/**]\n    allowHeaders: [X-Trace]"
            }
            let resolution = try resolve("allowOrigins: [https://app.example.com]\nrules:\n" + rules.joined(separator: "\n"))
            #expect(resolution.resource("/admin/users")?.isEnabled == false, "order \(order)")
            #expect(resolution.resource("/pets")?.policy?.allowHeaders == ["X-Trace"], "order \(order)")
        }
    }

    @Test func aMethodsRuleTurnsOffOnlyThoseMethods() throws {
        let resolution = try resolve(
            """
            allowOrigins: [https://app.example.com]
            rules:
              - paths: [/pets/*, /admin/**]
                methods: [DELETE]
                enabled: false
              - paths: [/admin/**]
                methods: [get]
                enabled: false
            """)
        let pet = try #require(resolution.resource("/pets/{petId}"))
        #expect(pet.policy?.allowMethods == ["GET", "PUT", "OPTIONS"])
        #expect(pet.methodsWithoutCORS == ["DELETE"])
        #expect(resolution.resource("/admin/users")?.isEnabled == false)
        #expect(resolution.resource("/pets")?.policy?.allowMethods == ["GET", "POST", "OPTIONS"])
    }

    @Test func explicitAllowMethodsReplaceTheDerivedOnes() throws {
        let resolution = try resolve("allowOrigins: [https://app.example.com]\nallowMethods: [post, GET]")
        #expect(resolution.resource("/pets/{petId}")?.policy?.allowMethods == ["POST", "GET"])
    }

    @Test func anyExpandsToEveryMethod() throws {
        let resolution = try resolve(
            "allowOrigins: [https://app.example.com]", [CORSResource(path: "/{proxy+}", methods: ["x-amazon-apigateway-any-method"])])
        #expect(resolution.resource("/{proxy+}")?.policy?.allowMethods == ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
    }

    static let withOwnOptions = [
        CORSResource(
            path: "/pets", methods: ["get", "options"], location: SourceLocation(file: "openapi.yaml", line: 7, column: 3))
    ]

    @Test func anOwnOptionsIsKeptWithAWarning() throws {
        let resolution = try resolve("allowOrigins: [https://app.example.com]", Self.withOwnOptions)
        #expect(
            DiagnosticFormatter(format: .text).render(resolution.diagnostics) == """
                openapi.yaml:7:3: warning: [CORS025] path /pets defines its own OPTIONS, which is kept as written and must send the policy's CORS headers itself; set existingOptions: replace to generate it
                1 warning

                """)
        #expect(resolution.resource("/pets")?.policy?.existingOptions == .keep)
    }

    @Test func anOwnOptionsIsAnErrorWhenThePolicySaysSo() throws {
        let resolution = try resolve("allowOrigins: [https://app.example.com]\nexistingOptions: error", Self.withOwnOptions)
        #expect(
            DiagnosticFormatter(format: .text).render(resolution.diagnostics) == """
                openapi.yaml:7:3: error: [CORS026] path /pets defines its own OPTIONS while existingOptions is error; remove that operation or set existingOptions to keep or replace
                1 error

                """)
        let replaced = try resolve("allowOrigins: [https://app.example.com]\nexistingOptions: replace", Self.withOwnOptions)
        #expect(replaced.diagnostics.isEmpty)
    }

    @Test func aRuleCombinationIsReportedOnceForManyPaths() throws {
        let resolution = try resolve(
            """
            allowOrigins: ["*"]
            rules:
              - paths: [/pets/**]
                allowCredentials: true
              - paths: [/pets]
                maxAge: 5
            """)
        #expect(resolution.diagnostics.map(\.code) == ["CORS003"])
    }

    /// Neither rule is wrong alone; only a path both match gets `*` with credentials.
    @Test func aCombinationOfTwoRulesIsFoundWhereBothMatch() throws {
        let resolution = try resolve(
            """
            allowOrigins: [https://app.example.com]
            rules:
              - paths: [/pets/**]
                allowOrigins: ["*"]
              - paths: [/pets/*]
                allowCredentials: true
            """)
        #expect(
            DiagnosticFormatter(format: .text).render(resolution.diagnostics) == """
                cors.yaml:6:23: error: [CORS003] allowCredentials: true cannot be combined with the origin *, which browsers then refuse; list the allowed origins or remove allowCredentials
                cors.yaml:4:20: note: the origin * is allowed here
                1 error

                """)
        let reading = try CORSTestSupport.read(
            "allowOrigins: [https://app.example.com]\nrules:\n  - paths: [/pets/**]\n    allowOrigins: [\"*\"]\n  - paths: [/admin/*]\n    allowCredentials: true")
        #expect(CORSResolver.resolve(reading, resources: CORSTestSupport.petStore).diagnostics.isEmpty)
    }

    @Test func theMissingPolicyNoteSaysWhatToDo() {
        #expect(
            DiagnosticFormatter(format: .text).render([CORSPolicy.noPolicyNote]) == """
                oas2apigw: note: [CORS027] no CORS policy was given, so no CORS headers are added; pass --cors with a policy file if browsers on other origins call this API

                """)
    }

    @Test func everyGatewayResponseTypeIsAccepted() throws {
        let all = GatewayResponseType.allCases.map(\.rawValue)
        let reading = try CORSTestSupport.read(
            "allowOrigins: [https://app.example.com]\ngatewayResponses: [\(all.joined(separator: ", "))]")
        #expect(reading.diagnostics.isEmpty)
        #expect(reading.policy.effectiveGatewayResponses.count == 21)
    }
}

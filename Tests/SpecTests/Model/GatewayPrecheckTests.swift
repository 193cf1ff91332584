import Diagnostics
import Testing
import Spec

/// Every model diagnostic, with the exact text a user sees.
@Suite struct GatewayPrecheckTests {
    /// One small spec and what `inspect` prints about it.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var paths: String
        var extra = ""
        var printed: String
        var testDescription: String { name }
    }

    static let ok = "responses: {\"200\": {description: ok}}"

    static let cases: [Case] = [
        Case(
            name: "GW001 characters outside letters, digits and . _ - , :",
            paths: "  /users/@me:\n    get: {\(ok)}",
            printed: """
                spec.yaml:6:3: error: [GW001] path segment "@me" in /users/@me has characters API Gateway does not allow ("@"); use only letters, digits and . _ - , : (--repair cannot fix this: clients call the path as written)
                1 error

                """),
        Case(
            name: "GW001 an empty segment",
            paths: "  /a//b:\n    get: {\(ok)}",
            printed: """
                spec.yaml:6:3: error: [GW001] path /a//b has an empty segment; remove the doubled "/" (--repair cannot fix this)
                1 error

                """),
        Case(
            name: "GW002 a variable that is not a whole segment",
            paths: "  /files/{Sid}.json:\n    get: {parameters: [{name: Sid, in: path, required: true}], \(ok)}",
            printed: """
                spec.yaml:6:3: error: [GW002] path segment "{Sid}.json" in /files/{Sid}.json is not a whole-segment variable; API Gateway accepts {name} or {name+} only as a complete segment, so give the variable a segment of its own or remove the braces (--repair can make the whole segment the variable {Sid}; the backend then strips the ".json" suffix)
                1 error

                """),
        Case(
            name: "GW003 a greedy variable before the end",
            paths: "  /{proxy+}/x:\n    get: {parameters: [{name: proxy, in: path, required: true}], \(ok)}",
            printed: """
                spec.yaml:6:3: error: [GW003] greedy variable {proxy+} in /{proxy+}/x is not the last segment; API Gateway needs {name+} to end the path, so remove the segments after it or make it {proxy} (--repair cannot fix this)
                1 error

                """),
        Case(
            name: "GW004 two variable names under one parent",
            paths: """
                  /x/{id}:
                    get: {parameters: [{name: id, in: path, required: true}], \(ok)}
                  /x/{key}/y:
                    get: {parameters: [{name: key, in: path, required: true}], \(ok)}
                """,
            printed: """
                spec.yaml:8:3: error: [GW004] /x/{key} uses the variable {key} where /x/{id} uses {id}; API Gateway allows one variable per level, so rename one of them to match the other (--repair can name it {id} and map it back to key for the backend)
                spec.yaml:6:3: note: {id} is first used here
                1 error

                """),
        Case(
            name: "GW004 two names for one resource, which the repair cannot merge",
            paths: """
                  /x/{id}:
                    get: {parameters: [{name: id, in: path, required: true}], \(ok)}
                  /x/{key}:
                    put: {parameters: [{name: key, in: path, required: true}], \(ok)}
                """,
            printed: """
                spec.yaml:8:3: error: [GW004] /x/{key} uses the variable {key} where /x/{id} uses {id}; API Gateway allows one variable per level, so rename one of them to match the other (--repair cannot fix this one: the repaired path would clash with another, as convert --repair shows)
                spec.yaml:6:3: note: {id} is first used here
                1 error

                """),
        Case(
            name: "GW005 a path with and without a trailing slash",
            paths: "  /p:\n    get: {\(ok)}\n  /p/:\n    post: {\(ok)}",
            printed: """
                spec.yaml:8:3: error: [GW005] paths /p and /p/ are the same API Gateway resource /p; merge them into one path item without the trailing "/"
                spec.yaml:6:3: note: /p is defined here
                1 error

                """),
        Case(
            name: "GW006 the same operationId twice",
            paths: "  /a:\n    get: {operationId: read, \(ok)}\n  /b:\n    get: {operationId: read, \(ok)}",
            printed: """
                spec.yaml:9:24: error: [GW006] operationId "read" of GET /b is already used by GET /a; operationIds must be unique, so rename one of them
                spec.yaml:7:24: note: "read" is first used here
                1 error

                """),
        Case(
            name: "GW007 a cookie parameter",
            paths: "  /a:\n    get:\n      parameters: [{name: session, in: cookie}]\n      \(ok)",
            printed: """
                spec.yaml:8:20: warning: [GW007] cookie parameter "session" of GET /a is dropped: API Gateway REST APIs have no cookie parameters; read the Cookie header instead
                1 warning

                """),
        Case(
            name: "GW008 callbacks",
            paths: "  /a:\n    post:\n      callbacks: {done: {}}\n      \(ok)",
            printed: """
                spec.yaml:8:7: warning: [GW008] callbacks of POST /a are ignored by API Gateway; send those requests from the backend, or remove callbacks
                1 warning

                """),
        Case(
            name: "GW009 links",
            paths: "  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n          links: {next: {operationId: b}}",
            printed: """
                spec.yaml:11:11: warning: [GW009] links of response 200 of GET /a are ignored by API Gateway; describe the relation in the response's description, or remove links
                1 warning

                """),
        Case(
            name: "GW010 webhooks",
            paths: "  /a:\n    get: {\(ok)}",
            extra: "webhooks:\n  ping: {post: {\(ok)}}\n",
            printed: """
                spec.yaml:5:1: warning: [GW010] webhooks are ignored by API Gateway, which only serves paths; move endpoints the API receives into paths, or remove webhooks
                1 warning

                """),
        Case(
            name: "GW011 TRACE",
            paths: "  /a:\n    get: {\(ok)}\n    trace: {\(ok)}",
            printed: """
                spec.yaml:8:5: warning: [GW011] TRACE /a is dropped: API Gateway has no TRACE method; remove it or serve it with GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS or x-amazon-apigateway-any-method
                1 warning

                """),
        Case(
            name: "GW011 a method key in upper case",
            paths: "  /a:\n    get: {\(ok)}\n    POST: {\(ok)}",
            printed: """
                spec.yaml:8:5: warning: [GW011] "POST" in path item /a is not an OpenAPI method key and is dropped; write it in lower case as "post"
                1 warning

                """),
        Case(
            name: "GW012 a path variable without a parameter",
            paths: "  /a/{id}:\n    get: {\(ok)}",
            printed: """
                spec.yaml:7:5: warning: [GW012] GET /a/{id} does not declare the path parameter "id"; the output declares it, as API Gateway needs for every variable it maps, so add {name: id, in: path, required: true} to its parameters or to the path item's to say so in the spec
                1 warning

                """),
        Case(
            name: "GW013 a path parameter the path does not have",
            paths: "  /a/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true}, {name: ID, in: path, required: true}]\n      \(ok)",
            printed: """
                spec.yaml:8:58: warning: [GW013] path parameter "ID" of GET /a/{id} is not a variable of /a/{id}, and the output leaves it out; rename it to match a {variable} of the path, or remove it
                1 warning

                """),
        Case(
            name: "GW014 a path parameter that is not required",
            paths: "  /a/{id}:\n    parameters:\n      - {name: id, in: path}\n    get: {\(ok)}",
            printed: """
                spec.yaml:8:9: warning: [GW014] path parameter "id" of path item /a/{id} is not required; the output says required: true, as OpenAPI and API Gateway need (a path variable always has a value), so add it to the spec
                1 warning

                """),
        Case(
            name: "GW015 no paths",
            paths: "  {}",
            printed: """
                spec.yaml:5:1: error: [GW015] the spec has no paths, so API Gateway would create an API without methods, which cannot be deployed; add at least one path with an operation (--repair cannot fix this)
                1 error

                """),
        Case(
            name: "GW015 paths without a single operation",
            paths: "  /a:\n    summary: nothing here yet",
            printed: """
                spec.yaml:5:1: error: [GW015] the spec's paths have no operations (get, put, post, delete, options, head, patch or x-amazon-apigateway-any-method), so API Gateway would create an API without methods, which cannot be deployed; add at least one operation (--repair cannot fix this)
                1 error

                """),
        Case(
            name: "GW016 a query string in a paths key",
            paths: "  /search?kind=user:\n    get: {\(ok)}",
            printed: """
                spec.yaml:6:3: error: [GW016] path /search?kind=user holds a query string ("?kind=user"); API Gateway matches paths only, so remove it from the key and declare its values as parameters with in: query (--repair cannot fix this)
                1 error

                """),
        Case(
            name: "GW016 a fragment in a paths key",
            paths: "  /docs#top:\n    get: {\(ok)}",
            printed: """
                spec.yaml:6:3: error: [GW016] path /docs#top holds a fragment ("#top"), which clients never send; remove it from the key (--repair cannot fix this)
                1 error

                """),
        Case(
            name: "GW017 the same variable twice in one path",
            paths: "  /a/{id}/b/{id}:\n    get: {parameters: [{name: id, in: path, required: true}], \(ok)}",
            printed: """
                spec.yaml:6:3: error: [GW017] path /a/{id}/b/{id} uses the variable {id} twice; API Gateway takes each name once in a path, so rename the second (--repair can name it {id2} and pass both values to the backend)
                1 error

                """),
        Case(
            name: "OAS101 a value of the wrong type",
            paths: "  /a:\n    get: {summary: [x], \(ok)}",
            printed: """
                spec.yaml:7:20: error: [OAS101] the summary of GET /a must be a string, found a sequence; change it to a string (--repair cannot fix this)
                1 error

                """),
        Case(
            name: "OAS102 a parameter without in",
            paths: "  /a:\n    get: {parameters: [{name: q}], \(ok)}",
            printed: """
                spec.yaml:7:24: error: [OAS102] parameter "q" of GET /a has no in; add in: path, query, header or cookie
                1 error

                """),
        Case(
            name: "OAS103 a Swagger 2 body parameter",
            paths: "  /a:\n    post: {parameters: [{name: pet, in: body}], \(ok)}",
            printed: """
                spec.yaml:7:41: error: [OAS103] parameter "pet" of POST /a has in: body; use path, query, header or cookie (OpenAPI 3 sends a body as requestBody)
                1 error

                """),
        Case(
            name: "OAS104 a parameter listed twice",
            paths: "  /a:\n    get:\n      parameters:\n        - {name: q, in: query}\n        - {name: q, in: query}\n      \(ok)",
            printed: """
                spec.yaml:10:11: warning: [OAS104] parameter "q" (in: query) is listed twice in GET /a; remove one, the first is used
                spec.yaml:9:11: note: first listed here
                1 warning

                """),
        Case(
            name: "OAS105 a path without a leading slash",
            paths: "  pets:\n    get: {\(ok)}",
            printed: """
                spec.yaml:6:3: error: [OAS105] path "pets" does not start with "/"; write it as "/pets" (--repair cannot fix this)
                1 error

                """),
        Case(
            name: "OAS106 a $ref that leads nowhere",
            paths: "  /a:\n    get:\n      parameters: [{$ref: \"#/components/parameters/Nope\"}]\n      \(ok)",
            printed: """
                spec.yaml:8:27: error: [OAS106] $ref "#/components/parameters/Nope" cannot be followed to a value (a missing target or a cycle of $refs); point it at an existing object
                1 error

                """),
    ]

    @Test(arguments: cases)
    func printsTheDiagnostic(_ testCase: Case) throws {
        let (_, diagnostics) = try ModelFixtures.build(ModelFixtures.spec(paths: testCase.paths, extra: testCase.extra))
        #expect(ModelFixtures.printed(diagnostics) == testCase.printed)
    }

    @Test func everyCodeHasACase() {
        let codes = [
            ModelCheck.wrongType, ModelCheck.missingField, ModelCheck.unknownParameterLocation,
            ModelCheck.duplicateParameter, ModelCheck.pathWithoutSlash, ModelCheck.unresolvedReference,
            ModelCheck.invalidSegment, ModelCheck.partialVariable, ModelCheck.greedyNotLast,
            ModelCheck.conflictingVariables, ModelCheck.trailingSlashDuplicate, ModelCheck.duplicateOperationId,
            ModelCheck.cookieParameter, ModelCheck.callbacksIgnored, ModelCheck.linksIgnored,
            ModelCheck.webhooksIgnored, ModelCheck.unsupportedMethod, ModelCheck.undeclaredPathParameter,
            ModelCheck.pathParameterNotInPath, ModelCheck.optionalPathParameter, ModelCheck.emptyPaths,
            ModelCheck.queryInPath, ModelCheck.repeatedVariable,
        ]
        let covered = Self.cases.map { String($0.name.prefix { $0 != " " }) }
        #expect(codes.map(\.id).filter { !covered.contains($0) } == [])
        #expect(Set(codes).count == codes.count, "two checks share a code")
    }

    @Test func acceptsEverythingAPIGatewayAccepts() throws {
        let (model, diagnostics) = try ModelFixtures.build(
            ModelFixtures.spec(
                paths: """
                      /v1:batchGet/a.b,c_d-E9:
                        get: {\(Self.ok)}
                      /x/{id}:
                        get: {parameters: [{name: id, in: path, required: true}], \(Self.ok)}
                      /x/{id}/more/{proxy+}:
                        parameters: [{name: id, in: path, required: true}, {name: proxy, in: path, required: true}]
                        get: {\(Self.ok)}
                """))
        #expect(diagnostics.isEmpty, "\(ModelFixtures.printed(diagnostics))")
        #expect(model.operations.count == 3)
    }

    @Test func reportsAConflictOnceHoweverManyPathsRunThroughIt() throws {
        let (model, diagnostics) = try ModelFixtures.buildCase("apigw-conflicting-variables")
        #expect(diagnostics.map(\.code) == [ModelCheck.conflictingVariables.id])
        #expect(diagnostics.first?.notes.first?.location == SourceLocation(file: "specs/apigw-conflicting-variables/openapi.yaml", line: 8, column: 3))
        // The model still shows both variables, so the user sees what clashes.
        #expect(model.resource(at: "/stores")?.children.map(\.pathPart) == ["{key}", "{storeId}"])
    }

    @Test func reportsASharedParameterDefinitionOnce() throws {
        let (_, diagnostics) = try ModelFixtures.build(
            ModelFixtures.spec(
                paths: """
                      /a/{id}:
                        get: {parameters: [$ref: "#/components/parameters/Id"], \(Self.ok)}
                      /b/{id}:
                        get: {parameters: [$ref: "#/components/parameters/Id"], \(Self.ok)}
                    """) + "\ncomponents:\n  parameters:\n    Id: {name: id, in: path}\n")
        #expect(
            ModelFixtures.printed(diagnostics) == """
                spec.yaml:12:9: warning: [GW014] path parameter "id" of GET /a/{id} is not required; the output says required: true, as OpenAPI and API Gateway need (a path variable always has a value), so add it to the spec
                spec.yaml:12:9: warning: [GW014] path parameter "id" of GET /b/{id} is not required; the output says required: true, as OpenAPI and API Gateway need (a path variable always has a value), so add it to the spec
                2 warnings

                """)
    }
}

import Support
import Diagnostics
import Testing
import Plan
import CORS

/// Every error and warning of the policy file, with the exact text a user sees.
@Suite struct CORSDiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var policy: String
        var printed: String
        var resolvesAgainstPetStore = false
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "CORS001 an unknown top-level key suggests the nearest known key",
            policy: """
                allowOrigins: [https://app.example.com]
                maxage: 600
                """,
            printed: """
                cors.yaml:2:1: error: [CORS001] unknown key "maxage" in a CORS policy; did you mean "maxAge"?
                1 error

                """),
        Case(
            name: "CORS001 an unknown key in a rule suggests the nearest rule key",
            policy: """
                allowOrigins: [https://app.example.com]
                rules:
                  - paths: [/pets]
                    alowHeaders: [X-Trace]
                    colour: blue
                """,
            printed: """
                cors.yaml:4:5: error: [CORS001] unknown key "alowHeaders" in a rule; did you mean "allowHeaders"?
                cors.yaml:5:5: error: [CORS001] unknown key "colour" in a rule; remove it or check the spelling
                2 errors

                """),
        Case(
            name: "CORS001 a rule key at the top level",
            policy: """
                allowOrigins: [https://app.example.com]
                paths: [/admin/**]
                enabled: false
                """,
            printed: """
                cors.yaml:2:1: error: [CORS001] paths belongs in a rule, not at the top level; write it under rules: as - paths: [...] with the keys it changes
                cors.yaml:3:1: error: [CORS001] enabled belongs in a rule, not at the top level; write it under rules: as - paths: [...] with the keys it changes
                2 errors

                """),
        Case(
            name: "CORS002 a quoted true for credentials",
            policy: """
                allowOrigins: [https://app.example.com]
                allowCredentials: "true"
                """,
            printed: """
                cors.yaml:2:19: error: [CORS002] allowCredentials must be the boolean true, not a string "true"; write true without quotes
                1 error

                """),
        Case(
            name: "CORS002 a mapping where a list of origins belongs",
            policy: """
                allowOrigins:
                  app: https://app.example.com
                """,
            printed: """
                cors.yaml:2:3: error: [CORS002] allowOrigins must be a list, not a mapping; write a list of origins such as https://app.example.com
                1 error

                """),
        Case(
            name: "CORS002 a quoted number for maxAge and preflightStatus",
            policy: """
                allowOrigins: [https://app.example.com]
                maxAge: "600"
                preflightStatus: "204"
                """,
            printed: """
                cors.yaml:2:9: error: [CORS002] maxAge must be a whole number of seconds, not a string; write a number such as 600
                cors.yaml:3:18: error: [CORS002] preflightStatus must be the number 204 or 200, not a string; write 204 without quotes
                2 errors

                """),
        Case(
            name: "CORS002 a policy that is not a mapping",
            policy: """
                - https://app.example.com
                """,
            printed: """
                cors.yaml:1:1: error: [CORS002] a CORS policy must be a mapping of keys such as allowOrigins, not a sequence; start the file with allowOrigins:
                1 error

                """),
        Case(
            name: "CORS003 the wildcard origin with credentials",
            policy: """
                allowOrigins: ["*"]
                allowCredentials: true
                """,
            printed: """
                cors.yaml:2:19: error: [CORS003] allowCredentials: true cannot be combined with the origin *, which browsers then refuse; list the allowed origins or remove allowCredentials
                cors.yaml:1:16: note: the origin * is allowed here
                1 error

                """),
        Case(
            name: "CORS003 the wildcard origin in API Gateway quotes with credentials spelt yes",
            policy: """
                allowOrigins: ["'*'"]
                allowCredentials: "yes"
                """,
            printed: """
                cors.yaml:1:16: warning: [CORS015] remove the single quotes around '*' and write *; the tool adds API Gateway's quotes itself
                cors.yaml:2:19: error: [CORS002] allowCredentials must be the boolean true, not a string "yes"; write true without quotes
                cors.yaml:2:19: error: [CORS003] allowCredentials: true cannot be combined with the origin *, which browsers then refuse; list the allowed origins or remove allowCredentials
                cors.yaml:1:16: note: the origin * is allowed here
                2 errors and 1 warning

                """),
        Case(
            name: "CORS003 credentials set by a rule over a top-level wildcard",
            policy: """
                allowOrigins: ["*"]
                rules:
                  - paths: [/admin/**]
                    allowCredentials: True
                """,
            printed: """
                cors.yaml:4:23: error: [CORS003] allowCredentials: true cannot be combined with the origin *, which browsers then refuse; list the allowed origins or remove allowCredentials
                cors.yaml:1:16: note: the origin * is allowed here
                1 error

                """),
        Case(
            name: "CORS003 a wildcard set by a rule over top-level credentials",
            policy: """
                allowOrigins: [https://app.example.com]
                allowCredentials: true
                rules:
                  - paths: [/public/**]
                    allowOrigins: ["*"]
                """,
            printed: """
                cors.yaml:2:19: error: [CORS003] allowCredentials: true cannot be combined with the origin *, which browsers then refuse; list the allowed origins or remove allowCredentials
                cors.yaml:5:20: note: the origin * is allowed here
                1 error

                """),
        Case(
            name: "CORS004 the wildcard beside other origins",
            policy: """
                allowOrigins:
                  - https://app.example.com
                  - "*"
                """,
            printed: """
                cors.yaml:3:5: error: [CORS004] * allows every origin, so listing https://app.example.com beside it has no effect; keep either * or the origins
                1 error

                """),
        Case(
            name: "CORS005 the null origin",
            policy: """
                allowOrigins: ["null"]
                """,
            printed: """
                cors.yaml:1:16: error: [CORS005] the origin "null" is sent by sandboxed frames and local files of any site; remove it and list the real origins
                1 error

                """),
        Case(
            name: "CORS006 origins a browser never sends",
            policy: """
                allowOrigins:
                  - app.example.com
                  - https://app.example.com/
                  - https://app.example.com/callback
                  - https://app.example.com?x=1
                  - https://user@app.example.com
                  - https://app.example.com:99999
                  - https://app.example.com.
                  - https://app_1.example.com
                  - https://a.example.com,https://b.example.com
                  - https://app .example.com
                  - https://bücher.example
                  - https://
                """,
            printed: """
                cors.yaml:2:5: error: [CORS006] origin "app.example.com" has no scheme; write "https://app.example.com"
                cors.yaml:3:5: error: [CORS006] origin "https://app.example.com/" has a trailing slash, which browsers never send in Origin; write "https://app.example.com"
                cors.yaml:4:5: error: [CORS006] origin "https://app.example.com/callback" has a path, which browsers never send in Origin; write "https://app.example.com"
                cors.yaml:5:5: error: [CORS006] origin "https://app.example.com?x=1" has a query, which browsers never send in Origin; write "https://app.example.com"
                cors.yaml:6:5: error: [CORS006] origin "https://user@app.example.com" has a user name before @, which browsers never send; write "https://app.example.com"
                cors.yaml:7:5: error: [CORS006] origin "https://app.example.com:99999" has an invalid port "99999"; write a number from 1 to 65535 or leave the port out
                cors.yaml:8:5: error: [CORS006] origin "https://app.example.com." ends its host with a dot, which browsers keep as a different origin; remove the dot
                cors.yaml:9:5: error: [CORS006] origin "https://app_1.example.com" has an invalid host; use letters, digits, hyphens and dots, as in "https://app.example.com"
                cors.yaml:10:5: error: [CORS006] "https://a.example.com,https://b.example.com" holds several origins; write each origin as its own list item
                cors.yaml:11:5: error: [CORS006] origin "https://app .example.com" contains spaces; remove them
                cors.yaml:12:5: error: [CORS006] origin "https://bücher.example" has a non-ASCII host; browsers send its punycode form (xn--…), write that
                cors.yaml:13:5: error: [CORS006] origin "https://" has no host; write one such as "https://app.example.com"
                12 errors

                """),
        Case(
            name: "CORS007 wildcards that could match an attacker's domain",
            policy: """
                allowOrigins:
                  - https://*example.com
                  - https://app.*.com
                  - https://*.com
                  - "*://app.example.com"
                  - https://*.*.example.com
                  - https://app-*.example.com
                  - ftp://*.example.com
                """,
            printed: """
                cors.yaml:2:5: error: [CORS007] origin pattern "https://*example.com" can match hosts you do not control, as * may only stand for the whole first label; write "https://*.example.com"
                cors.yaml:3:5: error: [CORS007] origin pattern "https://app.*.com" can match hosts you do not control, as * may only stand for the whole first label; write it before your own domain, as in "https://*.example.com"
                cors.yaml:4:5: error: [CORS007] origin pattern "https://*.com" would match every domain under "com"; name your own domain, as in "https://*.example.com"
                cors.yaml:5:5: error: [CORS007] origin pattern "*://app.example.com" has a * in its scheme; write the scheme, such as https
                cors.yaml:6:5: error: [CORS007] origin pattern "https://*.*.example.com" can match hosts you do not control, as * may only stand for the whole first label; write "https://*.example.com"
                cors.yaml:7:5: error: [CORS007] origin pattern "https://app-*.example.com" can match hosts you do not control, as * may only stand for the whole first label; write "https://*.example.com"
                cors.yaml:8:5: error: [CORS007] origin pattern "ftp://*.example.com" uses the scheme ftp; patterns are for http and https, list other origins exactly
                7 errors

                """),
        Case(
            name: "CORS007 patterns over public suffixes, ICANN and private",
            policy: """
                allowOrigins:
                  - https://*.co.uk
                  - https://*.github.io
                  - https://*.amazonaws.com
                  - https://*.kawasaki.jp
                  - https://*.myorg.github.io
                  - https://*github.io
                  - https://app.*.co.uk
                """,
            printed: """
                cors.yaml:2:5: error: [CORS007] origin pattern "https://*.co.uk" would match every domain under "co.uk", a public suffix anybody can register names under; name your own domain, as in "https://*.example.co.uk"
                cors.yaml:3:5: error: [CORS007] origin pattern "https://*.github.io" would match every domain under "github.io", a public suffix anybody can register names under; name your own domain, as in "https://*.example.github.io"
                cors.yaml:4:5: error: [CORS007] origin pattern "https://*.amazonaws.com" would match "s3.amazonaws.com", a public suffix anybody can have a host under; name your own domain, as in "https://*.example.s3.amazonaws.com"
                cors.yaml:5:5: error: [CORS007] origin pattern "https://*.kawasaki.jp" would match "example.kawasaki.jp", a public suffix anybody can have a host under; name your own domain, as in "https://*.example.example.kawasaki.jp"
                cors.yaml:7:5: error: [CORS007] origin pattern "https://*github.io" can match hosts you do not control, as * may only stand for the whole first label; write it before your own domain, as in "https://*.example.github.io"
                cors.yaml:8:5: error: [CORS007] origin pattern "https://app.*.co.uk" can match hosts you do not control, as * may only stand for the whole first label; write it before your own domain, as in "https://*.example.co.uk"
                6 errors

                """),
        Case(
            name: "CORS008 header names that are not tokens",
            policy: """
                allowOrigins: [https://app.example.com]
                allowHeaders:
                  - Content Type
                  - Content-Type, Authorization
                  - X-Ünicode
                exposeHeaders: ["X-Total:Count"]
                """,
            printed: """
                cors.yaml:3:5: error: [CORS008] "Content Type" in allowHeaders is not a valid header name; use letters, digits and hyphens, as in X-Request-Id
                cors.yaml:4:5: error: [CORS008] "Content-Type, Authorization" in allowHeaders holds several header names; write each as its own list item
                cors.yaml:5:5: error: [CORS008] "X-Ünicode" in allowHeaders is not a valid header name; use letters, digits and hyphens, as in X-Request-Id
                cors.yaml:6:17: error: [CORS008] "X-Total:Count" in exposeHeaders is not a valid header name; use letters, digits and hyphens, as in X-Request-Id
                4 errors

                """),
        Case(
            name: "CORS009 methods API Gateway does not route",
            policy: """
                allowOrigins: [https://app.example.com]
                allowMethods: [GET, FETCH, ANY, "*"]
                """,
            printed: """
                cors.yaml:2:21: error: [CORS009] unknown method "FETCH" in allowMethods; use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS
                cors.yaml:2:28: error: [CORS009] ANY is not a method browsers send; list the methods, or leave allowMethods out to take them from the spec
                cors.yaml:2:33: error: [CORS009] * is not a method browsers send; list the methods, or leave allowMethods out to take them from the spec
                3 errors

                """),
        Case(
            name: "CORS010 negative and huge max age",
            policy: """
                allowOrigins: [https://app.example.com]
                maxAge: -1
                rules:
                  - paths: [/pets]
                    maxAge: 99999999999999999999
                """,
            printed: """
                cors.yaml:2:9: error: [CORS010] max age -1 is negative; write 0 to make browsers ask every time, or a number of seconds
                cors.yaml:5:13: error: [CORS010] max age 99999999999999999999 is too large to be sent; write at most 7200 (browsers cap it anyway)
                2 errors

                """),
        Case(
            name: "CORS011 unknown gateway response types",
            policy: """
                allowOrigins: [https://app.example.com]
                gatewayResponses: [DEFAULT_4xx, UNAUTHORISED, NOT_A_TYPE]
                """,
            printed: """
                cors.yaml:2:20: error: [CORS011] unknown gateway response type "DEFAULT_4xx"; did you mean "DEFAULT_4XX"?
                cors.yaml:2:33: error: [CORS011] unknown gateway response type "UNAUTHORISED"; did you mean "UNAUTHORIZED"?
                cors.yaml:2:47: error: [CORS011] unknown gateway response type "NOT_A_TYPE"; see docs/cors-policy.md for the list
                3 errors

                """),
        Case(
            name: "CORS012 a preflight status other than 204 or 200",
            policy: """
                allowOrigins: [https://app.example.com]
                preflightStatus: 201
                """,
            printed: """
                cors.yaml:2:18: error: [CORS012] preflight status 201 is not allowed; write 204 (the default) or 200 for old clients that want it
                1 error

                """),
        Case(
            name: "CORS013 an unknown existingOptions action",
            policy: """
                allowOrigins: [https://app.example.com]
                existingOptions: overwrite
                rules:
                  - paths: [/pets]
                    existingOptions: Keep
                """,
            printed: """
                cors.yaml:2:18: error: [CORS013] existingOptions must be keep, replace or error; write one of them
                cors.yaml:5:22: error: [CORS013] existingOptions must be keep, replace or error (did you mean "keep"?); write one of them
                2 errors

                """),
        Case(
            name: "CORS014 path patterns that are not globs",
            policy: """
                allowOrigins: [https://app.example.com]
                rules:
                  - paths: [admin/**, /pets*, /a//b]
                    enabled: false
                """,
            printed: """
                cors.yaml:3:13: error: [CORS014] path pattern "admin/**" does not start with /; write "/admin/**"
                cors.yaml:3:23: error: [CORS014] path pattern "/pets*" has * inside the segment "pets*"; use * for one whole segment or ** for any number
                cors.yaml:3:31: error: [CORS014] path pattern "/a//b" has an empty segment (//); remove the extra slash
                3 errors

                """),
        Case(
            name: "CORS015 values copied from SAM with API Gateway quotes",
            policy: """
                allowOrigins: ["'https://app.example.com'"]
                allowHeaders: ["'Content-Type'"]
                """,
            printed: """
                cors.yaml:1:16: warning: [CORS015] remove the single quotes around 'https://app.example.com' and write https://app.example.com; the tool adds API Gateway's quotes itself
                cors.yaml:2:16: warning: [CORS015] remove the single quotes around 'Content-Type' and write Content-Type; the tool adds API Gateway's quotes itself
                2 warnings

                """),
        Case(
            name: "CORS002 allowCredentials spelt yes, which YAML 1.2 reads as a string",
            policy: """
                allowOrigins: [https://app.example.com]
                allowCredentials: yes
                """,
            printed: """
                cors.yaml:2:19: error: [CORS002] allowCredentials must be the boolean true, not a string "yes"; write true, YAML's boolean
                1 error

                """),
        Case(
            name: "CORS015 API Gateway's own comma list, quotes and all",
            policy: """
                allowOrigins: [https://app.example.com]
                allowHeaders: ["'Content-Type,X-Amz-Date'"]
                """,
            printed: """
                cors.yaml:2:16: warning: [CORS015] remove the single quotes around 'Content-Type,X-Amz-Date' and write [Content-Type, X-Amz-Date], each name its own list item; the tool adds API Gateway's quotes itself
                cors.yaml:2:16: error: [CORS008] "Content-Type,X-Amz-Date" in allowHeaders holds several header names; write each as its own list item
                1 error and 1 warning

                """),
        Case(
            name: "CORS028 a gateway response origin the policy does not allow, or a pattern",
            policy: """
                allowOrigins: [https://app.example.com, "https://*.example.com"]
                allowCredentials: true
                gatewayResponseOrigin: https://other.example.net
                """,
            printed: """
                cors.yaml:3:24: error: [CORS028] gatewayResponseOrigin https://other.example.net is not an origin allowOrigins allows; name one of them
                1 error

                """,
            resolvesAgainstPetStore: true),
        Case(
            name: "CORS029 several origins with credentials and nothing for API Gateway's own errors",
            policy: """
                allowOrigins: [https://app.example.com, https://admin.example.com]
                allowCredentials: true
                """,
            printed: """
                cors.yaml:2:19: warning: [CORS029] several origins may call with credentials, and a gateway response cannot pick the caller's, so API Gateway's own errors (403, 429, 5XX) carry no Access-Control-Allow-Origin and every page sees them as CORS errors; name the origin whose pages should read them with gatewayResponseOrigin, or deploy one stage per origin (docs/cors-policy.md)
                1 warning

                """,
            resolvesAgainstPetStore: true),
        Case(
            name: "CORS016 max age above Chromium's cap",
            policy: """
                allowOrigins: [https://app.example.com]
                maxAge: 86400
                """,
            printed: """
                cors.yaml:2:9: warning: [CORS016] max age 86400 is above Chromium's cap of 7200 seconds, so Chromium browsers ask again sooner; write 7200 or less
                1 warning

                """),
        Case(
            name: "CORS017 wildcard allowed headers with credentials",
            policy: """
                allowOrigins: [https://app.example.com]
                allowCredentials: true
                allowHeaders: ["*"]
                """,
            printed: """
                cors.yaml:3:16: warning: [CORS017] with allowCredentials: true, * in allowHeaders is a plain header name and never covers Authorization; list the headers by name
                1 warning

                """),
        Case(
            name: "CORS018 wildcard exposed headers with credentials",
            policy: """
                allowOrigins: [https://app.example.com]
                allowCredentials: true
                exposeHeaders: ["*"]
                """,
            printed: """
                cors.yaml:3:17: warning: [CORS018] with allowCredentials: true, * in exposeHeaders is a plain header name and exposes nothing else; list the headers by name
                1 warning

                """),
        Case(
            name: "CORS019 plain http origins other than loopback",
            policy: """
                allowOrigins:
                  - http://app.example.com
                  - http://*.example.com
                  - http://localhost:3000
                  - http://127.0.0.1:8080
                  - http://[::1]:5173
                  - http://dev.localhost
                """,
            printed: """
                cors.yaml:2:5: warning: [CORS019] origin http://app.example.com uses http, so anyone on the network can change its pages; use https
                cors.yaml:3:5: warning: [CORS019] origin http://*.example.com uses http, so anyone on the network can change its pages; use https
                2 warnings

                """),
        Case(
            name: "CORS020 duplicates in every list",
            policy: """
                allowOrigins:
                  - https://app.example.com
                  - HTTPS://App.Example.com:443
                allowMethods: [GET, get]
                allowHeaders: [Content-Type, content-type]
                gatewayResponses: [DEFAULT_4XX, DEFAULT_4XX]
                rules:
                  - paths: [/pets, /pets]
                    enabled: false
                """,
            printed: """
                cors.yaml:3:5: warning: [CORS020] origin https://app.example.com is listed twice; remove one
                cors.yaml:2:5: note: first listed here
                cors.yaml:4:21: warning: [CORS020] method GET is listed twice in allowMethods; remove one
                cors.yaml:4:16: note: first listed here
                cors.yaml:5:30: warning: [CORS020] header content-type is listed twice in allowHeaders (header names ignore case); remove one
                cors.yaml:5:16: note: first listed here
                cors.yaml:6:33: warning: [CORS020] gateway response DEFAULT_4XX is listed twice; remove one
                cors.yaml:6:20: note: first listed here
                cors.yaml:8:20: warning: [CORS020] path pattern /pets is listed twice in this rule; remove one
                cors.yaml:8:13: note: first listed here
                5 warnings

                """),
        Case(
            name: "CORS021 a rule path that matches no path of the spec",
            policy: """
                allowOrigins: [https://app.example.com]
                rules:
                  - paths: [/admn/**, /pets/*/photos, /pest/*, /pest]
                    enabled: false
                """,
            printed: """
                cors.yaml:3:13: warning: [CORS021] path pattern /admn/** matches no path of the spec; did you mean /admin/**?
                cors.yaml:3:23: warning: [CORS021] path pattern /pets/*/photos matches no path of the spec; fix the pattern or remove it
                cors.yaml:3:39: warning: [CORS021] path pattern /pest/* matches no path of the spec; did you mean /pets/*?
                cors.yaml:3:48: warning: [CORS021] path pattern /pest matches no path of the spec; did you mean /pets?
                4 warnings

                """,
            resolvesAgainstPetStore: true),
        Case(
            name: "CORS022 keys a rule cannot set",
            policy: """
                allowOrigins: [https://app.example.com]
                rules:
                  - paths: [/pets]
                    gatewayResponses: [DEFAULT_4XX]
                  - paths: [/pets]
                    methods: [DELETE]
                    allowHeaders: [X-Trace]
                  - paths: [/pets]
                    methods: [GET]
                """,
            printed: """
                cors.yaml:4:5: error: [CORS022] gatewayResponses applies to the whole API, since API Gateway has one set of gateway responses; move it to the top level
                cors.yaml:7:5: error: [CORS022] a rule with methods can only set enabled: false, as one preflight answers for every method of a path; move allowHeaders to a rule without methods
                cors.yaml:9:5: error: [CORS022] a rule with methods does nothing unless it sets enabled: false; add enabled: false or remove the rule
                3 errors

                """),
        Case(
            name: "CORS023 missing and empty required values",
            policy: """
                allowHeaders: [Content-Type]
                rules:
                  - enabled: false
                  - paths: []
                    enabled: false
                """,
            printed: """
                cors.yaml:1:1: error: [CORS023] the policy has no allowOrigins; list the origins whose pages may call the API, such as https://app.example.com
                cors.yaml:3:5: error: [CORS023] this rule has no paths; add paths: with patterns such as /admin/**
                cors.yaml:4:12: error: [CORS023] paths is empty, so this rule applies nowhere; add a pattern such as /admin/**
                3 errors

                """),
        Case(
            name: "CORS023 an empty origin list",
            policy: """
                allowOrigins: []
                """,
            printed: """
                cors.yaml:1:15: error: [CORS023] allowOrigins is empty, so no page may call the API; list origins, or use a rule with enabled: false to turn CORS off
                1 error

                """),
        Case(
            name: "CORS024 enabled true in a rule",
            policy: """
                allowOrigins: [https://app.example.com]
                rules:
                  - paths: [/pets]
                    enabled: true
                """,
            printed: """
                cors.yaml:4:14: warning: [CORS024] enabled: true does nothing, as CORS is on wherever no rule sets enabled: false; remove it
                1 warning

                """),
    ]

    @Test(arguments: cases)
    func printsExactly(_ c: Case) throws {
        let printed = try CORSTestSupport.printed(c.policy, resources: c.resolvesAgainstPetStore ? CORSTestSupport.petStore : nil)
        #expect(printed == c.printed)
    }

    @Test func aValidPolicyPrintsNothing() throws {
        let policy = """
            allowOrigins: [https://app.example.com, "https://*.example.com", http://localhost:3000]
            allowMethods: [GET, POST]
            allowHeaders: [Content-Type, Authorization]
            exposeHeaders: [X-Request-Id]
            allowCredentials: true
            maxAge: 600
            preflightStatus: 200
            gatewayResponses: [DEFAULT_4XX, DEFAULT_5XX, UNAUTHORIZED]
            gatewayResponseOrigin: https://app.example.com
            existingOptions: replace
            rules:
              - paths: [/admin/**]
                enabled: false
            """
        #expect(try CORSTestSupport.printed(policy, resources: CORSTestSupport.petStore) == "")
    }

    @Test(arguments: [
        "maxAge: 0", "maxAge: 7200", "preflightStatus: 200", "preflightStatus: 204", "allowCredentials: false",
        "allowOrigins: https://app.example.com", "allowMethods: [get, Options]", "exposeHeaders: []",
        "gatewayResponses: []", "allowHeaders: [\"*\"]", "existingOptions: error",
    ])
    func acceptsValuesAtTheEdges(line: String) throws {
        let key = line.prefix { $0 != ":" }
        let base = key == "allowOrigins" ? "" : "allowOrigins: [https://app.example.com]\n"
        #expect(try CORSTestSupport.printed(base + line) == "")
    }

    @Test func everyCodeHasACase() {
        let covered = Set(Self.cases.map { String($0.name.prefix(7)) })
        let missing = CORSDiagnosticCode.codes.map(\.id).filter { !covered.contains($0) && !Self.coveredElsewhere.contains($0) }
        #expect(missing.isEmpty, "codes without a printed case: \(missing)")
    }

    /// Codes whose printed form is pinned by another suite (they need a spec's paths).
    static let coveredElsewhere = ["CORS025", "CORS026", "CORS027"]

    @Test func jsonPoliciesReadLikeYAML() throws {
        let reading = try CORSPolicyReader.read(
            Array(#"{"allowOrigins": ["https://app.example.com/"], "maxAge": -5}"#.utf8), file: "cors.json")
        let printed = DiagnosticFormatter(format: .text).render(reading.diagnostics)
        #expect(
            printed == """
                cors.json:1:19: error: [CORS006] origin "https://app.example.com/" has a trailing slash, which browsers never send in Origin; write "https://app.example.com"
                cors.json:1:58: error: [CORS010] max age -5 is negative; write 0 to make browsers ask every time, or a number of seconds
                2 errors

                """)
    }
}

import Testing
import Plan
import Preflight
import CORS
import Planning

/// The Velocity subset the simulation evaluates: what the tool's own origin template and
/// common hand-written templates need, and a clear refusal for the rest.
@Suite struct VelocityTemplateTests {
    func run(_ template: String, headers: [Mapped] = [Mapped("Origin", "https://a.example")]) throws -> VelocityTemplate.Outcome {
        try VelocityTemplate.evaluate(template, request: VelocityTemplate.Request(headers: headers, pathParameters: [Mapped("id", "7")]))
    }

    func allowOrigin(_ outcome: VelocityTemplate.Outcome) -> String? {
        outcome.headerOverrides.first { $0.name == "Access-Control-Allow-Origin" }?.value
    }

    @Test(arguments: [
        ("https://shop.example.com", "https://shop.example.com"),
        ("https://pr-1.preview.example.com", "https://pr-1.preview.example.com"),
        ("https://a.b.preview.example.com", nil),
        ("https://evil.example.com", nil),
        ("https://shop.example.com.evil.example", nil),
    ] as [(String, String?)])
    func theToolsOriginTemplateAnswersExactlyTheAllowedOrigins(_ origin: String, _ expected: String?) throws {
        let matcher = OriginMatcher([.exact("https://shop.example.com"), try OriginPattern.parse("https://*.preview.example.com")])
        let text = OriginTemplate.text(for: matcher)
        #expect(allowOrigin(try run(text, headers: [Mapped("Origin", origin)])) == expected)
        // Whatever the case of the header's name.
        #expect(allowOrigin(try run(text, headers: [Mapped("origin", origin)])) == expected)
        #expect(matcher.allows(origin) == (expected != nil))
    }

    /// What the page reads through a response template built like the planner's: the origin
    /// template and then `$input.body`, for a JSON answer from the backend.
    @Test(arguments: ["https://shop.example.com", "https://evil.example.com"])
    func theOriginTemplateAddsNothingToTheBody(_ origin: String) throws {
        let matcher = OriginMatcher([.exact("https://shop.example.com"), .exact("https://admin.example.com")])
        let body = #"{"id":7,"name":"rex"}"#
        let request = VelocityTemplate.Request(
            headers: [Mapped("Accept", "*/*"), Mapped("Origin", origin), Mapped("Host", "api.example.com")], body: body)
        let outcome = try VelocityTemplate.evaluate(OriginTemplate.text(for: matcher) + "$input.body", request: request)
        #expect(outcome.output == body)
    }

    /// Every line of the origin template ends in a `##` comment, so its output does not depend
    /// on how an engine treats the newline after a directive (LocalStack's Python Velocity
    /// keeps some that Java Velocity 1.7 drops).
    @Test func everyLineOfTheOriginTemplateEndsInALineComment() throws {
        let matcher = OriginMatcher([.exact("https://shop.example.com"), try OriginPattern.parse("https://*.preview.example.com")])
        let lines = OriginTemplate.lines(for: matcher)
        #expect(!lines.isEmpty)
        for line in lines { #expect(line.hasSuffix("##"), "\(line)") }
    }

    /// Velocity 1.7's grammar: the `)` closing `#set`, `#if`, `#elseif` and `#foreach`, and
    /// `#end` and `#else`, take trailing spaces and one line end; `#set` takes the spaces
    /// before it; a directive followed by other text on its line keeps the text and the newline.
    @Test(arguments: [
        ("#if(true)\na\n#end\nb", "a\nb"),
        ("#if(false)\na\n#else\nc\n#end\nb", "c\nb"),
        ("#if(false)\na\n#elseif(true)  \nd\n#end  \r\nb", "d\nb"),
        ("#foreach($x in [1, 2])\n$x\n#end\n.", "1\n2\n."),
        ("#set($a = 1)\n  #set($b = 2)\n$a$b", "12"),
        ("#if(true)a#end b\nc", "a b\nc"),
        ("x  #set($a = 1)$a", "x  1"),
        ("#if(true)\n\na#end", "\na"),
        ("#set($a = 1)##note\n$a", "1"),
    ])
    func directiveLinesFollowVelocity17Whitespace(_ template: String, _ expected: String) throws {
        #expect(try run(template).output == expected)
    }

    @Test func ifElseIfElseTakesTheFirstTrueBranch() throws {
        let template = """
            #set($o = $input.params('Origin'))
            #if($o == "https://x.example")#set($v = "x")#elseif($o.startsWith("https://a"))#set($v = "a")#else#set($v = "other")#end
            #set($context.responseOverride.header.X-Branch = $v)
            """
        #expect(try run(template).headerOverrides == [Mapped("X-Branch", "a")])
    }

    @Test func foreachRunsOverALiteralList() throws {
        let template = """
            #set($allowed = ["https://b.example", "https://a.example"])
            #foreach($candidate in $allowed)#if($candidate == $input.params().header.get('Origin'))#set($context.responseOverride.header.Access-Control-Allow-Origin = $candidate)#end#end
            """
        #expect(allowOrigin(try run(template)) == "https://a.example")
    }

    @Test func listContainsAndStringMethodsWork() throws {
        let template = """
            #set($o = $input.params().header.get("Origin").toLowerCase())
            #set($allowed = ["https://a.example"])
            #if($allowed.contains($o) && !$o.endsWith(".evil") && $o.matches("https://[a-z]+\\.example"))
            #set($context.responseOverride.header.Access-Control-Allow-Origin = "$o")
            #end
            """
        #expect(allowOrigin(try run(template, headers: [Mapped("Origin", "HTTPS://A.example")])) == "https://a.example")
    }

    @Test func statusOverridesAndPathParametersAreRead() throws {
        let outcome = try run("#set($context.responseOverride.status = 403)id=$input.params('id')")
        #expect(outcome.statusOverride == 403)
        #expect(outcome.output == "id=7")
    }

    @Test func undefinedReferencesPrintAsWrittenUnlessQuiet() throws {
        #expect(try run("a=$missing b=$!missing c=${missing}").output == "a=$missing b= c=${missing}")
    }

    @Test func headerLookupsAreCaseSensitiveAsInAPIGateway() throws {
        let template = "#set($o = $input.params().header.get('Origin'))#if($o)#set($context.responseOverride.header.A = $o)#end"
        #expect(try run(template, headers: [Mapped("origin", "https://a.example")]).headerOverrides.isEmpty)
        #expect(try run(template).headerOverrides == [Mapped("A", "https://a.example")])
    }

    @Test func aSetFromAMissingValueKeepsThePreviousValue() throws {
        let template = """
            #set($o = "none")
            #set($o = $input.params().header.get('Origin'))
            #set($context.responseOverride.header.Seen = $o)
            #set($context.responseOverride.header.Access-Control-Allow-Origin = $input.params().header.get('Origin'))
            """
        let outcome = try run(template, headers: [])
        #expect(outcome.headerOverrides == [Mapped("Seen", "none")])
    }

    /// Ordering comparisons, as response templates write them (`#if($tags.size() > 0)`):
    /// numbers compare, anything else is false, as Velocity logs an error and goes on.
    @Test(arguments: [
        ("#if(2 > 1)y#end", "y"), ("#if(1 > 1)y#{else}n#end", "n"), ("#if(1 >= 1)y#end", "y"), ("#if(1 < 2)y#end", "y"),
        ("#if(2 <= 1)y#{else}n#end", "n"), ("#if(3 gt 2 and 1 lt 2)y#end", "y"), ("#if(2 ge 3)y#{else}n#end", "n"),
        ("#if(2 le 2)y#end", "y"), ("#set($l = [1, 2])#if($l.size() > 1)y#end", "y"), ("#if('b' > 'a')y#{else}n#end", "n"),
        ("#if($missing > 0)y#{else}n#end", "n"),
    ])
    func orderingComparisonsCompareNumbers(_ template: String, _ output: String) throws {
        #expect(try run(template).output == output)
    }

    @Test func repeatedOverridesAreReported() throws {
        let outcome = try run("#set($context.responseOverride.header.A = 'x')#set($context.responseOverride.header.A = 'y')")
        #expect(outcome.repeatedOverrides == ["A"])
        #expect(outcome.headerOverrides == [Mapped("A", "y")])
    }

    @Test(arguments: [
        ("#macro(x)#end", "#macro"),
        ("#include('x')", "#include"),
        ("$util.urlEncode('{}')", "urlEncode"),
        ("#if($a)", "#end is missing"),
        ("#end", "#end without"),
        ("$input.path('$.items[0]')", "JSONPath"),
        ("$input.json('$..id')", "JSONPath"),
        ("$input.path('items')", "does not start with $"),
        ("#set($a.b = 1)", "assigns to"),
        ("$input.params().header['Origin']", "index access"),
    ])
    func constructsOutsideTheSubsetAreRefusedWithTheirName(_ template: String, _ named: String) {
        #expect {
            try run(template)
        } throws: { error in
            (error as? VelocityTemplate.CannotEvaluate)?.reason.contains(named) == true
        }
    }

    @Test func loopsAreBounded() {
        let template = """
            #set($l = [1,2,3,4,5,6,7,8,9,10])
            #foreach($a in $l)#foreach($b in $l)#foreach($c in $l)#foreach($d in $l)x#end#end#end#end
            """
        #expect(throws: VelocityTemplate.CannotEvaluate.self) { try run(template) }
    }

    @Test func deepNestingIsRefusedRatherThanOverflowingTheStack() {
        let template = String(repeating: "#if(true)", count: 200) + String(repeating: "#end", count: 200)
        #expect(throws: VelocityTemplate.CannotEvaluate.self) { try run(template) }
        let expression = "#if(" + String(repeating: "(", count: 300) + "true" + String(repeating: ")", count: 300) + ")#end"
        #expect(throws: VelocityTemplate.CannotEvaluate.self) { try run(expression) }
    }

    @Test func inputPathAndJsonReadTheBodyByPlainPaths() throws {
        func run(_ template: String, body: String) throws -> String {
            try VelocityTemplate.evaluate(template, request: VelocityTemplate.Request(body: body)).output
        }
        let body = #"{"order": {"id": 7, "tags": ["a", "b"], "note": "say \"hi\""}, "ok": true}"#
        #expect(try run("$input.path('$.order.id')", body: body) == "7")
        #expect(try run("$input.path('$').ok", body: body) == "true")
        #expect(try run("$input.path(\"$['order']\").tags.size()", body: body) == "2")
        #expect(try run("$input.json('$.order')", body: body) == #"{"id":7,"tags":["a","b"],"note":"say \"hi\""}"#)
        #expect(try run("$input.json('$.missing')", body: body) == "")
        // The backend is not called: an empty or unreadable body reads as null.
        #expect(try run("[$!input.path('$').items]", body: "") == "[]")
        #expect(try run("[$input.json('$')]", body: "not json") == "[]")
        #expect(try run("$util.parseJson($input.json('$.order')).id", body: body) == "7")
        #expect(try run("[$!util.parseJson($input.path('$.output'))]", body: body) == "[]")
    }

    @Test func contextValuesOfTheDeployedAPIStandInAndLetTheTemplateRun() throws {
        let template = """
            #set($context.responseOverride.header.X-Id = "$context.requestId")
            {"at": "$context.requestTimeEpoch", "who": "$!context.identity.sourceIp"}
            """
        let outcome = try run(template)
        #expect(outcome.headerOverrides == [Mapped("X-Id", "<requestId>")])
        #expect(outcome.output.contains(#""who": """#))
    }
}

import Support
import Diagnostics
import Testing
import YAML

@Suite struct DiagnosticFormatterTests {
    let sample: [Diagnostic] = [
        .error(DiagnosticCode("YAML002", .error, "a test's code"), "duplicate key \"paths\"; remove one of them or merge their contents",
            at: SourceLocation(file: "specs/x/openapi.yaml", line: 9, column: 1),
            notes: [.init("first defined here", at: SourceLocation(file: "specs/x/openapi.yaml", line: 3, column: 1))]),
        .warning(DiagnosticCode("CORS020", .warning, "a test's code"), "max age 86400 is above Chromium's cap of 7200; lower it"),
    ]

    @Test func printsLikeACompiler() {
        let text = DiagnosticFormatter(format: .text).render(sample)
        #expect(
            text == """
                specs/x/openapi.yaml:9:1: error: [YAML002] duplicate key "paths"; remove one of them or merge their contents
                specs/x/openapi.yaml:3:1: note: first defined here
                oas2apigw: warning: [CORS020] max age 86400 is above Chromium's cap of 7200; lower it
                1 error and 1 warning

                """)
    }

    /// Eight copies of one warning, one per operation, and an error and a note between them.
    var repeated: [Diagnostic] {
        var list: [Diagnostic] = []
        for line in 1...8 {
            list.append(.warning(DiagnosticCode("GW014", .warning, "a test's code"), "path parameter \"id\" of GET /p\(line) is not required", at: SourceLocation(file: "a.yaml", line: line, column: 3)))
            if line == 2 { list.append(.error(DiagnosticCode("OAS001", .error, "a test's code"), "broken", at: SourceLocation(file: "a.yaml", line: 40, column: 1))) }
            if line == 3 { list.append(.note(DiagnosticCode("PLAN008", .note, "a test's code"), "a decision")) }
        }
        return list
    }

    @Test func groupsTheRepeatsOfAWarningAfterTheFirstFive() {
        #expect(
            DiagnosticFormatter(format: .text).render(repeated) == """
                a.yaml:1:3: warning: [GW014] path parameter "id" of GET /p1 is not required
                a.yaml:2:3: warning: [GW014] path parameter "id" of GET /p2 is not required
                a.yaml:40:1: error: [OAS001] broken
                a.yaml:3:3: warning: [GW014] path parameter "id" of GET /p3 is not required
                oas2apigw: note: [PLAN008] a decision
                a.yaml:4:3: warning: [GW014] path parameter "id" of GET /p4 is not required
                a.yaml:5:3: warning: [GW014] path parameter "id" of GET /p5 is not required
                oas2apigw: warning: [GW014] 3 more warnings like the above, at a.yaml:6:3, a.yaml:7:3, a.yaml:8:3; --verbose prints each
                1 error and 8 warnings

                """)
        let many = (1...10).map { Diagnostic.warning(DiagnosticCode("GW014", .warning, "a test's code"), "same", at: SourceLocation(file: "a.yaml", line: $0, column: 1)) }
        #expect(DiagnosticFormatter(format: .text).render(many).contains("5 more warnings like the above, at a.yaml:6:1, a.yaml:7:1, a.yaml:8:1, …;"))
        #expect(DiagnosticFormatter(format: .github).render(many).split(separator: "\n").count == 6)
        // Five of one code are all printed.
        #expect(!DiagnosticFormatter(format: .text).render(Array(many.prefix(5))).contains("more warnings"))
    }

    @Test func verboseAndJSONKeepEveryWarning() throws {
        let verbose = DiagnosticFormatter(format: .text, groupsRepeats: false).render(repeated)
        #expect(verbose.components(separatedBy: "[GW014]").count == 9)
        #expect(!verbose.contains("more warnings"))
        let json = try YAMLReader.read(Array(DiagnosticFormatter(format: .json).render(repeated).utf8), file: "out.json")
        #expect(json["diagnostics"]?.sequence?.count == 10)
        #expect(json["warnings"]?.scalar?.integerValue == 8)
    }

    @Test func printsNothingWhenThereIsNothing() {
        #expect(DiagnosticFormatter(format: .text).render([]) == "")
        #expect(DiagnosticFormatter(format: .github).render([]) == "")
    }

    @Test func coloursOnlyWhenAsked() {
        let plain = DiagnosticFormatter(format: .text, usesColor: false).render(sample)
        let coloured = DiagnosticFormatter(format: .text, usesColor: true).render(sample)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[1;31merror:"))
        #expect(coloured.contains("\u{1B}[1;35mwarning:"))
    }

    @Test func writesOneJSONDocumentForTools() throws {
        let json = DiagnosticFormatter(format: .json).render(sample)
        let tree = try JSONReader.read(Array(json.utf8), file: "out.json")
        let first = try #require(tree["diagnostics"]?[0])
        #expect(first["severity"]?.string == "error")
        #expect(first["code"]?.string == "YAML002")
        #expect(first["file"]?.string == "specs/x/openapi.yaml")
        #expect(first["line"]?.scalar?.integerValue == 9)
        #expect(first["column"]?.scalar?.integerValue == 1)
        #expect(first["notes"]?[0]?["line"]?.scalar?.integerValue == 3)
        #expect(tree["diagnostics"]?[1]?["file"] == nil)
        #expect(tree["errors"]?.scalar?.integerValue == 1)
        #expect(tree["warnings"]?.scalar?.integerValue == 1)
    }

    @Test func annotatesForGitHubActionsWithEscaping() {
        let diagnostic = Diagnostic.error(DiagnosticCode("CORS003", .error, "a test's code"), "origin 100% wrong,\nreally", at: SourceLocation(file: "a,b:c.yaml", line: 2, column: 3))
        let text = DiagnosticFormatter(format: .github).render([diagnostic] + sample.suffix(1))
        #expect(
            text == """
                ::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=CORS003::origin 100%25 wrong,%0Areally
                ::warning title=CORS020::max age 86400 is above Chromium's cap of 7200; lower it

                """)
    }
}

import Core
import Diagnostics
import Testing
import YAML

@Suite struct DiagnosticFormatterTests {
    let sample: [Diagnostic] = [
        .error(
            "YAML002", "duplicate key \"paths\"; remove one of them or merge their contents",
            at: SourceLocation(file: "specs/x/openapi.yaml", line: 9, column: 1),
            notes: [.init("first defined here", at: SourceLocation(file: "specs/x/openapi.yaml", line: 3, column: 1))]),
        .warning("CORS020", "max age 86400 is above Chromium's cap of 7200; lower it"),
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
        let diagnostic = Diagnostic.error(
            "CORS003", "origin 100% wrong,\nreally", at: SourceLocation(file: "a,b:c.yaml", line: 2, column: 3))
        let text = DiagnosticFormatter(format: .github).render([diagnostic] + sample.suffix(1))
        #expect(
            text == """
                ::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=CORS003::origin 100%25 wrong,%0Areally
                ::warning title=CORS020::max age 86400 is above Chromium's cap of 7200; lower it

                """)
    }
}

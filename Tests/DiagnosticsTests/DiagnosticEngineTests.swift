import Diagnostics
import Testing

/// Codes made up for these tests: the engine does not care which domain declared a code.
enum TestCode {
    static let maxAge = DiagnosticCode("T020", .warning, "a warning")
    static let duplicate = DiagnosticCode("T002", .error, "an error")
    static let scheme = DiagnosticCode("T004", .warning, "a repeated warning")
    static let broken = DiagnosticCode("X001", .error, "an error to print")
}

@Suite struct DiagnosticEngineTests {
    @Test func keepsGoingAndThrowsEveryProblemAtTheEnd() throws {
        var engine = DiagnosticEngine()
        engine.report(.warning(TestCode.maxAge, "max age above 7200 seconds; Chromium caps it"))
        #expect(!engine.hasErrors)
        try engine.throwIfErrors()
        engine.report(.error(TestCode.duplicate, "duplicate key \"a\"; remove one"))
        engine.report(.error(TestCode.duplicate, "duplicate key \"b\"; remove one"))
        #expect(engine.hasErrors)
        #expect(engine.count(of: .error) == 2)
        #expect(engine.count(of: .warning) == 1)
        let thrown = #expect(throws: DiagnosticError.self) { try engine.throwIfErrors() }
        #expect(thrown?.diagnostics.map(\.code) == ["T020", "T002", "T002"])
    }

    @Test func reportsARepeatedProblemOnceWhenAskedTo() {
        var engine = DiagnosticEngine()
        let place = SourceLocation(file: "openapi.yaml", line: 3, column: 1)
        for _ in 0..<3 { engine.reportOnce(.warning(TestCode.scheme, "scheme not enforced", at: place)) }
        engine.reportOnce(.warning(TestCode.scheme, "scheme not enforced", at: SourceLocation(file: "openapi.yaml", line: 9, column: 1)))
        engine.report(.warning(TestCode.scheme, "scheme not enforced", at: place))
        #expect(engine.diagnostics.map { $0.location?.line } == [3, 9, 3], "report() itself never drops anything")
    }

    @Test func printsLocationsTheWayEditorsReadThem() {
        let location = SourceLocation(file: "specs/a/openapi.yaml", line: 7, column: 5)
        #expect(location.description == "specs/a/openapi.yaml:7:5")
        let error = DiagnosticError(.error(TestCode.broken, "broken; fix it", at: location))
        #expect(error.description == "specs/a/openapi.yaml:7:5: error: [X001] broken; fix it")
    }

    @Test func ordersSeveritiesAndLocations() {
        #expect(Diagnostic.Severity.error < .warning)
        #expect(Diagnostic.Severity.warning < .note)
        #expect(SourceLocation(file: "a", line: 2, column: 9) < SourceLocation(file: "a", line: 10, column: 1))
    }

    @Test func aCodeComparesWithTheCodeOfADiagnostic() {
        let diagnostic = Diagnostic.error(TestCode.broken, "broken; fix it")
        #expect(diagnostic.code == TestCode.broken)
        #expect(diagnostic.code != TestCode.duplicate)
        #expect(TestCode.maxAge.allows(.warning))
        #expect(!TestCode.maxAge.allows(.error))
        #expect(DiagnosticCode("T1", .error, "either", alsoAs: [.warning]).allows(.warning))
    }
}

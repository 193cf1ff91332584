import Diagnostics
import Testing

@Suite struct DiagnosticEngineTests {
    @Test func keepsGoingAndThrowsEveryProblemAtTheEnd() throws {
        var engine = DiagnosticEngine()
        engine.report(.warning("CORS020", "max age above 7200 seconds; Chromium caps it"))
        #expect(!engine.hasErrors)
        try engine.throwIfErrors()
        engine.report(.error("YAML002", "duplicate key \"a\"; remove one"))
        engine.report(.error("YAML002", "duplicate key \"b\"; remove one"))
        #expect(engine.hasErrors)
        #expect(engine.count(of: .error) == 2)
        #expect(engine.count(of: .warning) == 1)
        let thrown = #expect(throws: DiagnosticError.self) { try engine.throwIfErrors() }
        #expect(thrown?.diagnostics.map(\.code) == ["CORS020", "YAML002", "YAML002"])
    }

    @Test func reportsARepeatedProblemOnceWhenAskedTo() {
        var engine = DiagnosticEngine()
        let place = SourceLocation(file: "openapi.yaml", line: 3, column: 1)
        for _ in 0..<3 { engine.reportOnce(.warning("PLAN004", "scheme not enforced", at: place)) }
        engine.reportOnce(.warning("PLAN004", "scheme not enforced", at: SourceLocation(file: "openapi.yaml", line: 9, column: 1)))
        engine.report(.warning("PLAN004", "scheme not enforced", at: place))
        #expect(engine.diagnostics.map { $0.location?.line } == [3, 9, 3], "report() itself never drops anything")
    }

    @Test func printsLocationsTheWayEditorsReadThem() {
        let location = SourceLocation(file: "specs/a/openapi.yaml", line: 7, column: 5)
        #expect(location.description == "specs/a/openapi.yaml:7:5")
        let error = DiagnosticError(.error("X001", "broken; fix it", at: location))
        #expect(error.description == "specs/a/openapi.yaml:7:5: error: [X001] broken; fix it")
    }

    @Test func ordersSeveritiesAndLocations() {
        #expect(Diagnostic.Severity.error < .warning)
        #expect(Diagnostic.Severity.warning < .note)
        #expect(SourceLocation(file: "a", line: 2, column: 9) < SourceLocation(file: "a", line: 10, column: 1))
    }
}

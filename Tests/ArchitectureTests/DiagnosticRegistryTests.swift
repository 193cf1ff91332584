import Foundation
import Testing
import Diagnostics
import YAML
import Spec
import CORS
import Planning
import Render
import Read
import Intake
import CORSDoctor
import Convert
import Migrate
import GoldenCases

/// The registry of diagnostic codes: every domain's declared codes, the page that lists
/// them, and the tests that make each happen, held together.
@Suite struct DiagnosticRegistryTests {
    /// Every domain that reports diagnostics, lowest layer first. A domain added to the
    /// sources and not here fails `everyDeclaredCodeIsInTheRegistry`.
    static let domains: [any DiagnosticDomain.Type] = [
        ReadError.self, FileCode.self, LoadError.self, ModelCheck.self, CORSDiagnosticCode.self, PlanError.self, HTTPAPIError.self,
        PipelineError.self, RenderError.self, TemplateReferences.self, ReadDiagnosticCode.self, IntakeCode.self,
        DoctorCode.self, ConvertConfig.self, MigrationCode.self, GoldenCode.self,
    ]

    static let registry: [DiagnosticCode] = domains.flatMap { $0.codes }

    /// Each `DiagnosticCode(…)` written in `Sources/`: its id, the type that declares it,
    /// and the constant's name.
    static let declarations: [(id: String, type: String, name: String)] = {
        Repository.files(under: "Sources", endingWith: [".swift"]).flatMap { path -> [(id: String, type: String, name: String)] in
            let text = Repository.text(path)
            let types = Repository.matches(#"^(?:public |package )?(?:enum|struct|extension|final class|class) (\w+)"#, in: text)
            let typeName = types.last?.first ?? ""
            return Repository.matches(#"static let `?(\w+)`? = DiagnosticCode\(\s*"([A-Z]+[0-9]+)""#, in: text).map {
                (id: $0[1], type: typeName, name: $0[0])
            }
        }
    }()

    @Test func codesAreUniqueAndWellFormed() {
        let ids = Self.registry.map(\.id)
        #expect(Set(ids).count == ids.count, "a code is declared twice: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
        for code in Self.registry {
            #expect(code.id.wholeMatch(of: /[A-Z]{2,4}[0-9]{3}/) != nil, "\(code.id) is not letters and three digits")
            #expect(!code.meaning.isEmpty && !code.meaning.contains("\n"), "\(code.id) needs a one-line meaning")
            #expect(!code.otherSeverities.contains(code.severity), "\(code.id) lists its severity twice")
        }
    }

    @Test func everyDeclaredCodeIsInTheRegistry() {
        let declared = Set(Self.declarations.map(\.id))
        #expect(declared.count == Self.declarations.count, "two constants declare the same code")
        #expect(declared == Set(Self.registry.map(\.id)), "declared but in no domain's codes: \(declared.subtracting(Self.registry.map(\.id)).sorted())")
    }

    /// `docs/diagnostics.md` ends with every code, its severity and its meaning, exactly as
    /// the registry has them; no table row anywhere on the page names a code it lacks.
    @Test func thePageListsEveryCodeAndNoOther() {
        let page = Repository.text("docs/diagnostics.md")
        let known = Set(Self.registry.map(\.id))
        for code in Self.registry {
            let severities = ([code.severity] + code.otherSeverities).map(\.rawValue).joined(separator: ", ")
            let row = "| \(code.id) | \(severities) | \(code.meaning) |"
            #expect(page.contains(row), "docs/diagnostics.md has no row \(row)")
        }
        let listed = Set(Repository.matches(#"^\| ([A-Z]{2,4}[0-9]{3}) \|"#, in: page).map { $0[0] })
        #expect(listed.subtracting(known).isEmpty, "docs/diagnostics.md lists codes no domain declares: \(listed.subtracting(known).sorted())")
    }

    /// Each code is expected by some test: its id in a golden file (which a test compares
    /// byte for byte) or in a test's source, or its constant named in a test's source.
    @Test func everyCodeIsEmittedByATest() {
        let goldens = Repository.files(under: "golden", endingWith: [".txt", ".yaml", ".json", ".md"]).map(Repository.text)
        let tests = Repository.files(under: "Tests", endingWith: [".swift", ".tsv", ".txt"])
            .filter { !$0.hasPrefix("Tests/ArchitectureTests/") }.map(Repository.text)
        let evidence = (goldens + tests).joined(separator: "\n")
        let names = Dictionary(Self.declarations.map { ($0.id, "\($0.type).\($0.name)") }, uniquingKeysWith: { first, _ in first })
        let missing = Self.registry.map(\.id).filter { id in
            !evidence.contains(id) && !(names[id].map { evidence.contains($0) } ?? false)
        }
        #expect(missing == [], "no test expects \(missing)")
    }

    /// One way to report: outside `Diagnostics`, a diagnostic is made into a
    /// `DiagnosticEngine`, never appended to an array; and no public function takes an
    /// engine, since a stage returns its diagnostics with its result.
    @Test func reportingGoesThroughTheCollector() {
        let appended = #"\.append\(\s*(?:\.(?:error|warning|note)\(|Diagnostic(?:\.(?:error|warning|note))?\()|\+= \[\s*\.(?:error|warning|note)\("#
        let publicEngine = #"^\s*public[^\n]*inout DiagnosticEngine"#
        for path in Repository.files(under: "Sources", endingWith: [".swift"]) where !path.hasPrefix("Sources/Diagnostics/") {
            let text = Repository.text(path)
            #expect(Repository.matches("(" + appended + ")", in: text).isEmpty, "\(path) appends a new diagnostic to an array; report it into a DiagnosticEngine")
            #expect(Repository.matches("(" + publicEngine + ")", in: text).isEmpty, "\(path) takes a DiagnosticEngine in a public function; return the diagnostics with the result")
        }
    }
}

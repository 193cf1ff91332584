import Normalize
import Support
import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML

/// `normalize` over every case in `specs/`: the canonical YAML and JSON, or the exact
/// diagnostics a user would see, pinned in `golden/<case>/`.
@Suite struct NormalizeGoldenTests {
    static let rerecord = "UPDATE_GOLDEN=1 swift test --filter NormalizeGoldenTests"

    @Test(arguments: SpecCorpus.caseNames)
    func normalizesLikeTheGolden(caseName: String) throws {
        let spec = try #require(SpecCorpus.specPath(of: caseName), "specs/\(caseName) has no spec (openapi.* or swagger.*)")
        let input = try SpecCorpus.bytes(spec)
        var problems: [Diagnostic] = []
        for format in SourceFormat.allCases {
            let golden = "golden/\(caseName)/normalized.\(format.rawValue)"
            do {
                let output = try Normalizer.normalize(input, file: spec, outputFormat: format)
                Golden.assertMatches(output, golden: golden, rerecord: Self.rerecord)
            } catch let error as DiagnosticError {
                problems += error.diagnostics.filter { !problems.contains($0) }
                Golden.assertAbsent(golden)
            }
        }
        let diagnosticsGolden = "golden/\(caseName)/normalize-diagnostics.txt"
        if problems.isEmpty {
            Golden.assertAbsent(diagnosticsGolden)
        } else {
            let printed = DiagnosticFormatter(format: .text).render(problems)
            Golden.assertMatches(printed, golden: diagnosticsGolden, rerecord: Self.rerecord)
        }
    }

    @Test func everyGoldenFolderHasASpec() {
        let orphans = SpecCorpus.folders(in: "golden").filter {
            !SpecCorpus.caseNames.contains($0) && !SpecCorpus.doctorCaseNames.contains($0) && !SpecCorpus.migrateCaseNames.contains($0)
        }
        #expect(orphans.isEmpty, "golden folders without specs/<case>: \(orphans); remove them or add the spec")
    }

    @Test func theCorpusIsNotEmpty() {
        #expect(SpecCorpus.caseNames.count >= 10)
    }
}

import Support
import Diagnostics
import TestSupport
import Testing
import YAML
import Spec

/// Every case in `specs/` through `SpecLoader` and `SpecBundler`: the bundled YAML, or the
/// exact diagnostics a user would see, pinned in `golden/<case>/`.
@Suite struct BundleGoldenTests {
    static let rerecord = "UPDATE_GOLDEN=1 swift test --filter BundleGoldenTests"

    @Test(arguments: SpecCorpus.caseNames)
    func bundlesLikeTheGolden(caseName: String) throws {
        let spec = try #require(SpecCorpus.specPath(of: caseName), "specs/\(caseName) has no spec (openapi.* or swagger.*)")
        let bundled = "golden/\(caseName)/bundled.yaml"
        let diagnostics = "golden/\(caseName)/load-diagnostics.txt"
        do {
            let result = try SpecLoader.load(entry: spec, reader: CorpusFiles())
            Golden.assertMatches(YAMLWriter.write(SpecBundler.bundle(result.spec)), golden: bundled, rerecord: Self.rerecord)
            if result.warnings.isEmpty {
                Golden.assertAbsent(diagnostics)
            } else {
                let printed = DiagnosticFormatter(format: .text).render(result.warnings)
                Golden.assertMatches(printed, golden: diagnostics, rerecord: Self.rerecord)
            }
        } catch let error as DiagnosticError {
            Golden.assertAbsent(bundled)
            let printed = DiagnosticFormatter(format: .text).render(error.diagnostics)
            Golden.assertMatches(printed, golden: diagnostics, rerecord: Self.rerecord)
        }
    }

    @Test func bundlingTheSameSpecTwiceGivesTheSameBytes() throws {
        let spec = try #require(SpecCorpus.specPath(of: "multi-file-nested"))
        let first = YAMLWriter.write(SpecBundler.bundle(try SpecLoader.load(entry: spec, reader: CorpusFiles()).spec))
        let second = YAMLWriter.write(SpecBundler.bundle(try SpecLoader.load(entry: spec, reader: CorpusFiles()).spec))
        #expect(first == second)
        #expect(!first.contains(".yaml"), "an external $ref survived bundling")
        #expect(!first.contains(".json"), "an external $ref survived bundling")
    }
}

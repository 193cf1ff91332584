import Support
import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML
import Spec

/// `inspect` over every case in `specs/`: the model tree and the diagnostics exactly as a
/// user sees them, pinned in `golden/<case>/inspect.txt`.
@Suite struct InspectGoldenTests {
    static let rerecord = "UPDATE_GOLDEN=1 swift test --filter InspectGoldenTests"

    /// What `oas2apigw inspect` prints for a spec: the tree on standard output, then the
    /// loader's warnings and the model's diagnostics on standard error; a spec that does not
    /// load has only the loader's diagnostics.
    static func inspect(_ path: String) -> String {
        let formatter = DiagnosticFormatter(format: .text)
        do {
            let loaded = try SpecLoader.load(entry: path, reader: CorpusFiles())
            let (model, diagnostics) = APIModelBuilder.build(from: loaded.spec)
            return model.inspectionText() + formatter.render(loaded.warnings + diagnostics)
        } catch let error as DiagnosticError {
            return formatter.render(error.diagnostics)
        } catch {
            return "unexpected error: \(error)\n"
        }
    }

    @Test(arguments: SpecCorpus.caseNames)
    func inspectsLikeTheGolden(caseName: String) throws {
        let spec = try #require(SpecCorpus.specPath(of: caseName), "specs/\(caseName) has no spec (openapi.* or swagger.*)")
        Golden.assertMatches(Self.inspect(spec), golden: "golden/\(caseName)/inspect.txt", rerecord: Self.rerecord)
    }
}

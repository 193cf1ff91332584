import Support
import Diagnostics
import TestSupport
import Testing
import YAML
import CORS

/// Every `specs/cors-*/cors.yaml` (or `cors.json`) resolved against the paths of the case's spec: what each
/// path answers and what a user is told, pinned in `golden/<case>/cors-resolution.txt`.
@Suite struct CORSPolicyGoldenTests {
    static let rerecord = "UPDATE_GOLDEN=1 swift test --filter CORSPolicyGoldenTests"

    static let caseNames = SpecCorpus.caseNames.filter { $0.hasPrefix("cors-") }

    @Test(arguments: caseNames)
    func resolvesLikeTheGolden(caseName: String) throws {
        let policyFile = try #require(
            ["yaml", "json"].map { "specs/\(caseName)/cors.\($0)" }.first(where: Golden.exists),
            "specs/\(caseName) has no cors.yaml or cors.json")
        let specFile = try #require(SpecCorpus.specPath(of: caseName), "specs/\(caseName) has no openapi.yaml")
        let spec = try DocumentReader.read(try SpecCorpus.bytes(specFile), file: specFile)
        let reading = try CORSPolicyReader.read(try SpecCorpus.bytes(policyFile), file: policyFile)
        let resolution = CORSResolver.resolve(reading, resources: CORSResource.resources(ofSpec: spec, file: specFile))
        let printed = DiagnosticFormatter(format: .text).render(resolution.diagnostics)
        let report = resolution.report() + "\ndiagnostics:\n" + (printed.isEmpty ? "none\n" : printed)
        Golden.assertMatches(report, golden: "golden/\(caseName)/cors-resolution.txt", rerecord: Self.rerecord)
    }

    @Test func thereAreCORSCases() {
        #expect(Self.caseNames.count >= 5)
    }
}

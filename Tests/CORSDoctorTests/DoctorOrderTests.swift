import Testing
import Diagnostics
import Spec
import CORSDoctor
import TestSupport

/// The doctor lists its findings in the order of the places they are written, as an editor
/// would: a fault of the RestApi near the top comes before a fault of a method below it,
/// though the checks look at methods first.
@Suite struct DoctorOrderTests {
    @Test func findingsAreInLineOrder() throws {
        let source = "specs/doctor-gateway-responses/template.yaml"
        let template = String(decoding: try SpecCorpus.bytes(source), as: UTF8.self)
        // The same API with the preflight's origin left without API Gateway's quotes.
        let broken = template.replacing(
            "Access-Control-Allow-Origin: \"'https://app.example.com'\"", with: "Access-Control-Allow-Origin: https://app.example.com")
        #expect(broken != template)
        var files = InMemorySpecFiles()
        files.add("template.yaml", broken)
        let findings = Doctor.examine(source: "template.yaml", reader: files, policy: nil)
        #expect(findings.map(\.code) == ["DOC012", "DOC012", "DOC003", "DOC003"], "\(findings.map { "\($0.location?.line ?? 0) \($0.code)" })")
        let lines = findings.compactMap { $0.location?.line }
        #expect(lines == lines.sorted())
    }
}

import Foundation
import Testing

/// `--diagnostics-format json` is for tools: every command writes exactly one JSON document
/// per run, on the stream docs/diagnostics.md names (standard output for `doctor` and
/// `check`, whose findings are their answer; standard error for every other command).
@Suite struct JSONDiagnosticsTests {
    static let root = ConvertCommandTests.root

    /// Each command once, with input that makes it report something where it can.
    static let runs: [(name: String, arguments: [String], onStandardOutput: Bool)] = [
        ("convert", ["convert", "specs/petstore/openapi.yaml", "-o", "/dev/null"], false),
        ("convert, refused", ["convert", "specs/ref-missing-file/openapi.yaml", "-o", "/dev/null"], false),
        ("check", ["check", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--golden", "golden/petstore/cloudformation.yaml"], true),
        ("check, differs", ["check", "specs/petstore/openapi.yaml", "--golden", "golden/petstore/openapi.yaml"], true),
        ("doctor, faults", ["doctor", "specs/doctor-unquoted-value/template.yaml"], true),
        ("doctor, clean", ["doctor", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml"], true),
        ("doctor, unreadable", ["doctor", "specs/no-such-case/template.yaml"], true),
        ("preflight", ["preflight", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--path", "/pets",
            "--origin", "https://evil.example.net"], false),
        ("cors-check", ["cors-check", "specs/cors-sam-mistakes/cors.yaml"], false),
        ("inspect", ["inspect", "specs/petstore/openapi.yaml"], false),
        ("bundle", ["bundle", "specs/petstore/openapi.yaml", "-o", "/dev/null"], false),
        ("normalize", ["normalize", "specs/petstore/openapi.yaml", "-o", "/dev/null"], false),
    ]

    @Test(arguments: 0..<runs.count)
    func oneDocumentOnItsStream(index: Int) throws {
        let run = Self.runs[index]
        let result = try CommandRunner.run(run.arguments + ["--diagnostics-format", "json"], in: Self.root)
        let document = run.onStandardOutput ? result.standardOutput : result.standardError
        let parsed = try #require(
            try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
            "\(run.name): not one JSON document: \(document.prefix(300))")
        #expect(parsed["diagnostics"] is [Any], "\(run.name)")
        #expect(parsed["errors"] is Int && parsed["warnings"] is Int, "\(run.name)")
        if run.onStandardOutput {
            #expect(result.standardError.isEmpty, "\(run.name) wrote to standard error too: \(result.standardError.prefix(200))")
        }
    }

    /// A tool that keeps the document sees the doctor's errors (the bug: the findings, then
    /// an empty document after them).
    @Test func theDoctorsFindingsAreInTheDocument() throws {
        let result = try CommandRunner.run(
            ["doctor", "specs/doctor-unquoted-value/template.yaml", "--diagnostics-format", "json"], in: Self.root)
        #expect(result.status == 1)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(parsed["errors"] as? Int == 1)
        let codes = (parsed["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["DOC003"])
    }
}

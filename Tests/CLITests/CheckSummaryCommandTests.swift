import Foundation
import Testing

/// `check` as pre-commit and the GitHub Action run it: only the cases a commit touches, and a
/// Markdown summary of how each path's CORS answer changes.
@Suite struct CheckSummaryCommandTests {
    static func write(_ text: String, to path: String, in folder: URL) throws {
        try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    static func read(_ path: String, in folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func checksOnlyTheCasesTheFilesTouch() throws {
        let folder = try CheckCommandTests.copyOfCases(["petstore", "cors-minimal", "cors-multi-origin"])
        // A case the files do not touch may differ: it is not looked at.
        try Self.write("# changed\n", to: "golden/cors-minimal/openapi.yaml", in: folder)
        let arguments = ["check", "--cases", "specs", "--golden", "golden"]
        let touched = try CommandRunner.run(arguments + ["specs/petstore/cors.yaml", "./golden/cors-multi-origin/openapi.yaml", "README.md"], in: folder)
        #expect(touched.status == 0, "\(touched.standardOutput)\(touched.standardError)")
        #expect(touched.standardOutput == "2 cases match, 0 differ\n")
        let untouched = try CommandRunner.run(arguments + ["specs/cors-minimal/openapi.yaml"], in: folder)
        #expect(untouched.status == 1)
        #expect(untouched.standardOutput.contains("FAIL cors-minimal"))
        let none = try CommandRunner.run(arguments + ["README.md", "Sources/x.swift"], in: folder)
        #expect(none.status == 0)
        #expect(none.standardOutput == "no case touched: none of the 2 files given is in specs or golden\n0 cases match, 0 differ\n")
    }

    /// A golden folder whose case a commit deletes is still reported.
    @Test func aDeletedCaseItsFilesTouchIsReported() throws {
        let folder = try CheckCommandTests.copyOfCases(["petstore", "cors-minimal"])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("specs/cors-minimal"))
        let result = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden", "specs/cors-minimal/openapi.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("[GOLD002] golden/cors-minimal has no case in specs"))
    }

    @Test func theSummarySaysWhoMayNowCallEachPath() throws {
        let folder = try CheckCommandTests.copyOfCases(["petstore", "cors-minimal"])
        let policy = try Self.read("specs/petstore/cors.yaml", in: folder)
        try Self.write(
            policy.replacingOccurrences(of: "  - https://shop.example.com\n", with: "  - https://shop.example.com\n  - https://preview.example.com\n"),
            to: "specs/petstore/cors.yaml", in: folder)
        let result = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden", "--summary", "summary.md"], in: folder)
        #expect(result.status == 1, "the goldens still differ")
        let summary = try Self.read("summary.md", in: folder)
        #expect(summary.hasPrefix("## CORS changes\n\n2 paths in 1 of 2 outputs answer differently from `golden`.\n\n### petstore\n"), "\(summary)")
        #expect(summary.contains("- `/pets` is now callable from https://preview.example.com\n"))
        #expect(summary.contains("| `/pets` | before | https://shop.example.com | GET, POST, OPTIONS | Content-Type, X-Api-Key | no |\n"))

        // Once the goldens are updated they match, and compared with them nothing changed;
        // compared with the old ones (a base branch's), the change is still told.
        try FileManager.default.copyItem(at: folder.appendingPathComponent("golden"), to: folder.appendingPathComponent("base-golden"))
        let update = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden", "--update"], in: folder)
        #expect(update.status == 0)
        let same = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden", "--summary", "-"], in: folder)
        #expect(same.status == 0)
        #expect(same.standardOutput.hasSuffix("No path's CORS answer changed: 2 outputs compared with `golden`.\n"), "\(same.standardOutput)")
        let base = try CommandRunner.run(
            ["check", "--cases", "specs", "--golden", "golden", "--summary", "summary.md", "--before", "base-golden"], in: folder)
        #expect(base.status == 0)
        #expect(try Self.read("summary.md", in: folder).contains("- `/pets/{petId}` is now callable from https://preview.example.com\n"))
    }

    @Test func oneOutputHasASummaryToo() throws {
        let folder = try CheckCommandTests.copyOfCases(["petstore"])
        try Self.write("allowOrigins: ['*']\n", to: "specs/petstore/cors.yaml", in: folder)
        let result = try CommandRunner.run(
            [
                "check", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--golden", "golden/petstore/cloudformation.yaml",
                "--summary", "summary.md",
            ], in: folder)
        #expect(result.status == 1)
        let summary = try Self.read("summary.md", in: folder)
        #expect(summary.contains("### golden/petstore/cloudformation.yaml\n"), "\(summary)")
        #expect(summary.contains("- `/pets` is now callable from any origin\n"))
        #expect(summary.contains("- `/pets` is no longer callable from https://shop.example.com\n"))
    }

    @Test func theArgumentsAreCheckedFirst() throws {
        let twoSpecs = try CommandRunner.run(["check", "a.yaml", "b.yaml", "--golden", "g.yaml"], in: CheckCommandTests.root)
        #expect(twoSpecs.status == 64)
        #expect(twoSpecs.standardError.contains("one-output mode takes one SPEC, not 2"))
        let beforeAlone = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden", "--before", "x"], in: CheckCommandTests.root)
        #expect(beforeAlone.status == 64)
        #expect(beforeAlone.standardError.contains("give --summary FILE too"))
        let mixed = try CommandRunner.run(
            ["check", "--cases", "specs", "--golden", "golden", "--summary", "-", "--diagnostics-format", "json"], in: CheckCommandTests.root)
        #expect(mixed.status == 64)
        #expect(mixed.standardError.contains("give --summary a file"))
    }
}

/// The SwiftPM plugin's sample package commits the template the plugin writes for it; when
/// convert's output changes, this says so in `swift test`, before scripts/test_plugin.sh does.
@Suite struct PluginSampleTests {
    @Test func theSamplesTemplateIsWhatConvertWrites() throws {
        let sample = "docs/swiftpm-plugin-sample"
        let result = try CommandRunner.run(
            [
                "check", "\(sample)/Sources/BookshelfServer/openapi.yaml", "--cors", "\(sample)/Sources/BookshelfServer/cors.yaml",
                "--golden", "\(sample)/deploy/template.yaml",
            ], in: CheckCommandTests.root)
        #expect(result.status == 0, "rewrite it with: swift run oas2apigw check ... --update\n\(result.standardOutput)\(result.standardError)")
    }
}

import Foundation
import Testing

@Suite struct CheckCommandTests {
    static let root = ConvertCommandTests.root

    /// A copy of some cases and their goldens in a fresh folder, laid out like the repository.
    static func copyOfCases(_ names: [String]) throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        for top in ["specs", "golden"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(top), withIntermediateDirectories: true)
            for name in names {
                try FileManager.default.copyItem(
                    at: root.appendingPathComponent("\(top)/\(name)"), to: folder.appendingPathComponent("\(top)/\(name)"))
            }
        }
        return folder
    }

    static func files(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        return (enumerator?.allObjects as? [String] ?? []).sorted()
    }

    @Test func everyCaseOfTheRepositoryMatchesInTwoSeparateProcesses() throws {
        let caseCount = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("specs").path)
            .filter { !$0.hasPrefix(".") }.count
        let first = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden"], in: Self.root)
        let second = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden"], in: Self.root)
        #expect(first.status == 0, "\(first.standardOutput)")
        #expect(first.standardOutput == "\(caseCount) cases match, 0 differ\n")
        #expect(second.standardOutput == first.standardOutput)
    }

    @Test func checksOneRepairedOutputWithTheRepairFlag() throws {
        let arguments = [
            "check", "specs/repair-mock-backend/openapi.yaml", "--cors", "specs/repair-mock-backend/cors.yaml", "--to",
            "openapi", "--golden", "golden/repair-mock-backend/openapi.yaml",
        ]
        let repaired = try CommandRunner.run(arguments + ["--repair"], in: Self.root)
        #expect(repaired.status == 0, "\(repaired.standardOutput)\(repaired.standardError)")
        // Without it the spec's conflict is an error again, and nothing is compared.
        let plain = try CommandRunner.run(arguments, in: Self.root)
        #expect(plain.status == 2)
        #expect(plain.standardError.contains("[GW004]"))
    }

    /// One output of a case whose settings write files beside it (a body-s3 definition, a
    /// split template's children): the template is converted as `convert -o` writes it,
    /// naming those files after the golden, and compared.
    @Test(arguments: ["cfn-body-s3-style", "cfn-nested-stacks"])
    func checksOneTemplateThatHasFilesBesideIt(caseName: String) throws {
        let result = try CommandRunner.run(
            [
                "check", "specs/\(caseName)/openapi.yaml", "--cors", "specs/\(caseName)/cors.yaml", "--config",
                "specs/\(caseName)/options.yaml", "--golden", "golden/\(caseName)/cloudformation.yaml",
            ], in: Self.root)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("golden/\(caseName)/cloudformation.yaml matches"))
    }

    @Test func failsWithADiffAndTheUpdateCommandThenUpdatesOnlyWhatDiffers() throws {
        let folder = try Self.copyOfCases(["petstore", "cors-minimal"])
        let golden = folder.appendingPathComponent("golden/petstore/cloudformation.yaml")
        let original = try String(contentsOf: golden, encoding: .utf8)
        try original.replacing("PathPart: pets\n", with: "PathPart: animals\n").write(to: golden, atomically: true, encoding: .utf8)
        let before = Self.files(under: folder)

        let failing = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden"], in: folder)
        #expect(failing.status == 1)
        #expect(failing.standardOutput.contains("--- golden/petstore/cloudformation.yaml\n+++ generated\n@@ "))
        #expect(failing.standardOutput.contains("-      PathPart: animals\n+      PathPart: pets\n"))
        #expect(failing.standardOutput.contains("FAIL petstore\n1 case matches, 1 differs\n"))
        #expect(failing.standardOutput.hasSuffix("update them with:\n  oas2apigw check --cases specs --golden golden --update\n"))
        #expect(try String(contentsOf: golden, encoding: .utf8) != original, "check alone never writes")

        let updating = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden", "--update"], in: folder)
        #expect(updating.status == 0)
        #expect(updating.standardError == "updated golden/petstore/cloudformation.yaml\n")
        #expect(updating.standardOutput == "updated 1 file in 1 case; 2 cases match, 0 differ\n")
        #expect(try String(contentsOf: golden, encoding: .utf8) == original)
        #expect(Self.files(under: folder) == before, "update adds and deletes nothing")
    }

    /// Cases convert on every core, yet the report is the one a single worker prints: in
    /// case order, whichever case finished first.
    @Test func oneWorkerAndManyPrintTheSameReport() throws {
        let names = ["petstore", "cors-minimal", "cors-multi-origin", "any-method", "cfn-body-style", "ref-cycle"]
        let folder = try Self.copyOfCases(names)
        for name in ["petstore", "cors-multi-origin", "ref-cycle"] {
            let diagnostics = folder.appendingPathComponent("golden/\(name)/convert-diagnostics.txt")
            try "stale\n".write(to: diagnostics, atomically: true, encoding: .utf8)
        }
        let arguments = ["check", "--cases", "specs", "--golden", "golden"]
        let one = try CommandRunner.run(arguments + ["--jobs", "1"], in: folder)
        #expect(one.status == 1)
        #expect(one.standardOutput.contains("FAIL cors-multi-origin\nFAIL petstore\nFAIL ref-cycle\n3 cases match, 3 differ\n"))
        for jobs in ["2", "3", "8"] {
            let many = try CommandRunner.run(arguments + ["--jobs", jobs], in: folder)
            #expect(many.status == one.status)
            // The update command it prints repeats the arguments, --jobs included.
            #expect(
                many.standardOutput.replacing("--jobs \(jobs) --update", with: "--jobs 1 --update") == one.standardOutput,
                "--jobs \(jobs)")
            #expect(many.standardError == one.standardError, "--jobs \(jobs)")
        }
        let refused = try CommandRunner.run(arguments + ["--jobs", "0"], in: folder)
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("--jobs must be 1 or more"))
    }

    @Test func checksOneOutputAndComparesAsDataWhenAsked() throws {
        let folder = try Self.copyOfCases(["petstore"])
        let arguments = ["check", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--golden"]
        let same = try CommandRunner.run(arguments + ["golden/petstore/cloudformation.yaml"], in: folder)
        #expect(same.status == 0)
        // The same template as JSON, keys reordered: different bytes, same data.
        let json = folder.appendingPathComponent("hand-written.json")
        let convert = try CommandRunner.run(
            ["convert", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--format", "json", "-o", json.path],
            in: folder)
        #expect(convert.status == 0)
        let bytes = try CommandRunner.run(arguments + [json.path, "--format", "yaml"], in: folder)
        #expect(bytes.status == 1)
        let data = try CommandRunner.run(arguments + [json.path, "--format", "yaml", "--semantic"], in: folder)
        #expect(data.status == 0, "\(data.standardOutput)")
        var text = try String(contentsOf: json, encoding: .utf8)
        text = text.replacing("\"Type\": \"MOCK\"", with: "\"Type\": \"HTTP_PROXY\"")
        try text.write(to: json, atomically: true, encoding: .utf8)
        let changed = try CommandRunner.run(arguments + [json.path, "--format", "yaml", "--semantic"], in: folder)
        #expect(changed.status == 1)
        #expect(changed.standardOutput.contains("Resources.PetsGetMethod.Properties.Integration.Type: HTTP_PROXY → MOCK"))
        #expect(changed.standardOutput.hasPrefix("--- \(json.path)\n+++ generated (compared as data)\n"), "the file is named")
    }

    @Test func refusesAGoldenFolderWithoutACase() throws {
        let folder = try Self.copyOfCases(["petstore"])
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("golden/orphan"), withIntermediateDirectories: true)
        let result = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("[GOLD002] golden/orphan has no case in specs"))
    }

    @Test func refusesACaseFolderWithoutASpec() throws {
        let folder = try Self.copyOfCases(["petstore"])
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("specs/empty"), withIntermediateDirectories: true)
        let result = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("[GOLD001] specs/empty has no spec (openapi.yaml, openapi.yml, openapi.json, swagger.yaml, swagger.yml, swagger.json)"))
        #expect(result.standardError.contains("add the spec or remove the folder"))
    }

    /// The command `check` prints for a new case records it: the case's golden folder is
    /// made, and the next check matches.
    @Test func updateRecordsANewCaseInAFolderOfItsOwn() throws {
        let folder = try Self.copyOfCases(["petstore"])
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("specs/cors-minimal"), to: folder.appendingPathComponent("specs/cors-minimal"))
        let first = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden"], in: folder)
        #expect(first.status == 1)
        #expect(first.standardOutput.contains("oas2apigw check --cases specs --golden golden --update"))
        let update = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden", "--update"], in: folder)
        #expect(update.status == 0, "\(update.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("golden/cors-minimal/cloudformation.yaml").path))
        let again = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden"], in: folder)
        #expect(again.status == 0, "\(again.standardOutput)")
    }

    /// Goldens name files from inside their case's folder, so check passes wherever it runs
    /// and however `--cases` is written: from the parent, from elsewhere by absolute path.
    @Test(arguments: ["ref-missing-file", "doctor-unquoted-value", "migrate-request-validators"])
    func passesFromAnyFolder(caseName: String) throws {
        let copy = try Self.copyOfCases([caseName])
        let parent = copy.deletingLastPathComponent()
        let name = copy.lastPathComponent
        let fromParent = try CommandRunner.run(
            ["check", "--cases", "\(name)/specs", "--golden", "\(name)/golden"], in: parent)
        #expect(fromParent.status == 0, "\(fromParent.standardOutput)")
        let elsewhere = try CommandRunner.temporaryDirectory()
        let absolute = try CommandRunner.run(
            ["check", "--cases", copy.appendingPathComponent("specs").path, "--golden", copy.appendingPathComponent("golden").path],
            in: elsewhere)
        #expect(absolute.status == 0, "\(absolute.standardOutput)")
    }

    @Test func aGoldenFolderInOneOutputModeIsCalledAFolder() throws {
        let result = try CommandRunner.run(
            ["check", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--golden", "golden/petstore"], in: Self.root)
        #expect(result.status == 2)
        #expect(result.standardError.contains("[IO002] --golden golden/petstore is a folder; give the golden file"))
        #expect(result.standardError.contains("--cases DIR --golden golden/petstore"))
        #expect(!result.standardError.contains("spec"), "the golden is not a spec: \(result.standardError)")
    }
}

/// `check` for tools: what differs is a diagnostic, GOLD003, so the json format's one
/// document and the github format's annotations say it; and --strict fails a case whose
/// conversion warns (GOLD004), as convert --strict would.
@Suite struct CheckForToolsTests {
    static func changedPetstore() throws -> URL {
        let folder = try CheckCommandTests.copyOfCases(["petstore", "cors-minimal"])
        let golden = folder.appendingPathComponent("golden/petstore/cloudformation.yaml")
        let original = try String(contentsOf: golden, encoding: .utf8)
        try original.replacing("PathPart: pets\n", with: "PathPart: animals\n").write(to: golden, atomically: true, encoding: .utf8)
        return folder
    }

    @Test func theJSONFormatWritesOneDocumentListingEachDifference() throws {
        let folder = try Self.changedPetstore()
        let result = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden", "--diagnostics-format", "json"], in: folder)
        #expect(result.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let listed = document?["diagnostics"] as? [[String: Any]] ?? []
        #expect(listed.count == 1)
        #expect(listed.first?["code"] as? String == "GOLD003")
        #expect(listed.first?["file"] as? String == "golden/petstore/cloudformation.yaml")
        #expect((listed.first?["line"] as? Int ?? 0) > 1, "the first line that differs")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
    }

    @Test func theGitHubFormatAnnotatesEachDifferenceAndTheUpdateCommandDropsTheFormat() throws {
        let folder = try Self.changedPetstore()
        let result = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden", "--diagnostics-format", "github"], in: folder)
        #expect(result.status == 1)
        #expect(result.standardError.contains("::error file=golden/petstore/cloudformation.yaml,line="))
        #expect(result.standardError.contains("title=GOLD003::"))
        #expect(result.standardOutput.hasSuffix("update them with:\n  oas2apigw check --cases specs --golden golden --update\n"))
    }

    @Test func oneOutputSaysItMatchesAndAMissingGoldenOnce() throws {
        let folder = try CheckCommandTests.copyOfCases(["petstore"])
        let arguments = ["check", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "--golden"]
        let same = try CommandRunner.run(arguments + ["golden/petstore/cloudformation.yaml"], in: folder)
        #expect(same.status == 0)
        #expect(same.standardOutput == "golden/petstore/cloudformation.yaml matches\n")
        let missing = try CommandRunner.run(arguments + ["golden/nothing.yaml"], in: folder)
        #expect(missing.status == 1)
        #expect(
            missing.standardOutput
                == "golden/nothing.yaml does not exist; write it with:\n  oas2apigw check specs/petstore/openapi.yaml --cors specs/petstore/cors.yaml --golden golden/nothing.yaml --update\n")
    }

    @Test func strictFailsACaseThatConvertsWithWarnings() throws {
        let folder = try CheckCommandTests.copyOfCases(["cors-multi-origin"])
        let arguments = ["check", "--cases", "specs", "--golden", "golden"]
        let plain = try CommandRunner.run(arguments, in: folder)
        #expect(plain.status == 0)
        let strict = try CommandRunner.run(arguments + ["--strict"], in: folder)
        #expect(strict.status == 2)
        #expect(strict.standardError.contains("error: [GOLD004] case cors-multi-origin converts with "))
        #expect(strict.standardError.hasPrefix("specs/cors-multi-origin/"), "at the warning's place in the case")
        // The count of golden files does not read as a pass when errors fail the run.
        #expect(strict.standardOutput == "1 case matches, 0 differ; the check fails on the errors reported\n")
    }

    /// A cases folder that is not there is said as such, not as a golden folder without cases;
    /// golden files that do not exist yet are named in the text report too.
    @Test func aMissingCasesFolderAndMissingGoldenFilesAreNamed() throws {
        let folder = try CheckCommandTests.copyOfCases(["cors-minimal"])
        let none = try CommandRunner.run(["check", "--cases", "nosuch", "--golden", "golden"], in: folder)
        #expect(none.status == 2)
        #expect(none.standardError.contains("error: [IO001] --cases nosuch does not exist"))
        #expect(!none.standardError.contains("GOLD002"))
        let fresh = try CommandRunner.run(["check", "--cases", "specs", "--golden", "new-golden"], in: folder)
        #expect(fresh.status == 1)
        #expect(fresh.standardOutput.hasPrefix("new-golden/cors-minimal/cloudformation.yaml does not exist\n"), "\(fresh.standardOutput)")
    }
}

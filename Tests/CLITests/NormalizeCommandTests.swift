import Foundation
import Testing

@Suite struct NormalizeCommandTests {
    @Test func convertsYAMLOnStandardInputToJSONOnStandardOutput() throws {
        let result = try CommandRunner.run(
            ["normalize", "-", "--format", "json"], input: Data("b: !Ref Table\na: [1, \"on\"]\n".utf8))
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(
            result.standardOutput == """
                {
                  "b": {
                    "Ref": "Table"
                  },
                  "a": [
                    1,
                    "on"
                  ]
                }

                """)
    }

    @Test func writesTheOutputFileAtomically() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let input = folder.appendingPathComponent("in.json")
        try Data("{\"x\": [true, null]}".utf8).write(to: input)
        let output = folder.appendingPathComponent("out.yaml")
        let result = try CommandRunner.run(["normalize", input.path, "--format", "yaml", "-o", output.path])
        #expect(result.status == 0)
        #expect(try String(contentsOf: output, encoding: .utf8) == "x:\n  - true\n  - null\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(leftovers == ["in.json", "out.yaml"])
    }

    @Test func leavesAnExistingOutputUntouchedOnError() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let input = folder.appendingPathComponent("bad.yaml")
        try Data("a: 1\na: 2\n".utf8).write(to: input)
        let output = folder.appendingPathComponent("out.yaml")
        try Data("previous\n".utf8).write(to: output)
        let result = try CommandRunner.run(["normalize", "bad.yaml", "-o", "out.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardOutput == "")
        #expect(
            result.standardError == """
                bad.yaml:2:1: error: [YAML002] duplicate key "a"; remove one of them or merge their contents
                bad.yaml:1:1: note: first defined here
                1 error

                """)
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bad.yaml", "out.yaml"])
    }

    @Test func reportsMissingFilesAndDirectories() throws {
        let missing = try CommandRunner.run(["normalize", "/no/such/file.yaml"])
        #expect(missing.status == 2)
        #expect(missing.standardError.hasPrefix("/no/such/file.yaml:1:1: error: [IO001] cannot open /no/such/file.yaml"))
        let folder = try CommandRunner.temporaryDirectory()
        let directory = try CommandRunner.run(["normalize", folder.path])
        #expect(directory.status == 2)
        #expect(directory.standardError.contains("[IO002]"))
    }

    @Test func printsDiagnosticsAsJSONAndGitHubAnnotations() throws {
        let input = Data("a:\n\tb: 1\n".utf8)
        let json = try CommandRunner.run(["normalize", "-", "--diagnostics-format", "json"], input: input)
        #expect(json.status == 2)
        #expect(json.standardError.contains("\"code\": \"YAML001\""))
        #expect(json.standardError.contains("\"file\": \"<stdin>\""))
        let github = try CommandRunner.run(["normalize", "-", "--diagnostics-format", "github"], input: input)
        #expect(github.standardError.hasPrefix("::error file=<stdin>,line=2,col=1,title=YAML001::"))
    }

    @Test func refusesAnUnknownFormatAsAUsageError() throws {
        let result = try CommandRunner.run(["normalize", "-", "--format", "xml"], input: Data())
        #expect(result.status == 64)
    }

    @Test func documentsExitCodesAndVersion() throws {
        let help = try CommandRunner.run(["--help"])
        #expect(help.status == 0)
        for line in ["0   success", "1   check found differences, doctor found an error-level fault", "2   the input has errors", "64  the command line is wrong"] {
            #expect(help.standardOutput.contains(line))
        }
        let version = try CommandRunner.run(["--version"])
        #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func stopsReadingAnEndlessInput() throws {
        // /dev/zero never ends: the reader must stop at the size limit, not fill memory.
        let result = try CommandRunner.run(["normalize", "/dev/zero"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("[YAML005]"))
    }
}

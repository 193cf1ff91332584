import Foundation
import Testing

@Suite struct ConvertCommandTests {
    /// The repository's top level, where the bundled example lives.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func convertsTheBundledExampleAsTheREADMESays() throws {
        let result = try CommandRunner.run(
            ["convert", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml"], in: Self.root)
        #expect(result.status == 0)
        let golden = try String(contentsOf: Self.root.appendingPathComponent("golden/petstore/cloudformation.yaml"), encoding: .utf8)
        #expect(result.standardOutput == golden)
        // The note that the API-key methods need a usage plan, then one line saying what was
        // written; the output alone is on standard output.
        #expect(
            result.standardError
                == "oas2apigw: note: [PLAN038] POST /pets, DELETE /pets/{petId} require an API key, and API Gateway refuses (403) every "
                + "key that is not in a usage plan of the stage; unless a plan you manage elsewhere takes this stage, add usagePlans to "
                + "the settings file (docs/settings.md)\n"
                + "wrote a CloudFormation template to standard output: 3 resources, 4 methods, 2 preflights, 2 gateway responses (\(golden.utf8.count) bytes)\n")
    }

    /// `--cfn-style body-s3 -o FILE` writes the template and, beside it, the definition it
    /// deploys, the two the golden case holds; standard output cannot take both.
    @Test func writesTheBodyS3DefinitionBesideTheTemplate() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let specFolder = Self.root.appendingPathComponent("specs/cfn-body-s3-style").path
        let arguments = [
            "convert", "\(specFolder)/openapi.yaml", "--cors", "\(specFolder)/cors.yaml", "--config", "\(specFolder)/options.yaml",
        ]
        let result = try CommandRunner.run(arguments + ["-o", "build/cloudformation.yaml"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let golden = Self.root.appendingPathComponent("golden/cfn-body-s3-style")
        for name in ["cloudformation.yaml", "cloudformation.definition.yaml"] {
            let written = try String(contentsOf: folder.appendingPathComponent("build/\(name)"), encoding: .utf8)
            #expect(written == (try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)), "\(name)")
        }
        #expect(result.standardError.contains("and its definition to build/cloudformation.definition.yaml"))
        let toStandardOutput = try CommandRunner.run(arguments, in: folder)
        #expect(toStandardOutput.status != 0)
        #expect(toStandardOutput.standardError.contains("[CONV014]"))
        #expect(toStandardOutput.standardOutput.isEmpty)
    }

    /// `--trim` on the command line writes what `trim: true` in the case's settings does,
    /// the golden; without it, the descriptions are written.
    @Test func trimOnTheCommandLineWritesTheTrimmedGolden() throws {
        let specFolder = Self.root.appendingPathComponent("specs/trim-definition").path
        let arguments = ["convert", "\(specFolder)/openapi.yaml", "--cors", "\(specFolder)/cors.yaml", "--to", "openapi"]
        let trimmed = try CommandRunner.run(arguments + ["--trim"], in: Self.root)
        #expect(trimmed.status == 0, "\(trimmed.standardError)")
        let golden = try String(contentsOf: Self.root.appendingPathComponent("golden/trim-definition/openapi.yaml"), encoding: .utf8)
        #expect(trimmed.standardOutput == golden)
        let whole = try CommandRunner.run(arguments, in: Self.root)
        #expect(whole.status == 0)
        #expect(whole.standardOutput.contains("description: Every note the caller may read, newest first."))
        #expect(whole.standardOutput.utf8.count > trimmed.standardOutput.utf8.count)
    }

    /// Over the settings' stackResourceLimit, `-o FILE` writes the parent and its children
    /// as the golden case holds them; on standard output the template is written whole, with
    /// CFN005 saying so.
    @Test func aTemplateOverTheLimitIsSplitBesideItsFile() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let specFolder = Self.root.appendingPathComponent("specs/cfn-nested-stacks").path
        let arguments = [
            "convert", "\(specFolder)/openapi.yaml", "--cors", "\(specFolder)/cors.yaml", "--config", "\(specFolder)/options.yaml",
        ]
        let result = try CommandRunner.run(arguments + ["-o", "out/cloudformation.yaml"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let golden = Self.root.appendingPathComponent("golden/cfn-nested-stacks")
        for name in ["cloudformation.yaml", "cloudformation.stack-1.yaml", "cloudformation.stack-2.yaml"] {
            let written = try String(contentsOf: folder.appendingPathComponent("out/\(name)"), encoding: .utf8)
            #expect(written == (try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)), "\(name)")
        }
        #expect(result.standardError.contains("split into nested stacks: 2 child templates beside it (out/cloudformation.stack-1.yaml…)"))
        let whole = try CommandRunner.run(arguments, in: folder)
        #expect(whole.status == 0)
        #expect(whole.standardError.contains("warning: [CFN005]"))
        #expect(!whole.standardOutput.contains("AWS::CloudFormation::Stack"))
    }

    @Test func quietStrictAndIgnoreDecideWhatCounts() throws {
        let folder = try CommandRunner.temporaryDirectory()
        // Three GW014 warnings (optional path parameters) and the CORS027 note.
        let spec = Self.root.appendingPathComponent("specs/apigw-optional-path-parameters/openapi.yaml").path
        let plain = try CommandRunner.run(["convert", spec, "-o", "a.yaml"], in: folder)
        #expect(plain.status == 0)
        #expect(plain.standardError.components(separatedBy: "[GW014]").count == 4)
        #expect(plain.standardError.contains("wrote a CloudFormation template to a.yaml: "))

        let quiet = try CommandRunner.run(["convert", spec, "-o", "b.yaml", "--quiet"], in: folder)
        #expect(quiet.status == 0 && quiet.standardError.isEmpty, "\(quiet.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("b.yaml").path))

        let strict = try CommandRunner.run(["convert", spec, "-o", "c.yaml", "--strict"], in: folder)
        #expect(strict.status == 2)
        #expect(strict.standardError.contains("error: [GW014]") && strict.standardError.contains("(a warning, an error under --strict)"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.yaml").path), "--strict writes nothing")

        let accepted = try CommandRunner.run(["convert", spec, "-o", "d.yaml", "--strict", "--ignore", "GW014"], in: folder)
        #expect(accepted.status == 0, "\(accepted.standardError)")
        #expect(!accepted.standardError.contains("GW014"))

        try Data("ignore: [GW014]\n".utf8).write(to: folder.appendingPathComponent("settings.yaml"))
        let fromSettings = try CommandRunner.run(["convert", spec, "-o", "e.yaml", "--strict", "--config", "settings.yaml"], in: folder)
        #expect(fromSettings.status == 0, "\(fromSettings.standardError)")

        // An error cannot be ignored.
        let missing = Self.root.appendingPathComponent("specs/ref-missing-file/openapi.yaml").path
        let refused = try CommandRunner.run(["convert", missing, "-o", "f.yaml", "--ignore", "OAS009"], in: folder)
        #expect(refused.status == 2 && refused.standardError.contains("[OAS009]"))
    }

    @Test func saysOnceThatNoCORSIsAddedWithoutAPolicy() throws {
        let result = try CommandRunner.run(["convert", "specs/petstore/openapi.yaml", "--to", "openapi"], in: Self.root)
        #expect(result.status == 0)
        #expect(result.standardError.components(separatedBy: "[CORS027]").count == 2)
    }

    /// A warning each operation repeats is printed five times and then counted, so a large
    /// spec's one real problem is not lost in the copies; `--verbose` prints each.
    @Test func groupsAWarningEveryOperationRepeats() throws {
        let folder = try CommandRunner.temporaryDirectory()
        var spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n"
        for index in 1...7 {
            spec += "  /p\(index):\n    get:\n      responses: {'200': {description: ok}}\n"
            spec += "      x-amazon-apigateway-integration: {type: mock, tlsConfig: {insecureSkipVerification: true}}\n"
        }
        try Data(spec.utf8).write(to: folder.appendingPathComponent("openapi.yaml"))
        let grouped = try CommandRunner.run(["convert", "openapi.yaml", "-o", "out.yaml"], in: folder)
        #expect(grouped.status == 0)
        #expect(grouped.standardError.components(separatedBy: "[PLAN001] integration field").count == 6)
        #expect(grouped.standardError.contains("[PLAN001] 2 more warnings like the above, at openapi.yaml:27:7, openapi.yaml:31:7; --verbose prints each"))
        #expect(grouped.standardError.contains("\n7 warnings\nwrote a CloudFormation template to out.yaml: "), "the count, then what was written")
        let verbose = try CommandRunner.run(["convert", "openapi.yaml", "-o", "out.yaml", "--verbose"], in: folder)
        #expect(verbose.standardError.components(separatedBy: "[PLAN001] integration field").count == 8)
        let json = try CommandRunner.run(["convert", "openapi.yaml", "-o", "out.yaml", "--diagnostics-format", "json"], in: folder)
        #expect(json.standardError.components(separatedBy: "\"PLAN001\"").count == 8)
    }

    @Test func writesNothingWhenThePolicyHasErrors() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let output = folder.appendingPathComponent("template.yaml")
        try Data("previous\n".utf8).write(to: output)
        let result = try CommandRunner.run(
            ["convert", "specs/cors-sam-mistakes/openapi.yaml", "--cors", "specs/cors-sam-mistakes/cors.yaml", "-o", output.path],
            in: Self.root)
        #expect(result.status == 2)
        #expect(result.standardError.contains("error: [CORS003]"))
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous\n")
    }

    /// The output streams into a temporary file while it is made; errors found only while
    /// writing (a CloudFormation function in an OpenAPI output, a template over
    /// CloudFormation's 1 MB) must still leave the target as it was and no file behind.
    @Test(arguments: ["tag", "size"])
    func anErrorFoundWhileWritingLeavesTheTargetAndNoTemporaryFile(kind: String) throws {
        let folder = try CommandRunner.temporaryDirectory()
        var spec = "openapi: 3.0.3\ninfo: {title: Big, version: '1'}\npaths:\n"
        let description = String(repeating: "A long description that makes the template large. ", count: 80)
        for index in 0..<(kind == "size" ? 400 : 40) {
            spec += "  /items\(index):\n    get:\n      description: \(description)\n"
            spec += "      responses: {'200': {description: OK}}\n"
        }
        if kind == "tag" { spec += "x-late: !Sub 'arn:${AWS::Region}'\n" }
        try Data(spec.utf8).write(to: folder.appendingPathComponent("spec.yaml"))
        let output = folder.appendingPathComponent("out.yaml")
        try Data("previous\n".utf8).write(to: output)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let target = kind == "tag" ? ["--to", "openapi"] : ["--to", "cloudformation", "--cfn-style", "body"]
        let result = try CommandRunner.run(["convert", "spec.yaml"] + target + ["-o", "out.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains(kind == "tag" ? "error: [CONV002]" : "spec.yaml:3:1: error: [CFN002]"), "\(result.standardError)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
    }

    @Test func aFolderThatCannotBeWrittenIsReportedAfterWhatTheConversionFound() throws {
        // A folder cannot be made where a file is.
        let folder = try CommandRunner.temporaryDirectory()
        try Data("a file\n".utf8).write(to: folder.appendingPathComponent("blocker"))
        let result = try CommandRunner.run(
            ["convert", Self.root.appendingPathComponent("specs/petstore/openapi.yaml").path, "-o", "blocker/out/api.yaml"],
            in: folder)
        #expect(result.status == 2)
        let noPolicy = try #require(result.standardError.range(of: "[CORS027]"))
        let unwritable = try #require(result.standardError.range(of: "error: [IO003] cannot create a file next to"))
        #expect(noPolicy.lowerBound < unwritable.lowerBound)
    }

    /// `-o build/api.yaml` in a fresh checkout, as docs/migration.md has users run it: the
    /// folders are made with the output, and taken away again when there is no output.
    @Test func makesTheOutputsFoldersAndLeavesNoneWhenItFails() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let spec = Self.root.appendingPathComponent("specs/petstore/openapi.yaml").path
        let made = try CommandRunner.run(["convert", spec, "-o", "build/cfn/api.yaml"], in: folder)
        #expect(made.status == 0, "\(made.standardError)")
        let written = try String(contentsOf: folder.appendingPathComponent("build/cfn/api.yaml"), encoding: .utf8)
        #expect(written.hasPrefix("AWSTemplateFormatVersion"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("build/cfn").path) == ["api.yaml"])
        // An OpenAPI output with a Lambda backend and no ARN is refused: no folder is left behind.
        let refused = try CommandRunner.run(["convert", spec, "--to", "openapi", "--backend", "lambda", "-o", "out/api/api.yaml"], in: folder)
        #expect(refused.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    /// Usage mistakes a new user makes, each answered with the spelling meant.
    @Test func usageMistakesNameTheFix() throws {
        let url = try CommandRunner.run(
            ["convert", "specs/petstore/openapi.yaml", "--backend", "https://api.example.com"], in: Self.root)
        #expect(url.status == 64)
        #expect(url.standardError.contains("a backend URL is written with its kind first: http:https://api.example.com"))
        let style = try CommandRunner.run(
            ["convert", "specs/petstore/openapi.yaml", "--to", "openapi", "--cfn-style", "body"], in: Self.root)
        #expect(style.status == 64, "--cfn-style means nothing to an OpenAPI output and was taken silently")
        #expect(style.standardError.contains("--cfn-style lays out a CloudFormation template"))
    }

    @Test func takesSettingsFromAConfigFileWithTheCommandLineWinning() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let config = folder.appendingPathComponent("settings.yaml")
        try Data("format: json\nstageName: prod\n".utf8).write(to: config)
        let json = try CommandRunner.run(["convert", "specs/petstore/openapi.yaml", "--config", config.path], in: Self.root)
        #expect(json.status == 0)
        #expect(json.standardOutput.hasPrefix("{"))
        #expect(json.standardOutput.contains("\"Default\": \"prod\""))
        let yaml = try CommandRunner.run(
            ["convert", "specs/petstore/openapi.yaml", "--config", config.path, "--format", "yaml"], in: Self.root)
        #expect(yaml.standardOutput.hasPrefix("AWSTemplateFormatVersion"))
    }

    @Test func repairsOnlyWhenAskedAndWritesTheRepairedTemplate() throws {
        let spec = "specs/repair-conflicting-variables/openapi.yaml"
        let plain = try CommandRunner.run(["convert", spec], in: Self.root)
        #expect(plain.status == 2)
        #expect(plain.standardOutput == "")
        #expect(plain.standardError.contains("error: [GW004]"))
        #expect(plain.standardError.contains("--repair can name it {customer}"))
        let repaired = try CommandRunner.run(
            ["convert", spec, "--repair", "--backend", "http:https://payments.example.com"], in: Self.root)
        #expect(repaired.status == 0)
        #expect(repaired.standardError.contains("note: [GW020]"))
        let golden = try String(
            contentsOf: Self.root.appendingPathComponent("golden/repair-conflicting-variables/cloudformation.yaml"), encoding: .utf8)
        #expect(repaired.standardOutput == golden)
    }

    @Test func refusesAnUnknownBackendAsAUsageError() throws {
        let result = try CommandRunner.run(["convert", "specs/petstore/openapi.yaml", "--backend", "ftp"], in: Self.root)
        #expect(result.status == 64)
    }
}

import Foundation
import Testing

@Suite struct MigrateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let caseNames: [String] = {
        let specs = root.appendingPathComponent("specs").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: specs)) ?? []).filter { $0.hasPrefix("migrate-") }.sorted()
    }()

    static func source(of caseName: String) -> String {
        let names = ["template.yaml", "template.json", "gateway.yaml", "gateway.json"]
        let found = names.first { FileManager.default.fileExists(atPath: root.appendingPathComponent("specs/\(caseName)/\($0)").path) }
        return "specs/\(caseName)/\(found ?? names[0])"
    }

    @Test(arguments: caseNames)
    func theCommittedMigrationPassesTheRoundTrip(caseName: String) throws {
        let result = try CommandRunner.run(
            ["migrate", Self.source(of: caseName), "-o", "golden/\(caseName)", "--check"], in: Self.root)
        #expect(result.status == 0, "\(caseName): \(result.standardError)")
        #expect(result.standardOutput.hasPrefix("round trip: the rebuilt API is the source's"))
    }

    @Test func writesTheFilesTheGoldenHolds() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("migrated")
        let result = try CommandRunner.run(
            ["migrate", Self.root.appendingPathComponent("specs/migrate-classic-options/template.yaml").path, "-o", output.path])
        #expect(result.status == 0, "\(result.standardError)")
        for name in ["openapi.yaml", "cors.yaml", "options.yaml"] {
            let written = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
            let golden = try String(
                contentsOf: Self.root.appendingPathComponent("golden/migrate-classic-options/\(name)"), encoding: .utf8)
            #expect(written == golden, "\(name)")
        }
        let report = try String(contentsOf: output.appendingPathComponent("migration-report.txt"), encoding: .utf8)
        #expect(report.contains("unexplained differences (0)"))
    }

    @Test func aBrokenMigratedFileFailsTheCheckAndNamesTheDifference() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["openapi.yaml", "cors.yaml"] {
            try FileManager.default.copyItem(
                at: Self.root.appendingPathComponent("golden/migrate-lambda-mapping-templates/\(name)"),
                to: folder.appendingPathComponent(name))
        }
        // options.yaml is left out on purpose: the stage name goes back to the default.
        let spec = folder.appendingPathComponent("openapi.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8)
        try text.replacingOccurrences(of: "passthroughBehavior: never", with: "passthroughBehavior: when_no_match")
            .write(to: spec, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["migrate", "specs/migrate-lambda-mapping-templates/template.yaml", "-o", folder.path, "--check"], in: Self.root)
        #expect(result.status == 1)
        #expect(
            result.standardError.contains(
                "specs/migrate-lambda-mapping-templates/template.yaml:30:9: error: [MIG020] the rebuilt API differs from the source "
                    + "and the report lists no deliberate fix for it: GET /quote integration passthrough behavior: NEVER → WHEN_NO_MATCH"),
            "\(result.standardError)")
        #expect(result.standardError.contains("stage name: live → v1"))
        #expect(
            result.standardOutput
                == "round trip: 2 unexplained differences in the API (1), GET /quote (1); fix the files, or record them as intended with --accept-differences\n")
    }

    @Test func checksTheFreshMigrationInMemoryWhenTheFolderHoldsNone() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("not-yet")
        let result = try CommandRunner.run(
            ["migrate", "specs/migrate-exported-openapi/gateway.yaml", "-o", output.path, "--check"], in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "round trip: the rebuilt API is the source's, plus the 12 deliberate fixes the report lists\n")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func refusesAPlainSpec() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(
            ["migrate", "specs/petstore/openapi.yaml", "-o", folder.appendingPathComponent("out").path], in: Self.root)
        #expect(result.status == 2)
        #expect(result.standardError.contains("[MIG001]"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    /// A team that changes the policy on purpose records the differences once, and the check
    /// passes from then on; until then the check says where the differences are, by method.
    @Test func intendedDifferencesAreRecordedOnceAndThenPass() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let source = ConvertCommandTests.root.appendingPathComponent("specs/migrate-classic-options/template.yaml").path
        #expect(try CommandRunner.run(["migrate", source, "-o", "out"], in: folder).status == 0)
        let policy = folder.appendingPathComponent("out/cors.yaml")
        try (try String(contentsOf: policy, encoding: .utf8) + "maxAge: 60\n").write(to: policy, atomically: true, encoding: .utf8)

        let changed = try CommandRunner.run(["migrate", source, "-o", "out", "--check"], in: folder)
        #expect(changed.status == 1)
        #expect(changed.standardOutput.contains(
            "round trip: 4 unexplained differences in OPTIONS /orders (2), OPTIONS /orders/{orderId} (2); fix the files, or record them as intended with --accept-differences"),
            "\(changed.standardOutput)")

        let recorded = try CommandRunner.run(["migrate", source, "-o", "out", "--check", "--accept-differences"], in: folder)
        #expect(recorded.status == 0)
        let accepted = try String(contentsOf: folder.appendingPathComponent("out/accepted-differences.txt"), encoding: .utf8)
        #expect(accepted.contains("\nOPTIONS /orders method response 200 header Access-Control-Max-Age\n"))

        let again = try CommandRunner.run(["migrate", source, "-o", "out", "--check"], in: folder)
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("and 4 accepted in out/accepted-differences.txt"))
        // Another change is still caught.
        try (try String(contentsOf: policy, encoding: .utf8) + "exposeHeaders: [ETag]\n").write(to: policy, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["migrate", source, "-o", "out", "--check"], in: folder).status == 1)

        // Migrating again would undo the edit: refused at the first edited line, until --force,
        // which also drops the accepted differences of the files it replaces.
        let again2 = try CommandRunner.run(["migrate", source, "-o", "out"], in: folder)
        #expect(again2.status == 2)
        #expect(again2.standardError.contains("\nout/cors.yaml:"), "\(again2.standardError)")
        #expect(again2.standardError.contains("error: [MIG030] out/cors.yaml differs from what this migration writes"))
        #expect(try String(contentsOf: policy, encoding: .utf8).contains("exposeHeaders: [ETag]"), "nothing was overwritten")
        let forced = try CommandRunner.run(["migrate", source, "-o", "out", "--force"], in: folder)
        #expect(forced.status == 0)
        #expect(!(try String(contentsOf: policy, encoding: .utf8).contains("exposeHeaders")))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/accepted-differences.txt").path))
    }

    /// Under --strict the warnings of a migration (MIG010: what it cannot express) stop it
    /// before anything is written, as the help says.
    @Test func strictWritesNothingWhenTheMigrationWarns() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let source = ConvertCommandTests.root.appendingPathComponent("specs/migrate-classic-options/template.yaml").path
        let result = try CommandRunner.run(["migrate", source, "-o", "out", "--strict"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("error: [MIG010]"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    /// A migration ends with one line saying what it wrote and what the report holds, so the
    /// kept faults are not found only by opening the report.
    @Test func aMigrationSaysWhatItWroteAndWhatItKept() throws {
        let folder = try CommandRunner.temporaryDirectory()
        let source = ConvertCommandTests.root.appendingPathComponent("specs/doctor-allow-methods-omits/gateway.yaml").path
        let result = try CommandRunner.run(["migrate", source, "-o", "out"], in: folder)
        #expect(result.status == 0)
        #expect(
            result.standardError.hasSuffix(
                "wrote openapi.yaml, cors.yaml, migration-report.txt to out: 7 deliberate fixes, 1 CORS fault kept, 0 things not expressed "
                    + "(out/migration-report.txt)\n"), "\(result.standardError)")
        let quiet = try CommandRunner.run(["migrate", source, "-o", "out", "--quiet"], in: folder)
        #expect(quiet.status == 0 && quiet.standardError.isEmpty, "a run that rewrites the same files is no edit")
    }
}

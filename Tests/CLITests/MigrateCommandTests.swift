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
        #expect(result.standardOutput == "round trip: 2 unexplained differences\n")
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
}

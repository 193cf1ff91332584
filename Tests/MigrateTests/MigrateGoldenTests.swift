import Migrate
import GoldenCases
import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML

/// The migration cases: each hand-written definition in `specs/migrate-*` migrates to the
/// files under `golden/`, and those files rebuild the source API up to the listed fixes.
@Suite struct MigrateGoldenTests {
    static let rerecord = "UPDATE_GOLDEN=1 swift test --filter MigrateGoldenTests"

    static func migrateCase(_ name: String) throws -> MigrateCase {
        try #require(MigrateCase(folder: "specs/\(name)", name: name, exists: Golden.exists))
    }

    static func migration(_ name: String) throws -> Migration {
        let migrateCase = try migrateCase(name)
        let result = Migrator.migrate(source: migrateCase.source, bytes: try SpecCorpus.bytes(migrateCase.source))
        return try #require(result.migration, "\(name): \(result.diagnostics.map(\.message))")
    }

    @Test(arguments: SpecCorpus.migrateCaseNames)
    func migratesLikeTheGolden(caseName: String) throws {
        let generated = try Self.migrateCase(caseName).generate(reader: CorpusFiles())
        for (file, text) in generated {
            Golden.assertMatches(text, golden: "golden/\(caseName)/\(file)", rerecord: Self.rerecord)
        }
        for file in MigrateCase.outputNames where !generated.contains(where: { $0.file == file }) {
            Golden.assertAbsent("golden/\(caseName)/\(file)")
        }
    }

    @Test(arguments: SpecCorpus.migrateCaseNames)
    func rebuildsTheSourceUpToTheListedFixes(caseName: String) throws {
        let migration = try Self.migration(caseName)
        #expect(migration.unexplained.isEmpty, "\(caseName): \(migration.unexplained.map(\.difference.description))")
        #expect(migration.report.contains("unexplained differences (0)"))
        // Every fix cites a place in the source the user can open.
        let source = try Self.migrateCase(caseName).source
        #expect(migration.fixes.allSatisfy { $0.location?.file == source }, "\(migration.fixes.filter { $0.location == nil })")
    }

    @Test(arguments: SpecCorpus.migrateCaseNames)
    func theCommittedFilesPassTheCheck(caseName: String) throws {
        let migrateCase = try Self.migrateCase(caseName)
        let migration = try Self.migration(caseName)
        func golden(_ name: String) -> String? {
            try? String(contentsOf: Golden.url("golden/\(caseName)/\(name)"), encoding: .utf8)
        }
        let files = MigratedFiles(
            openAPI: try #require(golden(MigratedFiles.openAPIName)), cors: golden(MigratedFiles.corsName),
            options: golden(MigratedFiles.optionsName))
        let checked = Migrator.check(
            source: migrateCase.source, bytes: try SpecCorpus.bytes(migrateCase.source), files: files,
            names: MigratedFiles.Names(folder: "golden/\(caseName)"), expected: migration.fixes)
        let unexplained = try #require(checked.unexplained, "\(checked.diagnostics.map(\.message))")
        #expect(unexplained.isEmpty, "\(unexplained.map(\.difference.description))")
    }

    /// A migrated spec is a plain OpenAPI 3.0 document as well; one with CloudFormation
    /// functions in it is YAML that only a template can resolve, so it is left out.
    @Test func openAPISpecValidatorAcceptsEveryMigratedSpecWithoutFunctions() throws {
        let files = SpecCorpus.migrateCaseNames.map { "golden/\($0)/\(MigratedFiles.openAPIName)" }.filter(Golden.exists)
        var checked = 0
        for file in files {
            let text = try String(contentsOf: Golden.url(file), encoding: .utf8)
            guard !["!Sub", "!Ref", "!GetAtt", "!Join"].contains(where: text.contains) else { continue }
            let result = try ExternalTool.run("openapi-spec-validator", [Golden.url(file).path])
            #expect(result.status == 0, "openapi-spec-validator rejected \(file):\n\(result.output)")
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test func everyStyleTheIssueNamesHasACase() {
        #expect(SpecCorpus.migrateCaseNames.count >= 8)
    }
}

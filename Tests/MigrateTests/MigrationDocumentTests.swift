import Migrate
import CORSDoctor
import Support
import Foundation
import TestSupport
import Testing

/// docs/migration.md shows real runs: its policy and report are what migrate writes for the
/// template it walks through, under the name the page gives that template.
@Suite struct MigrationDocumentTests {
    static func page() throws -> String {
        try String(contentsOf: Golden.url("docs/migration.md"), encoding: .utf8)
    }

    /// The text of every fenced block of the page.
    static func blocks(_ page: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let lines = current {
                    blocks.append(lines.joined(separator: "\n") + "\n")
                    current = nil
                } else {
                    current = []
                }
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func theReportAndThePolicyAreWhatMigrateWrites() throws {
        let migration = try MigrateGoldenTests.migration("migrate-gateway-responses")
        let report = migration.report.replacingOccurrences(of: "specs/migrate-gateway-responses/template.yaml", with: "infra/tickets.yaml")
        let blocks = Self.blocks(try Self.page())
        #expect(blocks.contains(report), "docs/migration.md's report differs from golden/migrate-gateway-responses/migration-report.txt")
        #expect(blocks.contains(try #require(migration.files.cors)))
    }

    /// The doctor run the page starts with is the doctor's output on that template.
    @Test func theDoctorRunIsWhatDoctorPrints() throws {
        let source = "specs/migrate-gateway-responses/template.yaml"
        let findings = Doctor.examine(source: source, reader: CorpusFiles(), policy: nil)
        let printed = DiagnosticFormatter(format: .text).render(findings).replacingOccurrences(of: source, with: "infra/tickets.yaml")
        let blocks = Self.blocks(try Self.page())
        #expect(blocks.contains { $0.hasPrefix("$ oas2apigw doctor infra/tickets.yaml\n" + printed) }, "\(printed)")
    }

    @Test func everyKindOfFixIsExplained() throws {
        let page = try Self.page()
        for kind in MigrationFix.Kind.allCases {
            #expect(page.contains("| \(kind.rawValue) |"), "docs/migration.md does not explain \(kind.rawValue)")
        }
    }
}

import Foundation
import Testing

/// docs/migration.md's walk-through, run as a user runs it: the template under the name the
/// page gives it, `migrate`, then `convert` into a folder that does not exist yet. What each
/// command prints must be what the page shows.
@Suite struct MigrationWalkthroughTests {
    @Test func theMigrateAndConvertStepsPrintWhatThePageShows() throws {
        let page = try String(contentsOf: ConvertCommandTests.root.appendingPathComponent("docs/migration.md"), encoding: .utf8)
        let folder = try CommandRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("infra"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: ConvertCommandTests.root.appendingPathComponent("specs/migrate-gateway-responses/template.yaml"),
            to: folder.appendingPathComponent("infra/tickets.yaml"))
        let steps = [
            ["migrate", "infra/tickets.yaml", "-o", "api"],
            ["convert", "api/openapi.yaml", "--cors", "api/cors.yaml", "-o", "build/tickets.yaml"],
        ]
        for step in steps {
            let result = try CommandRunner.run(step, in: folder)
            #expect(result.status == 0, "\(step): \(result.standardError)")
            let shown = "$ oas2apigw " + step.joined(separator: " ") + "\n" + result.standardOutput + result.standardError
            #expect(page.contains(shown), "docs/migration.md does not show what \(step.joined(separator: " ")) prints:\n\(shown)")
        }
    }
}

import Foundation
import Testing

@Suite struct CORSCheckCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func printsWhatEachPathAnswers() throws {
        let result = try CommandRunner.run(
            ["cors-check", "specs/cors-rules-precedence/cors.yaml", "--spec", "specs/cors-rules-precedence/openapi.yaml"],
            in: Self.root)
        #expect(result.status == 0)
        #expect(result.standardError == "checked specs/cors-rules-precedence/cors.yaml: no problems, applied to 3 paths\n")
        #expect(result.standardOutput.contains("/admin/reports\n  cors: off (rules 1, 5)\n"))
        #expect(result.standardOutput.contains("  methods: GET, PUT, OPTIONS\n  methods without cors: DELETE\n"))
    }

    @Test func refusesAPolicyWithErrorsAndPrintsNothingElse() throws {
        let policy = Data("allowOrigins: [\"*\"]\nallowCredentials: true\n".utf8)
        let result = try CommandRunner.run(["cors-check", "-"], input: policy)
        #expect(result.status == 2)
        #expect(result.standardOutput == "")
        #expect(
            result.standardError == """
                <stdin>:2:19: error: [CORS003] allowCredentials: true cannot be combined with the origin *, which browsers then refuse; list the allowed origins or remove allowCredentials
                <stdin>:1:16: note: the origin * is allowed here
                1 error

                """)
    }

    /// Without --spec there are no paths, so no rule can be said to match none (CORS021 was
    /// given for every rule).
    @Test func aPolicyAloneHasNoUnmatchedRules() throws {
        let alone = try CommandRunner.run(["cors-check", "specs/cors-unmatched-rules/cors.yaml"], in: Self.root)
        #expect(!alone.standardError.contains("CORS021"), "\(alone.standardError)")
        let applied = try CommandRunner.run(
            ["cors-check", "specs/cors-unmatched-rules/cors.yaml", "--spec", "specs/cors-unmatched-rules/openapi.yaml"], in: Self.root)
        #expect(applied.standardError.contains("CORS021"))
    }
}

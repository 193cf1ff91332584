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
        #expect(result.standardError == "")
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
}

import ArgumentParser
import CORS
import Diagnostics
import Spec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OAS2APIGW {
    /// `oas2apigw new-policy`: a first CORS policy file to edit.
    struct NewPolicy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new-policy",
            abstract: "Start a CORS policy file: every usual key, each with a comment, and your origins.",
            discussion: HelpText.discussion(
                """
                Writes a policy that cors-check accepts as it is: the origins given with --origin \
                (a placeholder to replace when none is given), the request headers most APIs \
                need, credentials on or off, a max age, and a commented rule to start from. The \
                format is in docs/cors-policy.md. An existing file is never overwritten.
                """,
                examples: [
                    "oas2apigw new-policy --origin https://app.example.com -o cors.yaml",
                    "oas2apigw new-policy --origin https://shop.example.com\n--origin http://localhost:5173 --credentials -o cors.yaml",
                ],
                exitCodes: [
                    (0, "the policy was written"),
                    (2, "an origin is not one a browser sends, or the file exists or cannot be written"),
                ])
        )

        @Option(name: .customLong("origin"), help: "An origin whose pages may call the API; repeat for more.")
        var origins: [String] = []

        @Flag(help: "Let requests carry cookies and Authorization (allowCredentials: true).")
        var credentials = false

        @Option(name: .shortAndLong, help: "Where to write: a new file, or - for standard output.")
        var output: String = "-"

        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            var written: String?
            try diagnostics.run { engine in
                let text = CORSPolicy.starter(origins: origins, credentials: credentials)
                // The starter is checked as any policy is, so a mistyped origin is reported
                // with its fix before anything is written.
                // Its problems are the command line's, so they have no place in a file.
                let reading = try CORSPolicyReader.read(Array(text.utf8), file: "--origin")
                let problems = reading.diagnostics + CORSResolver.gatewayResponseOriginProblems(reading.policy)
                engine.report(
                    contentsOf: problems.map { problem in
                        var found = problem
                        found.location = nil
                        // Notes point at places in the generated text, which the user never saw.
                        found.notes = []
                        return found
                    })
                guard !diagnostics.stops(engine.diagnostics) else { return }
                if output != "-", access(output, F_OK) == 0 {
                    throw DiagnosticError(
                        .error(FileCode.unwritable, "\(output) exists; edit it, or give -o another name (new-policy never overwrites)"))
                }
                try Files.write(text, to: output)
                guard output != "-" else { return }
                let count = origins.isEmpty ? "a placeholder origin to replace" : "\(origins.count) origin\(origins.count == 1 ? "" : "s")"
                written = "wrote a CORS policy to \(output): \(count), credentials \(credentials ? "on" : "off"); "
                    + "see what each path answers with oas2apigw cors-check \(output) --spec SPEC"
            }
            // After the diagnostics, as the last line of the run.
            written.map(diagnostics.summary)
        }
    }
}

import ArgumentParser
import Convert
import CORSDoctor
import Planning
import Diagnostics
import YAML

extension OAS2APIGW {
    /// `oas2apigw doctor`: list the CORS faults of an API and how to fix each.
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "List the CORS faults of an API Gateway definition, with what a browser does and the fix.",
            discussion: HelpText.discussion(
                """
                SOURCE is an AWS CloudFormation template (resources or a RestApi Body), an \
                OpenAPI document with x-amazon-apigateway-* extensions, or an OpenAPI spec \
                planned with --cors POLICY. Each fault is printed like a compiler error, with \
                its place, a DOC code, the fix, and a note saying what a browser will do. The \
                codes are listed in docs/diagnostics.md. With --diagnostics-format json the \
                findings are one JSON document on standard output, for tools to pipe.
                """,
                examples: [
                    "oas2apigw doctor template.yaml",
                    "oas2apigw doctor openapi.yaml --cors cors.yaml",
                    "oas2apigw doctor template.yaml --diagnostics-format json | jq .errors",
                ],
                exitCodes: [
                    (0, "no fault is an error (warnings allowed, unless --strict)"),
                    (1, "a fault is an error (a browser will be refused), or with --strict any fault"),
                    (2, "SOURCE or the policy cannot be read"),
                ])
        )

        @Argument(help: "The template or document to examine, or - for standard input.")
        var source: String

        @Option(help: "A CORS policy to plan a plain OpenAPI spec with.")
        var cors: String?

        @Option(name: .customLong("parameter"), help: TemplateParameterArguments.help)
        var parameters: [String] = []

        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let values = try TemplateParameterArguments.values(parameters)
            var inputWarns = false
            let findings = try diagnostics.runAnswering({ engine in
                let policy = try cors.map { path in
                    Converter.PolicyInput(bytes: try Files.read(path, limit: ReadLimits.default.maxDocumentBytes), file: path)
                }
                let examined = CORSDoctor.Doctor.examine(
                    source: DiskSpecFiles.entryName(for: source), reader: DiskSpecFiles(), policy: policy, parameters: values)
                // Faults the doctor finds are its answer, not input errors: they print and exit 1
                // below. What reading the source and the policy said is about the input: an
                // error there (or, under --strict, a warning) exits 2, and no finding counts.
                let input = examined.filter { !$0.code.hasPrefix("DOC") }
                inputWarns = input.contains { $0.severity == .warning }
                engine.report(contentsOf: input)
                if diagnostics.stops(input) { return [] }
                return examined.filter { $0.code.hasPrefix("DOC") }
            })
            // A clean run says so, as cors-check does: silence would read as "did it run?". A
            // reader's warning may be a CORS fault too (a Body beside a CorsConfiguration), so
            // the summary does not contradict it.
            if !findings.contains(where: { $0.severity != .note }) {
                diagnostics.summary(
                    "no CORS faults found in \(source == "-" ? "standard input" : source)" + (inputWarns ? " beyond the warnings above" : ""))
            }
            if findings.contains(where: { $0.severity == .error }) { throw ExitStatus.differences }
        }
    }
}

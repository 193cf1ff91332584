import ArgumentParser
import Support

/// The `oas2apigw` command: subcommands live in `Commands/`, file and terminal handling in
/// `Support/`. Everything else is in the layers' modules (docs/architecture.md).
@main
struct OAS2APIGW: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oas2apigw",
        abstract: "Turn OpenAPI 3 specs into Amazon API Gateway definitions with CORS done right.",
        discussion: """
            Reads an OpenAPI 3 spec (YAML or JSON), applies a CORS policy and writes an AWS \
            CloudFormation template or an OpenAPI document with x-amazon-apigateway extensions.

            Diagnostics go to standard error as file:line:column: severity: [CODE] message.

            EXIT CODES
            """ + "\n" + [
                (0, "success (warnings may have been printed)"),
                (1, "check found differences, doctor found an error-level fault (any, with --strict), preflight found the "
                    + "request blocked, or migrate --check found unexplained differences"),
                (2, "the input has errors, or a file could not be read or written"),
                (64, "the command line is wrong"),
            ].map(HelpText.exitCodeLines).joined(separator: "\n"),
        version: version,
        subcommands: [
            Convert.self, Check.self, Normalize.self, Inspect.self, Bundle.self, CORSCheck.self, NewPolicy.self, Doctor.self, Preflight.self,
            Migrate.self,
        ]
    )

    /// Runs the command, after one check argument-parser does not make: a first word that is
    /// no subcommand and no option is most likely a mistyped subcommand (`convrt`), which
    /// otherwise reads as two unexpected arguments.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // No subcommand is a command line without its verb: the help, on standard error, exit 64.
        if arguments.isEmpty {
            Terminal.writeToStandardError(helpMessage() + "\n")
            Self.exit(withError: ExitCode(64))
        }
        // `help WORD` asks about a subcommand, which WORD must be.
        let named = arguments.first == "help" ? arguments.dropFirst().first : arguments.first
        if let named, let problem = unknownSubcommand(named) {
            Terminal.writeToStandardError("Error: \(problem)\nUsage: oas2apigw <subcommand>\n  See 'oas2apigw --help' for more information.\n")
            Self.exit(withError: ExitCode(64))
        }
        main(arguments)
    }

    /// The message for `word` given where a subcommand belongs, or `nil` when it is one.
    static func unknownSubcommand(_ word: String) -> String? {
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !word.hasPrefix("-"), !names.contains(word) else { return nil }
        let hint = Suggestion.closest(to: word, among: names).map { "; did you mean \($0)?" } ?? "; the commands are \(names.dropLast().joined(separator: ", "))"
        return "unknown command '\(word)'\(hint)"
    }
}

import ArgumentParser

/// The `oas2apigw` command: subcommands live in `Commands/`, file and terminal handling in
/// `Support/`. Everything else is in the Core library.
@main
struct OAS2APIGW: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "oas2apigw",
        abstract: "Turn OpenAPI 3 specs into Amazon API Gateway definitions with CORS done right.",
        discussion: """
            Reads an OpenAPI 3 spec (YAML or JSON), applies a CORS policy and writes an AWS \
            CloudFormation template or an OpenAPI document with x-amazon-apigateway extensions.

            Diagnostics go to standard error as file:line:column: severity: [CODE] message.

            EXIT CODES
              0   success (warnings may have been printed)
              1   check found differences, doctor found a fault, or preflight found the request blocked
              2   the input has errors, or a file could not be read or written
              64  the command line is wrong
            """,
        version: version,
        subcommands: [
            Convert.self, Check.self, Normalize.self, Inspect.self, Bundle.self, CORSCheck.self, Doctor.self, Preflight.self,
        ]
    )
}

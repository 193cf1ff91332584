import ArgumentParser
import Core
import Diagnostics
import YAML

extension Converter.Request.Target: ExpressibleByArgument {}
extension CloudFormationRenderer.Style: ExpressibleByArgument {}

extension OAS2APIGW {
    /// `oas2apigw convert`: the main job.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a CloudFormation template or an API Gateway OpenAPI document from a spec and a CORS policy.",
            discussion: """
                The spec (YAML or JSON, one file or many joined by $ref) becomes the REST API as \
                API Gateway will hold it, with the CORS policy applied: an OPTIONS mock on every \
                CORS-enabled resource, CORS headers on non-proxy responses and on API Gateway's \
                own 4XX/5XX responses. Operations without an x-amazon-apigateway-integration get \
                the backend chosen with --backend (a MOCK answer by default, so any spec converts \
                and deploys).

                Nothing is written when there is an error.
                """
        )

        @Argument(help: "The spec's entry file (YAML or JSON), or - for standard input.")
        var spec: String

        @Option(help: "The CORS policy file (YAML or JSON). Without it no CORS is added.")
        var cors: String?

        @Option(help: "What to write: cloudformation or openapi.")
        var to: Converter.Request.Target = .cloudformation

        @Option(help: "The output format: yaml or json.")
        var format: SourceFormat = .yaml

        @Option(
            name: .customLong("cfn-style"),
            help: "resources (one Resource and Method per path and verb, the default) or body (one RestApi with the OpenAPI Body).")
        var cloudFormationStyle: CloudFormationRenderer.Style = .resources

        @Option(
            help: """
                The backend of operations without an x-amazon-apigateway-integration: mock (the default), \
                http:URL (HTTP proxy to URL plus the operation's path) or lambda[:ARN] (Lambda proxy; without \
                an ARN the CloudFormation template asks for one).
                """)
        var backend: String = "mock"

        @Option(name: .customLong("stage-name"), help: "The stage to deploy to (the template parameter's default).")
        var stageName: String = "v1"

        @Flag(name: .customLong("allow-ref-outside"), help: "Let $refs read files outside the spec's folder.")
        var allowsRefsOutsideFolder = false

        @Option(name: .shortAndLong, help: "Where to write: a file (replaced atomically) or - for standard output.")
        var output: String = "-"

        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            guard Self.backend(from: backend) != nil else {
                throw ValidationError("--backend takes mock, http:URL or lambda[:ARN], not \(backend)")
            }
            let isStageName = (1...128).contains(stageName.count)
                && stageName.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            guard isStageName else {
                throw ValidationError("--stage-name takes 1 to 128 letters, digits, - and _")
            }
        }

        static func backend(from text: String) -> IntegrationSettings.Backend? {
            if text == "mock" { return .mock }
            if text == "lambda" { return .lambdaProxy(functionARN: nil) }
            if text.hasPrefix("lambda:arn:") { return .lambdaProxy(functionARN: String(text.dropFirst("lambda:".count))) }
            if text.hasPrefix("http:http://") || text.hasPrefix("http:https://") {
                return .httpProxy(baseURL: String(text.dropFirst("http:".count)))
            }
            return nil
        }

        func run() throws {
            try diagnostics.run { engine in
                let policy = try cors.map { Converter.PolicyInput(bytes: try Files.read($0, limit: ReadLimits.default.maxDocumentBytes), file: $0) }
                let request = Converter.Request(
                    target: to, format: format, cloudFormationStyle: cloudFormationStyle,
                    integrations: IntegrationSettings(backend: Self.backend(from: backend) ?? .mock, stageName: stageName),
                    loadOptions: LoadOptions(allowsRefsOutsideFolder: allowsRefsOutsideFolder))
                let result = Converter.convert(
                    entry: DiskSpecFiles.entryName(for: spec), reader: DiskSpecFiles(), policy: policy, request: request)
                engine.report(contentsOf: result.diagnostics)
                if let text = result.output { try Files.write(text, to: output) }
            }
        }
    }
}

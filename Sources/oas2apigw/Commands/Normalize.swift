import ArgumentParser
import Normalize
import Diagnostics
import YAML

extension SourceFormat: ExpressibleByArgument {}

extension OAS2APIGW {
    /// `oas2apigw normalize`: read YAML or JSON, write it back in canonical form.
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "normalize",
            abstract: "Rewrite a YAML or JSON file in the tool's canonical form.",
            discussion: HelpText.discussion(
                """
                The canonical form is deterministic: block-style YAML with 2-space indentation, \
                or JSON with 2-space indentation, keys in their original order. Use it to turn \
                YAML into JSON (CloudFormation short forms such as !Ref become their long \
                forms) or to check that a file reads the way you think.
                """,
                examples: [
                    "oas2apigw normalize openapi.yaml -o openapi.yaml",
                    "oas2apigw normalize template.yaml --format json -o template.json",
                ],
                exitCodes: [
                    (0, "the file was written"),
                    (2, "the input is not YAML or JSON, or a file could not be read or written"),
                ])
        )

        @Argument(help: "The file to read, or - for standard input.")
        var file: String

        @Option(help: "The output format: yaml or json. Default: the input's format.")
        var format: SourceFormat?

        @Option(
            name: .customLong("input-format"),
            help: "Read the input as yaml or json. Default: from the file extension, else from the content.")
        var inputFormat: SourceFormat?

        @Option(name: .shortAndLong, help: "Where to write: a file (replaced atomically) or - for standard output.")
        var output: String = "-"

        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            try diagnostics.run { _ in
                let bytes = try Files.read(file, limit: ReadLimits.default.maxDocumentBytes)
                let name = file == "-" ? "<stdin>" : file
                let text = try Normalizer.normalize(bytes, file: name, inputFormat: inputFormat, outputFormat: format)
                try Files.write(text, to: output)
            }
        }
    }
}

import ArgumentParser
import Diagnostics
import YAML
import Support
import Spec

extension OAS2APIGW {
    /// `oas2apigw bundle`: one self-contained document from a spec spread over many files.
    struct Bundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bundle",
            abstract: "Join a spec spread over several files into one self-contained document.",
            discussion: HelpText.discussion(
                """
                API Gateway imports a single document, so every $ref into another file is \
                replaced: the target is copied once under components (schemas, parameters, \
                responses and so on, chosen from where the $ref is written) with a name taken \
                from the file or the pointer, and the $ref points there. Local $refs of the \
                entry file (#/...) are kept as written. In OpenAPI 3.0, which has no components/pathItems, a \
                path item from another file is copied in place.

                Every $ref is checked first: a missing file or target, a cycle of $refs, a \
                network location, or a file outside the entry file's folder is reported at \
                the $ref, and nothing is written.
                """,
                examples: [
                    "oas2apigw bundle api/openapi.yaml -o bundled.yaml",
                    "oas2apigw bundle api/openapi.yaml --format json -o bundled.json",
                ],
                exitCodes: [
                    (0, "the bundle was written"),
                    (2, "a $ref cannot be followed, or a file could not be read or written"),
                ])
        )

        @OptionGroup var spec: SpecInput

        @Option(help: "The output format: yaml or json. Default: the entry file's format, else yaml.")
        var format: SourceFormat?

        @Option(name: .shortAndLong, help: "Where to write: a file (replaced atomically) or - for standard output.")
        var output: String = "-"

        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            try diagnostics.run { engine in
                let loaded = try spec.load(into: &engine)
                let tree = SpecBundler.bundle(loaded)
                let format = format ?? SourceFormat(fileName: spec.file) ?? .yaml
                // Streamed into the output as it is written; JSON refuses what it cannot say
                // (an unknown tag) and then nothing is written.
                try Files.write(to: output) { sink in
                    switch format {
                    case .yaml:
                        YAMLWriter.write(tree, to: sink)
                    case .json:
                        let problems = JSONWriter.write(
                            tree, to: sink, file: spec.entryName, replacingTagged: IntrinsicFunctions.longForm(of:)
                        ).problems
                        engine.report(contentsOf: problems)
                        return problems.isEmpty
                    }
                    return true
                }
            }
        }
    }
}

import Diagnostics
import YAML
import Support

/// Reads a YAML or JSON document and writes it back in the canonical form of either format.
///
/// This is `oas2apigw normalize`: useful on its own to turn YAML into JSON and back, and the
/// end-to-end test of the YAML layer. It works on bytes in memory; the command line does
/// the file handling.
public enum Normalizer {
    /// The canonical text of `input` in `outputFormat` (by default the input's own format).
    ///
    /// CloudFormation short forms (`!Ref`) become long forms when the output is JSON.
    ///
    /// - Throws: `DiagnosticError` when the input does not read or cannot be written.
    public static func normalize(
        _ input: [UInt8], file: String, inputFormat: SourceFormat? = nil, outputFormat: SourceFormat? = nil,
        limits: ReadLimits = .default
    ) throws -> String {
        let format = inputFormat ?? SourceFormat(fileName: file) ?? SourceFormat.sniff(input)
        let tree = try DocumentReader.read(input, file: file, format: format, limits: limits)
        switch outputFormat ?? format {
        case .yaml:
            return YAMLWriter.write(tree)
        case .json:
            return try JSONWriter.write(IntrinsicFunctions.expandingShortForms(tree), file: file)
        }
    }
}

import Convert
import Diagnostics
import YAML

extension ConvertConfig {
    /// The settings file given with `--config`, its problems reported to `engine`; the
    /// defaults when there is none. One reading for every command that takes the option.
    static func read(_ path: String?, reportingTo engine: inout DiagnosticEngine) throws -> ConvertConfig {
        guard let path else { return ConvertConfig() }
        let (settings, problems) = try ConvertConfig.read(
            try Files.read(path, limit: ReadLimits.default.maxDocumentBytes), file: path)
        engine.report(contentsOf: problems)
        return settings
    }
}

import ArgumentParser
import Diagnostics
import Spec

/// The spec argument and the `$ref` option the commands that load a spec share.
struct SpecInput: ParsableArguments {
    @Argument(help: "The spec's entry file (YAML or JSON), or - for standard input.")
    var file: String

    @Flag(
        name: .customLong("allow-ref-outside"),
        help: "Let $refs read files outside the entry file's folder, by name or through a symbolic link (refused by default).")
    var allowsRefsOutsideFolder = false

    /// The entry's name in diagnostics: the path as given, or `<stdin>`.
    var entryName: String { DiskSpecFiles.entryName(for: file) }

    /// Loads the spec from the disk, reporting the loader's warnings.
    func load(into engine: inout DiagnosticEngine) throws -> LoadedSpec {
        let options = LoadOptions(allowsRefsOutsideFolder: allowsRefsOutsideFolder)
        let loaded = try SpecLoader.load(entry: entryName, reader: DiskSpecFiles(), options: options)
        engine.report(contentsOf: loaded.warnings)
        return loaded.spec
    }
}

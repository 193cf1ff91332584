import Support
import Diagnostics
import TestSupport
import Testing
import YAML
import Spec

/// Builds models from YAML written inline in a test, or from a case under `specs/`.
enum ModelFixtures {
    /// The model and diagnostics of a single-file spec given as YAML text.
    static func build(_ yaml: String, file: String = "spec.yaml") throws -> (model: APIModel, diagnostics: [Diagnostic]) {
        let root = try YAMLReader.read(Array(yaml.utf8), file: file)
        return APIModelBuilder.build(from: LoadedSpec(entryFile: file, root: root))
    }

    /// The model and diagnostics of `specs/<caseName>/openapi.yaml`.
    static func buildCase(_ caseName: String) throws -> (model: APIModel, diagnostics: [Diagnostic]) {
        let path = try #require(SpecCorpus.specPath(of: caseName))
        let root = try DocumentReader.read(try SpecCorpus.bytes(path), file: path)
        return APIModelBuilder.build(from: LoadedSpec(entryFile: path, root: root))
    }

    /// Diagnostics exactly as the command line prints them.
    static func printed(_ diagnostics: [Diagnostic]) -> String {
        DiagnosticFormatter(format: .text).render(diagnostics)
    }

    /// A spec with the usual header and `paths` given as indented YAML.
    static func spec(paths: String, extra: String = "") -> String {
        """
        openapi: 3.0.3
        info:
          title: T
          version: "1"
        \(extra)paths:
        \(paths)
        """
    }
}

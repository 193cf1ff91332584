import Diagnostics
import YAML
import Spec
import Planning
import Convert
import Support

/// One case of a golden tree: `specs/<case>/` in, `golden/<case>/` out.
///
/// A case folder holds the spec (`openapi.yaml`, `openapi.yml` or `openapi.json`, or a Swagger
/// 2.0 spec as `swagger.yaml`, `swagger.yml` or `swagger.json`, with any
/// files its `$ref`s reach), an optional CORS policy (`cors.yaml` or `cors.json`) and optional
/// settings (`options.yaml`, the file `convert --config` reads). Its golden folder holds
/// `cloudformation.<format>` and `openapi.<format>`, whichever convert writes, and
/// `convert-diagnostics.txt`, the diagnostics exactly as printed (empty when there are none).
public struct GoldenCase: Sendable {
    public var name: String
    /// The spec's entry file, as the reader names it (`specs/petstore/openapi.yaml`).
    public var spec: String
    public var policy: String?
    public var options: String?
    /// The case's folder (`specs/petstore`); its goldens name files from inside it.
    public var folder: String

    /// The file names a case's spec, policy and settings may have, in the order tried.
    public static let specNames = ["openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml", "swagger.yml", "swagger.json"]
    public static let policyNames = ["cors.yaml", "cors.json"]
    public static let optionsName = "options.yaml"
    public static let diagnosticsName = "convert-diagnostics.txt"

    /// The case in `folder` (`specs/petstore`), given which files exist there.
    public init?(folder: String, name: String, exists: (String) -> Bool) {
        guard let spec = Self.specNames.map({ "\(folder)/\($0)" }).first(where: exists) else { return nil }
        self.name = name
        self.folder = folder
        self.spec = spec
        policy = Self.policyNames.map { "\(folder)/\($0)" }.first(where: exists)
        options = exists("\(folder)/\(Self.optionsName)") ? "\(folder)/\(Self.optionsName)" : nil
    }

    /// What the tool generates for the case: each output by its golden file name, then the
    /// diagnostics file, in that order.
    public func generate(reader: some SpecFileReader) -> [(file: String, text: String)] {
        generateReporting(reader: reader).files
    }

    /// `generate`, with the diagnostics the diagnostics file prints (for `check --strict`).
    public func generateReporting(reader: some SpecFileReader) -> (files: [(file: String, text: String)], diagnostics: [Diagnostic]) {
        // Inside the folder, so the diagnostics name `openapi.yaml`, wherever check runs.
        let reader = CaseFolderFiles(folder: folder, reader: reader)
        let spec = caseFileName(spec, in: folder)
        let policy = self.policy.map { caseFileName($0, in: folder) }
        let options = self.options.map { caseFileName($0, in: folder) }
        var diagnostics: [Diagnostic] = []
        var config = ConvertConfig()
        if let options {
            do {
                let (read, problems) = try ConvertConfig.read(try reader.read(options), file: options)
                config = read
                diagnostics += problems
            } catch let error as DiagnosticError {
                diagnostics += error.diagnostics
            } catch {}
        }
        var policyInput: Converter.PolicyInput?
        if let policy {
            do {
                policyInput = Converter.PolicyInput(bytes: try reader.read(policy), file: policy)
            } catch let error as DiagnosticError {
                diagnostics += error.diagnostics
            } catch {}
        }
        let format = config.format ?? .yaml
        var files: [(file: String, text: String)] = []
        for target in Converter.Request.Target.allCases {
            var request = Converter.Request(
                target: target, format: format, cloudFormationStyle: config.cloudFormationStyle ?? .resources,
                integrations: config.integrations(),
                repairsPaths: false)
            config.apply(to: &request)
            let name = "\(target.rawValue).\(format.rawValue)"
            // A body-s3 template's definition, and a split template's children, are golden
            // files of their own beside it.
            request.outputName = name
            request.definitionName = Converter.definitionName(of: name)
            let result = Converter.convertToFiles(entry: spec, reader: reader, policy: policyInput, request: request)
            files += (result.files ?? []).map { (file: $0.name, text: $0.text) }
            diagnostics += result.diagnostics.filter { !diagnostics.contains($0) }
        }
        files.append((Self.diagnosticsName, DiagnosticFormatter(format: .text).render(diagnostics)))
        return (files, diagnostics)
    }

    /// Every golden file name a case can have; those the case no longer generates must not exist.
    public static let outputNames: [String] =
        Converter.Request.Target.allCases.flatMap { target in SourceFormat.allCases.map { "\(target.rawValue).\($0.rawValue)" } }
        + SourceFormat.allCases.map { Converter.definitionName(of: "cloudformation.\($0.rawValue)") }
        // A case's settings keep its split small: up to 9 child templates are pinned.
        + SourceFormat.allCases.flatMap { format in (1...9).map { Converter.stackFileName(of: "cloudformation.\(format.rawValue)", index: $0) } }
        + [diagnosticsName]

}

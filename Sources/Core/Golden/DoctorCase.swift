import Diagnostics

/// One doctor case: `specs/doctor-<fault>/` in, `golden/doctor-<fault>/doctor.txt` out.
///
/// The folder holds one hand-written definition, `template.yaml`/`template.json` (a
/// CloudFormation or SAM template) or `openapi.yaml`/`openapi.json` (a document with
/// extensions, or a spec with `cors.yaml` beside it), and the golden holds what
/// `oas2apigw doctor` prints for it.
public struct DoctorCase: Sendable {
    public var name: String
    public var source: String
    public var policy: String?

    public static let sourceNames = ["template.yaml", "template.json", "openapi.yaml", "openapi.json"]
    public static let outputName = "doctor.txt"

    /// The case in `folder`, given which files exist there; `nil` without a definition.
    public init?(folder: String, name: String, exists: (String) -> Bool) {
        guard let source = Self.sourceNames.map({ "\(folder)/\($0)" }).first(where: exists) else { return nil }
        self.name = name
        self.source = source
        policy = GoldenCase.policyNames.map { "\(folder)/\($0)" }.first(where: exists)
    }

    /// The doctor's report exactly as printed (empty when there is nothing to say).
    public func generate(reader: some SpecFileReader) -> String {
        var policyInput: Converter.PolicyInput?
        if let policy, let bytes = try? reader.read(policy) { policyInput = Converter.PolicyInput(bytes: bytes, file: policy) }
        let findings = Doctor.examine(source: source, reader: reader, policy: policyInput)
        return DiagnosticFormatter(format: .text).render(findings)
    }
}

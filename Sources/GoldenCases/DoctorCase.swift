import Diagnostics
import Spec
import CORSDoctor
import Support

/// One doctor case: `specs/doctor-<fault>/` in, `golden/doctor-<fault>/doctor.txt` out.
///
/// The folder holds one hand-written definition, `template.yaml`/`template.json` (a
/// CloudFormation or SAM template) or `gateway.yaml`/`gateway.json` (an OpenAPI document
/// with extensions; not `openapi.yaml`, which would make the folder a conversion case), and
/// the golden holds what `oas2apigw doctor` prints for it.
public struct DoctorCase: Sendable {
    public var name: String
    public var source: String
    /// The case's folder; the report names files from inside it.
    public var folder: String

    public static let sourceNames = ["template.yaml", "template.json", "gateway.yaml", "gateway.json"]
    public static let outputName = "doctor.txt"

    /// The case in `folder`, given which files exist there; `nil` without a definition.
    public init?(folder: String, name: String, exists: (String) -> Bool) {
        guard let source = Self.sourceNames.map({ "\(folder)/\($0)" }).first(where: exists) else { return nil }
        self.name = name
        self.folder = folder
        self.source = source
    }

    /// The doctor's report exactly as printed (empty when there is nothing to say).
    public func generate(reader: some SpecFileReader) -> String {
        let findings = Doctor.examine(
            source: caseFileName(source, in: folder), reader: CaseFolderFiles(folder: folder, reader: reader), policy: nil)
        return DiagnosticFormatter(format: .text).render(findings)
    }
}

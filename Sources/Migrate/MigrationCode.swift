import Diagnostics

/// The stable diagnostic codes of `oas2apigw migrate`.
public enum MigrationCode {
    public static let plainSpec = DiagnosticCode(
        "MIG001", .error,
        "The input is a plain OpenAPI spec: there is nothing to migrate.")
    public static let roundTripFailed = DiagnosticCode(
        "MIG002", .error,
        "Converting the migrated files failed; the conversion's own diagnostics follow.")
    public static let notExpressed = DiagnosticCode(
        "MIG010", .warning,
        "Something the source defines that the migrated files cannot express.")
    public static let unexplainedDifference = DiagnosticCode(
        "MIG020", .error,
        "The regenerated API differs from the source in a way no deliberate fix explains.", alsoAs: [.warning])
    public static let editedFiles = DiagnosticCode(
        "MIG030", .error,
        "The folder holds migrated files edited since migrate wrote them, which a new migration would overwrite.")

}

extension MigrationCode: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        plainSpec,
        roundTripFailed,
        notExpressed,
        unexplainedDifference,
        editedFiles,
    ]
}

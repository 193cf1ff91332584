import Diagnostics
import Convert

/// Everything one migration produced: the files, the settings the round trip used, the
/// deliberate fixes, what could not be expressed, and any difference nothing explains.
public struct Migration: Sendable {
    public var files: MigratedFiles
    /// The report, as `migration-report.txt` holds it.
    public var report: String
    /// What `convert` must produce to rebuild the API: a template or a document.
    public var target: Converter.Request.Target
    public var fixes: [MigrationFix]
    public var gaps: [MigrationGap]
    /// Differences between the source and the regenerated API that no fix explains.
    public var unexplained: [(difference: PlanDifference, location: SourceLocation?)]
    /// The CORS faults `doctor` still finds in the rebuilt API: what the policy written
    /// keeps of the source's behaviour and the tool does not change on its own.
    public var keptFaults: [Diagnostic] = []
}

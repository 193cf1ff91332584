import Diagnostics

/// The stable diagnostic codes of `check`: folders that are not cases, and golden files
/// that do not match (listed for tools in the json and github formats).
public enum GoldenCode {
    public static let noSpec = DiagnosticCode(
        "GOLD001", .error,
        "A case folder with no spec (nor a doctor case's template or exported document).")
    public static let noCase = DiagnosticCode(
        "GOLD002", .error,
        "A folder of expected outputs with no case of the same name.")
    public static let differs = DiagnosticCode(
        "GOLD003", .error,
        "A golden file that differs from what its case writes, is missing, or is no longer written.")
    public static let strictWarnings = DiagnosticCode(
        "GOLD004", .error,
        "Under --strict, a case whose conversion has warnings.")
}

extension GoldenCode: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        noSpec,
        noCase,
        differs,
        strictWarnings,
    ]
}

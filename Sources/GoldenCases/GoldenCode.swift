import Diagnostics

/// The stable diagnostic codes of `check --cases`: folders that are not cases.
public enum GoldenCode {
    public static let noSpec = DiagnosticCode(
        "GOLD001", .error,
        "A case folder with no spec (nor a doctor case's template or exported document).")
    public static let noCase = DiagnosticCode(
        "GOLD002", .error,
        "A folder of expected outputs with no case of the same name.")
}

extension GoldenCode: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        noSpec,
        noCase,
    ]
}

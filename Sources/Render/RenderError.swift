import Diagnostics

/// The stable diagnostic codes of the renderers; `docs/diagnostics.md` lists each.
public enum RenderError {
    public static let tooManyResources = DiagnosticCode(
        "CFN001", .error,
        "A resource-by-resource template with more resources than CloudFormation allows.")
    public static let templateTooLarge = DiagnosticCode(
        "CFN002", .error,
        "A template larger than CloudFormation accepts even from S3.")
    public static let templateNeedsS3 = DiagnosticCode(
        "CFN003", .warning,
        "A template too large to send inline; it must be uploaded to S3.")
    public static let notSplit = DiagnosticCode(
        "CFN005", .warning,
        "A template over the settings' stackResourceLimit (under CloudFormation's 500) written whole, not split.")
}

extension RenderError: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        tooManyResources,
        templateTooLarge,
        templateNeedsS3,
        notSplit,
    ]
}

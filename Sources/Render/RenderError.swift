/// The stable diagnostic codes of the renderers; `docs/diagnostics.md` lists each.
public enum RenderError {
    /// A resource-by-resource template with more resources than CloudFormation allows.
    public static let tooManyResources = "CFN001"
    /// A template larger than CloudFormation accepts even from S3.
    public static let templateTooLarge = "CFN002"
    /// A template too large to send inline; it must be uploaded to S3.
    public static let templateNeedsS3 = "CFN003"
}

/// The stable diagnostic codes of the renderers; `docs/diagnostics.md` lists each.
public enum RenderError {
    /// A resource-by-resource template with more resources than CloudFormation allows.
    public static let tooManyResources = "CFN001"
}

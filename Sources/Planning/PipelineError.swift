/// The stable diagnostic codes of the conversion pipeline.
public enum PipelineError {
    /// A CloudFormation intrinsic function in an OpenAPI output.
    public static let intrinsicInOpenAPI = "CONV002"
    /// A Lambda backend without a function ARN for an OpenAPI output.
    public static let lambdaWithoutARN = "CONV003"
    /// A failure that is the tool's fault.
    public static let `internal` = "CONV999"
}

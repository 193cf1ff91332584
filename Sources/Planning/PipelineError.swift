import Diagnostics

/// The stable diagnostic codes of the conversion pipeline.
public enum PipelineError {
    public static let intrinsicInOpenAPI = DiagnosticCode(
        "CONV002", .error,
        "A CloudFormation intrinsic function in an OpenAPI output.")
    public static let lambdaWithoutARN = DiagnosticCode(
        "CONV003", .error,
        "A Lambda backend without a function ARN for an OpenAPI output.")
    public static let droppedOnDownlevel = DiagnosticCode(
        "CONV010", .warning,
        "Something OpenAPI 3.1 says that 3.0, which API Gateway imports, cannot; removed on the way down.")
    public static let mutualTLSDropped = DiagnosticCode(
        "CONV011", .warning,
        "A `mutualTLS` security scheme, removed on the way down: API Gateway sets it on the domain name.")
    public static let rewrittenFor30 = DiagnosticCode(
        "CONV012", .warning,
        "Something a spec wrote in a form 3.0 does not allow, written in the one it does.")
    public static let stageSettingsNotInDocument = DiagnosticCode(
        "CONV013", .warning,
        "Stage settings asked for an OpenAPI output, which has no stage: they are not written.")
    public static let definitionFileNeeded = DiagnosticCode(
        "CONV014", .error,
        "A `body-s3` template asked for without a place for its definition file (standard output).")
    public static let definitionTooLarge = DiagnosticCode(
        "CONV015", .error,
        "A definition for import larger than API Gateway takes (6 MB, not adjustable).")
    public static let `internal` = DiagnosticCode(
        "CONV999", .error,
        "A failure that is the tool's fault.")
}

extension PipelineError: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        intrinsicInOpenAPI,
        lambdaWithoutARN,
        droppedOnDownlevel,
        mutualTLSDropped,
        rewrittenFor30,
        stageSettingsNotInDocument,
        definitionFileNeeded,
        definitionTooLarge,
        `internal`,
    ]
}

import Diagnostics

/// The stable diagnostic codes of the model builder.
///
/// `OAS1xx` are problems with the OpenAPI document itself (a value of the wrong type, a
/// missing field); the builder skips what it cannot read and keeps going. `GW0xx` are the
/// API Gateway pre-checks: errors where a REST API import would fail, warnings where it
/// would silently drop something. `docs/openapi.md` lists each with an example.
public enum ModelCheck {
    public static let wrongType = DiagnosticCode(
        "OAS101", .error,
        "A value of the wrong type (a string where a mapping belongs); it is skipped.")
    public static let missingField = DiagnosticCode(
        "OAS102", .error,
        "A required field is missing: a server's `url`, a parameter's `name` or `in`.", alsoAs: [.warning])
    public static let unknownParameterLocation = DiagnosticCode(
        "OAS103", .error,
        "A parameter whose `in` is not `path`, `query`, `header` or `cookie`.")
    public static let duplicateParameter = DiagnosticCode(
        "OAS104", .warning,
        "The same parameter (name and `in`) twice in one list.")
    public static let pathWithoutSlash = DiagnosticCode(
        "OAS105", .error,
        "A `paths` key that does not start with `/`.")
    public static let unresolvedReference = DiagnosticCode(
        "OAS106", .error,
        "A `$ref` that leads nowhere; the loader reports it too when it read the spec.")
    public static let infoPlaceholder = DiagnosticCode(
        "OAS107", .warning,
        "`info`, `info.title` or `info.version` is missing: the output gets a placeholder (`APIModel.placeholderTitle`, `placeholderVersion`), since API Gateway needs only a name.")
    public static let serversNotList = DiagnosticCode(
        "OAS108", .warning,
        "`servers` written as one server (a mapping) rather than a list; read as a list of one.")

    public static let invalidSegment = DiagnosticCode(
        "GW001", .error,
        "A path segment with characters API Gateway does not allow, or an empty segment.")
    public static let partialVariable = DiagnosticCode(
        "GW002", .error,
        "A `{variable}` that does not fill its segment alone (`/a{b}`, `{Sid}.json`).")
    public static let greedyNotLast = DiagnosticCode(
        "GW003", .error,
        "A greedy `{name+}` segment that is not the last.")
    public static let conflictingVariables = DiagnosticCode(
        "GW004", .error,
        "Two different variable names under one parent (`/x/{id}` and `/x/{key}`).")
    public static let trailingSlashDuplicate = DiagnosticCode(
        "GW005", .error,
        "Two paths that are one resource for API Gateway (`/p` and `/p/`).")
    public static let duplicateOperationId = DiagnosticCode(
        "GW006", .error,
        "The same `operationId` on two operations.")
    public static let cookieParameter = DiagnosticCode(
        "GW007", .warning,
        "A cookie parameter, which REST APIs cannot declare.")
    public static let callbacksIgnored = DiagnosticCode(
        "GW008", .warning,
        "`callbacks`, which API Gateway ignores.")
    public static let linksIgnored = DiagnosticCode(
        "GW009", .warning,
        "Response `links`, which API Gateway ignores.")
    public static let webhooksIgnored = DiagnosticCode(
        "GW010", .warning,
        "`webhooks` (OpenAPI 3.1), which API Gateway ignores.")
    public static let unsupportedMethod = DiagnosticCode(
        "GW011", .warning,
        "A method API Gateway has no method for (`trace`, `query`, anything unknown).")
    public static let undeclaredPathParameter = DiagnosticCode(
        "GW012", .warning,
        "A `{variable}` in the path with no path parameter declared for an operation.")
    public static let pathParameterNotInPath = DiagnosticCode(
        "GW013", .warning,
        "A declared path parameter whose name is not a `{variable}` of the path.")
    public static let optionalPathParameter = DiagnosticCode(
        "GW014", .warning,
        "A path parameter without `required: true`.")
    public static let emptyPaths = DiagnosticCode(
        "GW015", .error,
        "No operations at all: no paths, or paths without a method API Gateway has.")
    public static let requiredListOnBody = DiagnosticCode(
        "OAS111", .warning,
        "A request body's `required` written as a list of property names, the schema's `required` put one level too high: read as `false`.")
    public static let functionPathItem = DiagnosticCode(
        "OAS110", .error,
        "A path item written as a CloudFormation function (`Fn::If` on a SAM condition).")
    public static let queryInPath = DiagnosticCode(
        "GW016", .error,
        "A query string or fragment written into a `paths` key (`/search?q={q}`).")
    public static let repeatedVariable = DiagnosticCode(
        "GW017", .error,
        "The same `{variable}` twice in one path (`/orgs/{id}/teams/{id}`).")

    public static let repairedConflict = DiagnosticCode(
        "GW020", .note,
        "`--repair` gave a variable the name its sibling already has under the same parent.")
    public static let repairedRepeat = DiagnosticCode(
        "GW021", .note,
        "`--repair` gave a variable a name the path does not use yet.")
    public static let repairedGlue = DiagnosticCode(
        "GW022", .note,
        "`--repair` made a variable with text glued to it fill its segment.")
}

extension ModelCheck: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        invalidSegment,
        partialVariable,
        greedyNotLast,
        conflictingVariables,
        trailingSlashDuplicate,
        duplicateOperationId,
        cookieParameter,
        callbacksIgnored,
        linksIgnored,
        webhooksIgnored,
        unsupportedMethod,
        undeclaredPathParameter,
        pathParameterNotInPath,
        optionalPathParameter,
        emptyPaths,
        queryInPath,
        repeatedVariable,
        repairedConflict,
        repairedRepeat,
        repairedGlue,
        wrongType,
        missingField,
        unknownParameterLocation,
        duplicateParameter,
        pathWithoutSlash,
        unresolvedReference,
        infoPlaceholder,
        serversNotList,
        functionPathItem,
        requiredListOnBody,
    ]
}

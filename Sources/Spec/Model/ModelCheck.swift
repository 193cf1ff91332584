import Diagnostics

/// The stable diagnostic codes of the model builder.
///
/// `OAS1xx` are problems with the OpenAPI document itself (a value of the wrong type, a
/// missing field); the builder skips what it cannot read and keeps going. `GW0xx` are the
/// API Gateway pre-checks: errors where a REST API import would fail, warnings where it
/// would silently drop something. `docs/openapi.md` lists each with an example.
public enum ModelCheck {
    /// A value of the wrong type (a string where a mapping belongs); it is skipped.
    public static let wrongType = "OAS101"
    /// A required field is missing: a server's `url`, a parameter's `name` or `in`.
    public static let missingField = "OAS102"
    /// A parameter whose `in` is not `path`, `query`, `header` or `cookie`.
    public static let unknownParameterLocation = "OAS103"
    /// The same parameter (name and `in`) twice in one list.
    public static let duplicateParameter = "OAS104"
    /// A `paths` key that does not start with `/`.
    public static let pathWithoutSlash = "OAS105"
    /// A `$ref` that leads nowhere; the loader reports it too when it read the spec.
    public static let unresolvedReference = "OAS106"
    /// `info`, `info.title` or `info.version` is missing: the output gets a placeholder
    /// (`APIModel.placeholderTitle`, `placeholderVersion`), since API Gateway needs only a name.
    public static let infoPlaceholder = "OAS107"
    /// `servers` written as one server (a mapping) rather than a list; read as a list of one.
    public static let serversNotList = "OAS108"

    /// A path segment with characters API Gateway does not allow, or an empty segment.
    public static let invalidSegment = "GW001"
    /// A `{variable}` that does not fill its segment alone (`/a{b}`, `{Sid}.json`).
    public static let partialVariable = "GW002"
    /// A greedy `{name+}` segment that is not the last.
    public static let greedyNotLast = "GW003"
    /// Two different variable names under one parent (`/x/{id}` and `/x/{key}`).
    public static let conflictingVariables = "GW004"
    /// Two paths that are one resource for API Gateway (`/p` and `/p/`).
    public static let trailingSlashDuplicate = "GW005"
    /// The same `operationId` on two operations.
    public static let duplicateOperationId = "GW006"
    /// A cookie parameter, which REST APIs cannot declare.
    public static let cookieParameter = "GW007"
    /// `callbacks`, which API Gateway ignores.
    public static let callbacksIgnored = "GW008"
    /// Response `links`, which API Gateway ignores.
    public static let linksIgnored = "GW009"
    /// `webhooks` (OpenAPI 3.1), which API Gateway ignores.
    public static let webhooksIgnored = "GW010"
    /// A method API Gateway has no method for (`trace`, `query`, anything unknown).
    public static let unsupportedMethod = "GW011"
    /// A `{variable}` in the path with no path parameter declared for an operation.
    public static let undeclaredPathParameter = "GW012"
    /// A declared path parameter whose name is not a `{variable}` of the path.
    public static let pathParameterNotInPath = "GW013"
    /// A path parameter without `required: true`.
    public static let optionalPathParameter = "GW014"
    /// No operations at all: no paths, or paths without a method API Gateway has.
    public static let emptyPaths = "GW015"
    /// A request body's `required` written as a list of property names, the schema's
    /// `required` put one level too high: read as `false`.
    public static let requiredListOnBody = "OAS111"
    /// A path item written as a CloudFormation function (`Fn::If` on a SAM condition).
    public static let functionPathItem = "OAS110"
    /// A query string or fragment written into a `paths` key (`/search?q={q}`).
    public static let queryInPath = "GW016"
    /// The same `{variable}` twice in one path (`/orgs/{id}/teams/{id}`).
    public static let repeatedVariable = "GW017"

    /// `--repair` gave a variable the name its sibling already has under the same parent.
    public static let repairedConflict = "GW020"
    /// `--repair` gave a variable a name the path does not use yet.
    public static let repairedRepeat = "GW021"
    /// `--repair` made a variable with text glued to it fill its segment.
    public static let repairedGlue = "GW022"
}

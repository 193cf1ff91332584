import YAML

/// One SAM API of a template (an `AWS::Serverless::Api` or `AWS::Serverless::HttpApi`,
/// written or implicit) as the transform builds it, for the REST and HTTP expansions alike.
struct SAMAPI {
    var id: String
    var key: Node
    var condition: Node?
    /// The properties, with the `Globals` section of the API's kind merged in.
    var properties: Mapping
    var isImplicit: Bool
    /// Whether SAM writes the definition (no `DefinitionBody` or `DefinitionUri` given): events
    /// add their paths to it, and for an HTTP API a second event for one route is refused.
    var isManaged: Bool
    /// The definition SAM edits; `nil` for one in S3 (`DefinitionUri`).
    var body: Mapping?
    var bodyMark: Mark
    /// Where the entries of this API go among the template's resources.
    var position: Int
}

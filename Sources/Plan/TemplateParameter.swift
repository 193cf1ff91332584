/// A value the deployer supplies: a CloudFormation parameter, or a placeholder the OpenAPI
/// output writes as a stage variable.
public struct TemplateParameter: Sendable, Equatable {
    public var name: String
    public var description: String
    public var defaultValue: String?
    public var allowedPattern: String?

    public init(name: String, description: String, defaultValue: String? = nil, allowedPattern: String? = nil) {
        self.name = name
        self.description = description
        self.defaultValue = defaultValue
        self.allowedPattern = allowedPattern
    }
}

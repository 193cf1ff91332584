/// The stage the deployment is published to.
public struct Stage: Sendable, Equatable {
    /// The default stage name; CloudFormation output makes it a parameter.
    public var name: String
    public var variables: [Mapped]

    public init(name: String = "v1", variables: [Mapped] = []) {
        self.name = name
        self.variables = variables
    }
}

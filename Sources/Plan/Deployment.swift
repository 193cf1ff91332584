/// The `AWS::ApiGateway::Deployment` a read template declares.
///
/// A deployment is a snapshot CloudFormation takes once, when it creates the resource; it
/// is taken again only when the logical ID or a property changes. The doctor reads these
/// facts to tell whether a change to the API will ever reach the stage.
public struct Deployment: Sendable, Equatable {
    /// The logical ID as written (`ApiDeployment`, `Deployment3f2a9c01b7`).
    public var logicalID: String
    /// The deployment's `Description`, as text; `nil` when it has none.
    public var description: String?
    /// The resources it waits for (`DependsOn`), in order.
    public var dependsOn: [String]

    public init(logicalID: String, description: String? = nil, dependsOn: [String] = []) {
        self.logicalID = logicalID
        self.description = description
        self.dependsOn = dependsOn
    }
}

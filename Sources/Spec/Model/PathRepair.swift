import Diagnostics

/// How `--repair` changed one `paths` key so that API Gateway can hold it.
///
/// The OpenAPI output writes the path under `gatewayPath` with its parameters renamed,
/// since the import names method request parameters after the path's variables; the
/// integrations still receive the spec's names (see `VariableRepair.integrationName`).
public struct PathRepair: Sendable, Equatable {
    /// The key as written (`/customers/{id}/balance`).
    public var specPath: String
    /// The resource path API Gateway holds (`/customers/{customer}/balance`).
    public var gatewayPath: String
    /// The variables that changed, in path order.
    public var variables: [VariableRepair]
    /// Where the key is written.
    public var location: SourceLocation

    public init(specPath: String, gatewayPath: String, variables: [VariableRepair], location: SourceLocation) {
        self.specPath = specPath
        self.gatewayPath = gatewayPath
        self.variables = variables
        self.location = location
    }
}

/// The texts `oas2apigw migrate` writes, by their file names in the output folder.
public struct MigratedFiles: Sendable, Equatable {
    public static let openAPIName = "openapi.yaml"
    public static let corsName = "cors.yaml"
    public static let optionsName = "options.yaml"
    public static let reportName = "migration-report.txt"

    /// The OpenAPI 3.0 spec with the integrations as `x-amazon-apigateway-integration`.
    public var openAPI: String
    /// The CORS policy; `nil` when the source API answers no CORS.
    public var cors: String?
    /// The `convert --config` settings; `nil` when the defaults rebuild the API.
    public var options: String?

    public init(openAPI: String, cors: String? = nil, options: String? = nil) {
        self.openAPI = openAPI
        self.cors = cors
        self.options = options
    }
}

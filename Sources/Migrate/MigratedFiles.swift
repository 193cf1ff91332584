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

extension MigratedFiles {
    /// The names the migrated files go by in diagnostics.
    public struct Names: Sendable {
        public var openAPI: String
        public var cors: String
        public var options: String
        public var report: String

        public init(folder: String) {
            let prefix = folder.isEmpty ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
            openAPI = prefix + MigratedFiles.openAPIName
            cors = prefix + MigratedFiles.corsName
            options = prefix + MigratedFiles.optionsName
            report = prefix + MigratedFiles.reportName
        }
    }

    static let defaultNames = Names(folder: "")
}

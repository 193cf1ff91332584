/// Who may call a method: `AuthorizationType` plus the authorizer it names.
public struct Authorization: Sendable, Equatable {
    /// `NONE`, `AWS_IAM`, `CUSTOM` or `COGNITO_USER_POOLS`.
    public var type: String
    /// The `Authorizer.name` for `CUSTOM` and `COGNITO_USER_POOLS`.
    public var authorizerName: String?
    public var scopes: [String]

    public init(type: String, authorizerName: String? = nil, scopes: [String] = []) {
        self.type = type
        self.authorizerName = authorizerName
        self.scopes = scopes
    }

    public static let none = Authorization(type: "NONE")
}

/// A usage plan on the API's stage: how fast and how much the callers it gives API keys
/// may call. API Gateway refuses (403) a method that requires an API key unless the key is
/// in a usage plan of that stage.
public struct UsagePlan: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Requests per second, and the burst above that, for each key of the plan.
    public var rateLimit: Double?
    public var burstLimit: Int?
    /// How many requests each key may make per `quotaPeriod` (`DAY`, `WEEK`, `MONTH`).
    public var quotaLimit: Int?
    public var quotaPeriod: String?
    public var quotaOffset: Int?
    /// The API keys the template creates for the plan, by name; their values are generated.
    public var apiKeys: [String]

    public init(name: String, apiKeys: [String] = []) {
        self.name = name
        self.apiKeys = apiKeys
    }
}

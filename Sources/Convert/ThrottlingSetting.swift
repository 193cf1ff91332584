import YAML

/// `throttling: {rateLimit, burstLimit}`, written the same way for the whole stage, one route
/// and a usage plan (docs/settings.md).
enum ThrottlingSetting {
    /// The limits `field` gives; each mistake is reported through `problem` at its node.
    static func read(_ field: Node, problem: (String, Node) -> Void) -> (rate: Double?, burst: Int?) {
        guard let fields = field.mapping else {
            problem("throttling takes {rateLimit: requests per second, burstLimit: requests}; correct the value", field)
            return (nil, nil)
        }
        var limits: (rate: Double?, burst: Int?) = (nil, nil)
        for (key, value) in fields.entries {
            switch key.text ?? "" {
            case "rateLimit":
                if let rate = value.scalar?.doubleValue, rate >= 0 { limits.rate = rate } else {
                    problem("throttling.rateLimit takes requests per second, 0 or more", value)
                }
            case "burstLimit":
                if let burst = value.scalar?.integerValue, burst >= 0 { limits.burst = burst } else {
                    problem("throttling.burstLimit takes a whole number of requests, 0 or more", value)
                }
            default:
                problem("unknown throttling setting \"\(key.text ?? "")\"; throttling takes rateLimit and burstLimit", key)
            }
        }
        return limits
    }

    /// The `throttling` mapping that gives the limits back; `nil` when neither is set.
    static func written(rate: Double?, burst: Int?) -> Node? {
        var throttling = Mapping()
        if let rate { throttling["rateLimit"] = .number(rate) }
        if let burst { throttling["burstLimit"] = .int(burst) }
        return throttling.isEmpty ? nil : .mapping(throttling)
    }
}

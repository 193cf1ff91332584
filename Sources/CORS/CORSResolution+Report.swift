extension CORSResolution {
    /// A plain-text account of what each path answers, for `cors-check` and golden files.
    ///
    /// One block per path in spec order; every value is spelled out, defaults included, so
    /// a reader never has to know the defaults to understand the outcome.
    public func report() -> String {
        var out = "gateway responses: \(list(gatewayResponses.map(\.rawValue)))\n"
        for resource in resources {
            out += "\n\(resource.path)\n"
            let numbers = resource.matchedRules.map(String.init).joined(separator: ", ")
            let rules = resource.matchedRules.isEmpty ? "" : " (rule\(resource.matchedRules.count == 1 ? "" : "s") \(numbers))"
            guard let policy = resource.policy else {
                out += "  cors: off\(rules)\n"
                continue
            }
            out += "  cors: on\(rules)\n"
            out += "  origins: \(list(policy.origins.descriptions))\n"
            out += "  methods: \(list(policy.allowMethods))\n"
            if !resource.methodsWithoutCORS.isEmpty {
                out += "  methods without cors: \(list(resource.methodsWithoutCORS))\n"
            }
            out += "  headers: \(list(policy.allowHeaders))\n"
            out += "  expose headers: \(list(policy.exposeHeaders))\n"
            out += "  credentials: \(policy.allowsCredentials)\n"
            out += "  max age: \(policy.maxAge.map(String.init) ?? "none")\n"
            out += "  preflight status: \(policy.preflightStatus)\n"
            out += "  existing options: \(policy.existingOptions.rawValue)\n"
        }
        return out
    }

    private func list(_ items: [String]) -> String {
        items.isEmpty ? "none" : items.joined(separator: ", ")
    }
}

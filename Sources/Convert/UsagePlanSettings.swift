import Diagnostics
import YAML
import Plan
import Support

/// The settings file's `usagePlans:` (docs/settings.md):
///
/// ```yaml
/// usagePlans:
///   - name: partners
///     throttling: {rateLimit: 10, burstLimit: 20}
///     quota: {limit: 10000, period: MONTH}
///     apiKeys: [acme, globex]
/// ```
public enum UsagePlanSettings {
    static let keys = ["name", "description", "throttling", "quota", "apiKeys"]

    static func read(_ value: Node, file: String, problems: inout DiagnosticEngine) -> [UsagePlan] {
        func problem(_ message: String, at node: Node) {
            problems.report(.error(ConvertConfig.invalid, message, at: SourceLocation(file: file, mark: node.mark)))
        }
        guard let items = value.sequence else {
            problem("usagePlans takes a list of plans, each {name, throttling, quota, apiKeys}; correct the value", at: value)
            return []
        }
        var plans: [UsagePlan] = []
        for item in items {
            guard let fields = item.mapping, let name = item["name"]?.string, !name.isEmpty else {
                problem("a usage plan needs a name: {name: partners, throttling: …, quota: …, apiKeys: […]}", at: item)
                continue
            }
            if plans.contains(where: { $0.name == name }) { problem("usage plan \(name) is listed twice; keep one", at: item) }
            var plan = UsagePlan(name: name)
            for (key, field) in fields.entries {
                switch key.text ?? "" {
                case "name":
                    continue
                case "description":
                    plan.description = field.string
                case "throttling":
                    (plan.rateLimit, plan.burstLimit) = ThrottlingSetting.read(field) { problem($0, at: $1) }
                case "quota":
                    for (part, number) in field.mapping?.entries ?? Mapping().entries {
                        switch part.text ?? "" {
                        case "limit":
                            if let limit = number.scalar?.integerValue, limit >= 0 { plan.quotaLimit = limit } else {
                                problem("quota.limit takes a whole number of requests", at: number)
                            }
                        case "period":
                            if let period = number.string?.uppercased(), ["DAY", "WEEK", "MONTH"].contains(period) { plan.quotaPeriod = period } else {
                                problem("quota.period takes DAY, WEEK or MONTH", at: number)
                            }
                        case "offset":
                            if let offset = number.scalar?.integerValue, offset >= 0 { plan.quotaOffset = offset } else {
                                problem("quota.offset takes the number of days into the period the quota starts", at: number)
                            }
                        default:
                            problem("unknown quota setting \"\(part.text ?? "")\"; quota takes limit, period and offset", at: part)
                        }
                    }
                    if plan.quotaLimit != nil, plan.quotaPeriod == nil { problem("a quota needs its period: DAY, WEEK or MONTH", at: field) }
                case "apiKeys":
                    let names = field.sequence?.compactMap(\.string) ?? []
                    if field.sequence == nil || names.count != field.sequence?.count || names.contains(where: \.isEmpty) {
                        problem("apiKeys takes a list of key names; the template creates each key and generates its value", at: field)
                    } else {
                        plan.apiKeys = names
                    }
                default:
                    let hint = Suggestion.closest(to: key.text ?? "", among: keys).map { "; did you mean \($0)?" } ?? ""
                    problem("unknown usage plan setting \"\(key.text ?? "")\"\(hint)", at: key)
                }
            }
            plans.append(plan)
        }
        return plans
    }

    /// The settings that give `plans` back, for migrate's options.yaml.
    public static func written(_ plans: [UsagePlan]) -> Node? {
        guard !plans.isEmpty else { return nil }
        return .sequence(
            plans.map { plan in
                var fields = Mapping()
                fields["name"] = .string(plan.name)
                if let description = plan.description { fields["description"] = .string(description) }
                if let throttling = ThrottlingSetting.written(rate: plan.rateLimit, burst: plan.burstLimit) { fields["throttling"] = throttling }
                var quota = Mapping()
                if let limit = plan.quotaLimit { quota["limit"] = .int(limit) }
                if let period = plan.quotaPeriod { quota["period"] = .string(period) }
                if let offset = plan.quotaOffset { quota["offset"] = .int(offset) }
                if !quota.isEmpty { fields["quota"] = .mapping(quota) }
                if !plan.apiKeys.isEmpty { fields["apiKeys"] = .sequence(plan.apiKeys.map { .string($0) }) }
                return .mapping(fields)
            })
    }
}

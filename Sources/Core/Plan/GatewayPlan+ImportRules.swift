/// API Gateway's import rules that cfn-lint does not check, applied to a plan.
///
/// Each broken rule fails an import or a stack update, or leaves a browser without CORS:
/// a mapped header the method response does not declare, an integration status code with
/// no method response, a static value without single quotes, a preflight behind an
/// authorizer or an API key.
extension GatewayPlan {
    /// One broken rule: where, and which.
    public struct RuleViolation: Sendable, Equatable, CustomStringConvertible {
        public var method: String
        public var path: String
        public var rule: String

        public var description: String { "\(method) \(path): \(rule)" }
    }

    /// Every broken import rule, in resource and method order.
    public var importRuleViolations: [RuleViolation] {
        var found: [RuleViolation] = []
        for (resource, method) in methods {
            func report(_ rule: String) {
                found.append(RuleViolation(method: method.httpMethod, path: resource.path, rule: rule))
            }
            if method.role == .preflight {
                if method.authorization.type != "NONE" { report("a preflight needs AuthorizationType NONE") }
                if method.apiKeyRequired { report("a preflight cannot require an API key") }
            }
            for response in method.integration.responses {
                guard let declared = method.methodResponse(response.statusCode) else {
                    report("integration status \(response.statusCode) has no method response")
                    continue
                }
                for parameter in response.responseParameters {
                    let prefix = "method.response.header."
                    guard parameter.name.hasPrefix(prefix) else { continue }
                    let header = String(parameter.name.dropFirst(prefix.count))
                    if !declared.headers.contains(header) {
                        report("header \(header) is mapped but not declared in method response \(response.statusCode)")
                    }
                    if !Self.isMappingExpression(parameter.value) {
                        report("value \(parameter.value) of \(header) is neither quoted nor a mapping expression")
                    }
                }
            }
        }
        for response in gatewayResponses {
            for parameter in response.responseParameters where !Self.isMappingExpression(parameter.value) {
                found.append(
                    RuleViolation(
                        method: response.type, path: "(gateway response)",
                        rule: "value \(parameter.value) of \(parameter.name) is neither quoted nor a mapping expression"))
            }
        }
        return found
    }

    /// A value API Gateway accepts in a header mapping: a single-quoted static value or a
    /// reference into the request, the integration response, the context or stage variables.
    static func isMappingExpression(_ value: String) -> Bool {
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") { return true }
        let sources = ["method.request.", "integration.response.", "context.", "stageVariables."]
        return sources.contains { value.hasPrefix($0) }
    }
}

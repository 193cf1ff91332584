/// API Gateway's import rules that cfn-lint does not check, applied to a plan.
///
/// Each broken rule fails an import or a stack update, or leaves a browser without CORS:
/// a mapped header the method response does not declare, an integration status code with
/// no method response, a static value without single quotes, a request mapping from a
/// method request parameter the method does not declare, a preflight behind an authorizer
/// or an API key, and a resource tree API Gateway cannot build (two variables under one
/// parent, a variable name twice in one path, a segment that is neither a plain part nor
/// a whole `{name}`).
extension GatewayPlan {
    /// One broken rule: where, and which.
    public struct RuleViolation: Sendable, Equatable, CustomStringConvertible {
        public var method: String
        public var path: String
        public var rule: String
        /// The rule as data, so a check can point at the element and tell which other
        /// check already reports the same fault.
        public var kind: Kind

        public var description: String { "\(method) \(path): \(rule)" }

        /// The rules, with what each names.
        public enum Kind: Sendable, Equatable {
            /// An OPTIONS preflight behind an authorizer or an API key.
            case protectedPreflight
            /// `method.request.…` mapped into the integration but not declared on the method.
            case undeclaredRequestParameter(String)
            /// An integration response whose status has no method response.
            case statusWithoutMethodResponse(status: String)
            /// A header mapped in an integration response but not declared in the method response.
            case undeclaredResponseHeader(status: String, header: String)
            /// A header value in an integration response that is neither quoted nor an expression.
            case unquotedValue(status: String, header: String)
            /// A gateway response header value that is neither quoted nor an expression.
            case unquotedGatewayResponseValue(name: String, value: String)
            /// A resource API Gateway cannot create: its path part, or its place in the tree.
            case resourceTree
        }
    }

    /// Every broken import rule, in resource and method order.
    public var importRuleViolations: [RuleViolation] {
        var found: [RuleViolation] = []
        for (resource, method) in methods {
            func report(_ rule: String, _ kind: RuleViolation.Kind) {
                found.append(RuleViolation(method: method.httpMethod, path: resource.path, rule: rule, kind: kind))
            }
            if method.role == .preflight {
                if method.authorization.type != "NONE" { report("a preflight needs AuthorizationType NONE", .protectedPreflight) }
                if method.apiKeyRequired { report("a preflight cannot require an API key", .protectedPreflight) }
            }
            for parameter in method.integration.requestParameters + method.integration.cacheKeyParameters.map({ Mapped("", $0) }) {
                // "Invalid mapping expression parameter specified" on import.
                guard parameter.value.hasPrefix("method.request."),
                    !method.requestParameters.contains(where: { $0.key == parameter.value })
                else { continue }
                report(
                    "\(parameter.value) is mapped but not declared as a method request parameter",
                    .undeclaredRequestParameter(parameter.value))
            }
            for response in method.integration.responses {
                guard let declared = method.methodResponse(response.statusCode) else {
                    report(
                        "integration status \(response.statusCode) has no method response",
                        .statusWithoutMethodResponse(status: response.statusCode))
                    continue
                }
                for parameter in response.responseParameters {
                    let prefix = "method.response.header."
                    guard parameter.name.hasPrefix(prefix) else { continue }
                    let header = String(parameter.name.dropFirst(prefix.count))
                    if !declared.headers.contains(header) {
                        report(
                            "header \(header) is mapped but not declared in method response \(response.statusCode)",
                            .undeclaredResponseHeader(status: response.statusCode, header: header))
                    }
                    if !Self.isMappingExpression(parameter.value) {
                        report(
                            "value \(parameter.value) of \(header) is neither quoted nor a mapping expression",
                            .unquotedValue(status: response.statusCode, header: header))
                    }
                }
            }
        }
        found += treeViolations
        for response in gatewayResponses {
            for parameter in response.responseParameters where !Self.isMappingExpression(parameter.value) {
                found.append(
                    RuleViolation(
                        method: response.type, path: "(gateway response)",
                        rule: "value \(parameter.value) of \(parameter.name) is neither quoted nor a mapping expression",
                        kind: .unquotedGatewayResponseValue(name: parameter.name, value: parameter.value)))
            }
        }
        return found
    }

    /// The resource tree's own rules, which CreateResource enforces one resource at a time.
    var treeViolations: [RuleViolation] {
        var found: [RuleViolation] = []
        func report(_ path: String, _ rule: String) {
            found.append(RuleViolation(method: "RESOURCE", path: path, rule: rule, kind: .resourceTree))
        }
        var variableChildren: [String: String] = [:]
        // An HTTP API's `$default` route is no path of the tree.
        for resource in resources where !resource.isRoot && !(kind == .http && resource.path == Self.defaultRoutePath) {
            let part = resource.pathPart
            let isVariable = part.hasPrefix("{") && part.hasSuffix("}")
            let name = isVariable ? String(part.dropFirst().dropLast()).replacing("+", with: "") : part
            if name.isEmpty || !name.unicodeScalars.allSatisfy(PathPart.isAllowed) {
                report(resource.path, "path part \(part) is neither letters, digits and . _ - , : nor a whole {name}")
            }
            guard isVariable, let parent = resource.parentPath else { continue }
            if let other = variableChildren[parent] {
                report(resource.path, "a second variable under \(parent), next to \(other)")
            } else {
                variableChildren[parent] = part
            }
            let names = resource.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { $0.replacing("+", with: "") }
            if Set(names).count != names.count { report(resource.path, "a variable name used twice in one path") }
        }
        return found
    }

    /// A value API Gateway accepts in a header mapping: a single-quoted static value or a
    /// reference into the request, the integration response, the context or stage variables.
    package static func isMappingExpression(_ value: String) -> Bool {
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") { return true }
        let sources = ["method.request.", "integration.response.", "context.", "stageVariables."]
        return sources.contains { value.hasPrefix($0) }
    }
}

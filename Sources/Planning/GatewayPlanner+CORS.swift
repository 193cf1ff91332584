import Diagnostics
import YAML
import Plan
import CORS

extension GatewayPlanner {
    /// The headers one CORS policy puts on responses, as API Gateway mapping values.
    struct CORSHeaders {
        /// Header name → single-quoted static value, in the order they are written.
        var staticValues: [Mapped]
        /// The template that sets `Access-Control-Allow-Origin` when no static value can.
        var originTemplate: String?
        /// Every header the responses declare (static ones and the template's).
        var declared: [String] { ["Access-Control-Allow-Origin"] + staticValues.map(\.name).filter { $0 != "Access-Control-Allow-Origin" } }
    }

    /// One policy's headers with what every method of a resource under it repeats worked
    /// out once: the declared names and each static value under its method response key.
    struct PreparedCORSHeaders {
        var headers: CORSHeaders
        /// `headers.declared`.
        var declared: [String]
        /// Each static value as `method.response.header.NAME`, in order.
        var responseParameters: [Mapped]
        /// The origin template followed by the passthrough body, for a response that had no
        /// template: one string that every such response shares, where building it for each
        /// was the largest part of a large plan's memory.
        var originTemplateWithBody: String?

        init(_ headers: CORSHeaders) {
            self.headers = headers
            declared = headers.declared
            responseParameters = headers.staticValues.map { Mapped("method.response.header.\($0.name)", $0.value) }
            originTemplateWithBody = headers.originTemplate.map { $0 + "$input.body" }
        }
    }

    /// The headers of each distinct policy, worked out once: a spec has thousands of
    /// methods but only as many policies as its rules make, and building the origin template
    /// again for every method was the planner's largest cost.
    struct CORSHeaderCache {
        private var entries:
            [(policy: EffectiveCORSPolicy, response: PreparedCORSHeaders, preflight: PreparedCORSHeaders)] = []

        mutating func headers(_ policy: EffectiveCORSPolicy) -> (response: PreparedCORSHeaders, preflight: PreparedCORSHeaders) {
            if let known = entries.first(where: { $0.policy == policy }) { return (known.response, known.preflight) }
            let made = (
                response: PreparedCORSHeaders(GatewayPlanner.responseHeaders(policy)),
                preflight: PreparedCORSHeaders(GatewayPlanner.preflightHeaders(policy))
            )
            entries.append((policy, made.response, made.preflight))
            return made
        }
    }

    /// API Gateway takes a static header value only in single quotes (`'*'`); a bare
    /// value is read as a mapping expression and fails the import.
    static func quoted(_ value: String) -> String { "'\(value)'" }

    /// The headers of actual (non-preflight) responses under `policy`.
    static func responseHeaders(_ policy: EffectiveCORSPolicy) -> CORSHeaders {
        var values: [Mapped] = []
        if let origin = policy.origins.staticAllowOrigin {
            values.append(Mapped("Access-Control-Allow-Origin", quoted(origin)))
        }
        if policy.allowsCredentials { values.append(Mapped("Access-Control-Allow-Credentials", quoted("true"))) }
        if !policy.exposeHeaders.isEmpty {
            values.append(Mapped("Access-Control-Expose-Headers", quoted(policy.exposeHeaders.joined(separator: ","))))
        }
        if policy.origins.variesByOrigin { values.append(Mapped("Vary", quoted("Origin"))) }
        let template = policy.origins.staticAllowOrigin == nil ? OriginTemplate.text(for: policy.origins) : nil
        return CORSHeaders(staticValues: values, originTemplate: template)
    }

    /// The headers of a preflight answer under `policy`.
    static func preflightHeaders(_ policy: EffectiveCORSPolicy) -> CORSHeaders {
        var headers = responseHeaders(policy)
        headers.staticValues.removeAll { $0.name == "Access-Control-Expose-Headers" }
        var extra = [
            Mapped("Access-Control-Allow-Methods", quoted(policy.allowMethods.joined(separator: ","))),
            Mapped("Access-Control-Allow-Headers", quoted(policy.allowHeaders.joined(separator: ","))),
        ]
        if let maxAge = policy.maxAge { extra.append(Mapped("Access-Control-Max-Age", quoted(String(maxAge)))) }
        let originIndex = headers.staticValues.firstIndex { $0.name == "Access-Control-Allow-Origin" }.map { $0 + 1 } ?? 0
        headers.staticValues.insert(contentsOf: extra, at: originIndex)
        return headers
    }

    /// The methods a preflight the spec writes itself lists in a static
    /// `Access-Control-Allow-Methods`, upper case; `nil` when it lists none the planner can
    /// read, or `*` without credentials, which allows every method.
    static func methodsListed(by options: PlanMethod) -> Set<String>? {
        var listed: Set<String> = []
        var credentials = false
        for response in options.integration.responses {
            for parameter in response.responseParameters {
                let value = parameter.value
                guard value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") else { continue }
                let text = value.dropFirst().dropLast()
                switch parameter.name.lowercased() {
                case "method.response.header.access-control-allow-methods":
                    for item in text.split(separator: ",") { listed.insert(item.filter { $0 != " " }.uppercased()) }
                case "method.response.header.access-control-allow-credentials":
                    credentials = credentials || text == "true"
                default:
                    continue
                }
            }
        }
        guard !listed.isEmpty, !(listed.contains("*") && !credentials) else { return nil }
        return listed
    }

    /// The static `Access-Control-Allow-Headers` or `-Allow-Methods` values of a kept
    /// preflight whose names are written with quotes of their own (`'Content-Type',
    /// 'Authorization'` in one quoted value), by header: a browser reads `'Content-Type'` as a name with the
    /// quotes in it, so the list allows none of the names it means.
    static func quotedListItems(in options: PlanMethod) -> [(header: String, items: [String])] {
        var found: [(header: String, items: [String])] = []
        for response in options.integration.responses {
            for parameter in response.responseParameters {
                let name = parameter.name.lowercased()
                guard name == "method.response.header.access-control-allow-headers"
                    || name == "method.response.header.access-control-allow-methods",
                    parameter.value.count >= 2, parameter.value.hasPrefix("'"), parameter.value.hasSuffix("'")
                else { continue }
                let items = parameter.value.dropFirst().dropLast().split(separator: ",").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
                let quoted = items.filter { $0.hasPrefix("'") || $0.hasSuffix("'") }
                let header = String(parameter.name.dropFirst("method.response.header.".count))
                if !quoted.isEmpty, !found.contains(where: { $0.header == header }) { found.append((header, [parameter.value])) }
            }
        }
        return found
    }

    /// Whether a browser may send `method` cross-origin past a preflight listing `listed`:
    /// GET, HEAD and POST are never checked against the list, and `ANY` answers for the
    /// methods it does name.
    static func isAllowed(_ method: String, byListing listed: Set<String>) -> Bool {
        method == "GET" || method == "HEAD" || method == "POST" || method == "ANY" || listed.contains(method)
    }

    /// The OPTIONS mock that answers preflights: no authorizer and no API key (browsers
    /// send preflights without credentials), a JSON request template so the mock answers
    /// whatever the request, and CONVERT_TO_TEXT so a `*/*` binary media type cannot turn
    /// it into a 500.
    static func preflightMethod(_ policy: EffectiveCORSPolicy, headers: CORSHeaders, path: String) -> PlanMethod {
        preflightMethod(policy, headers: PreparedCORSHeaders(headers), path: path)
    }

    /// `preflightMethod(_:headers:path:)` with the headers' repeated parts made already.
    static func preflightMethod(_ policy: EffectiveCORSPolicy, headers prepared: PreparedCORSHeaders, path: String) -> PlanMethod {
        let headers = prepared.headers
        let status = String(policy.preflightStatus)
        return PlanMethod(
            httpMethod: "OPTIONS", role: .preflight,
            integration: Integration(
                kind: .mock, passthroughBehavior: "WHEN_NO_MATCH", contentHandling: "CONVERT_TO_TEXT",
                requestTemplates: [Mapped("application/json", "{\"statusCode\": 200}")],
                responses: [
                    IntegrationResponse(
                        statusCode: status,
                        responseParameters: prepared.responseParameters,
                        responseTemplates: headers.originTemplate.map { [Mapped("application/json", $0)] } ?? [])
                ]),
            methodResponses: [MethodResponse(statusCode: status, headers: prepared.declared)],
            source: OperationSource(path: path, method: "options"))
    }

    /// Puts the CORS headers on every integration response of a non-proxy method and
    /// declares them in its method responses.
    ///
    /// The headers the policy decides (`policyDecidedHeaders`) are set as it says even where
    /// the spec's integration response already maps them: a spec written for `'*'` under a
    /// policy with credentials, or for another origin, would otherwise answer the browser
    /// with a header it refuses. What was overruled is returned for the caller's warning.
    @discardableResult
    static func addCORSHeaders(_ headers: CORSHeaders, to method: inout PlanMethod) -> [OverruledHeader] {
        addCORSHeaders(PreparedCORSHeaders(headers), to: &method)
    }

    /// Removes the CORS headers the spec's integration responses map, and its method
    /// responses declare, on a method that is not meant for other origins (a rule turns it off, or its preflight leaves it out), and
    /// returns them: the browser blocks every cross-origin call of it, and headers saying it
    /// is meant for other origins would only hide why (DOC021).
    static func removeCORSHeaders(from method: inout PlanMethod) -> [OverruledHeader] {
        let prefix = "method.response.header."
        var removed: [OverruledHeader] = []
        for index in method.integration.responses.indices where !method.integration.responses[index].responseParameters.isEmpty {
            let status = method.integration.responses[index].statusCode
            method.integration.responses[index].responseParameters.removeAll { parameter in
                guard parameter.name.hasPrefix(prefix) else { return false }
                let name = String(parameter.name.dropFirst(prefix.count))
                guard name.lowercased().hasPrefix("access-control-") else { return false }
                removed.append(OverruledHeader(statusCode: status, name: name, value: parameter.value))
                return true
            }
        }
        // Declared and not mapped, a header still says so to whoever reads the method.
        for index in method.methodResponses.indices {
            method.methodResponses[index].headers.removeAll { $0.lowercased().hasPrefix("access-control-") }
        }
        return removed
    }

    /// Whether a header name is `Access-Control-…`, in any case.
    static func isCORSHeaderName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first | 0x20 == UInt8(ascii: "a") else { return false }
        return name.lowercased().hasPrefix("access-control-")
    }

    /// `document` without the CORS headers the responses of the operations at `sources`
    /// declare: the planner took them off those methods, and the OpenAPI output writes the
    /// document's responses. A response written as a `$ref` is shared and left as it is.
    static func withoutCORSDeclarations(_ document: Node, at sources: [OperationSource]) -> Node {
        guard var root = document.mapping, var paths = root["paths"]?.mapping else { return document }
        for source in sources {
            guard var item = paths[source.path]?.mapping, var operation = item[source.method]?.mapping,
                var responses = operation["responses"]?.mapping
            else { continue }
            for index in 0..<responses.count {
                guard var response = responses[valueAt: index].mapping, var headers = response["headers"]?.mapping else { continue }
                for (key, _) in headers.entries where key.text.map(isCORSHeaderName) == true { headers[key.text!] = nil }
                response["headers"] = .mapping(headers)
                responses[valueAt: index] = Node(.mapping(response), tag: responses[valueAt: index].tag, mark: responses[valueAt: index].mark)
            }
            operation["responses"] = .mapping(responses)
            item[source.method] = .mapping(operation)
            paths[source.path] = .mapping(item)
        }
        root["paths"] = .mapping(paths)
        return Node(.mapping(root), tag: document.tag, mark: document.mark)
    }

    /// A CORS header the spec's integration response mapped and the policy decided otherwise.
    struct OverruledHeader: Equatable {
        var statusCode: String
        var name: String
        var value: String
    }

    /// `addCORSHeaders(_:to:)` with the headers' repeated parts made already: this runs for
    /// every method of a large spec.
    @discardableResult
    static func addCORSHeaders(_ prepared: PreparedCORSHeaders, to method: inout PlanMethod) -> [OverruledHeader] {
        let headers = prepared.headers
        var overruled: [OverruledHeader] = []
        for index in method.integration.responses.indices {
            var response = method.integration.responses[index]
            if !response.responseParameters.isEmpty {
                response.responseParameters.removeAll { parameter in
                    let prefix = "method.response.header."
                    guard parameter.name.hasPrefix(prefix) else { return false }
                    let name = String(parameter.name.dropFirst(prefix.count))
                    guard policyDecidedHeaders.contains(name.lowercased()),
                        !prepared.responseParameters.contains(where: { $0.name == parameter.name && $0.value == parameter.value })
                    else { return false }
                    overruled.append(OverruledHeader(statusCode: response.statusCode, name: name, value: parameter.value))
                    return true
                }
            }
            for parameter in prepared.responseParameters
            where !response.responseParameters.contains(where: { $0.name == parameter.name }) {
                response.responseParameters.append(parameter)
            }
            if let template = headers.originTemplate {
                if response.responseTemplates.isEmpty, let withBody = prepared.originTemplateWithBody {
                    // A template replaces the passthrough body, so it writes the body back.
                    response.responseTemplates = [Mapped("application/json", withBody)]
                } else {
                    response.responseTemplates = response.responseTemplates.map { Mapped($0.name, template + $0.value) }
                }
            }
            method.integration.responses[index] = response
            let status = response.statusCode
            if let m = method.methodResponses.firstIndex(where: { $0.statusCode == status }) {
                for name in prepared.declared where !method.methodResponses[m].headers.contains(name) {
                    method.methodResponses[m].headers.append(name)
                }
            } else {
                method.methodResponses.append(MethodResponse(statusCode: status, headers: prepared.declared))
            }
        }
        return overruled
    }

    /// The gateway responses the policy names, each merged with what the spec customises.
    ///
    /// Gateway responses run no template, so several origins cannot be matched there. Without
    /// credentials the request's own `Origin` is reflected: an error an anonymous request
    /// gets reveals nothing another site could not fetch itself. With credentials that would
    /// let any site read errors with the user's cookies, so they answer the policy's
    /// `gatewayResponseOrigin` alone, or no origin (CORS029 says so when the policy is read).
    static func corsGatewayResponses(
        _ types: [GatewayResponseType], policy: EffectiveCORSPolicy, namedOrigin: String? = nil, existing: [GatewayResponse],
        writtenAt: [String: SourceLocation] = [:], diagnostics: inout DiagnosticEngine
    ) -> [GatewayResponse] {
        var headers = responseHeaders(policy).staticValues
        if policy.origins.staticAllowOrigin == nil {
            if policy.allowsCredentials {
                if let namedOrigin { headers.insert(Mapped("Access-Control-Allow-Origin", quoted(namedOrigin)), at: 0) }
            } else {
                headers.insert(Mapped("Access-Control-Allow-Origin", "method.request.header.Origin"), at: 0)
            }
        }
        var result = existing
        for index in result.indices {
            overrule(&result[index], with: headers, at: writtenAt[result[index].type], diagnostics: &diagnostics)
        }
        for type in types.sorted() {
            let index = result.firstIndex { $0.type == type.rawValue } ?? {
                result.append(GatewayResponse(type: type.rawValue))
                return result.count - 1
            }()
            for value in headers {
                let key = "gatewayresponse.header.\(value.name)"
                if !result[index].responseParameters.contains(where: { $0.name == key }) {
                    result[index].responseParameters.append(Mapped(key, value.value))
                }
            }
        }
        return result.sorted { $0.type < $1.type }
    }

    /// The CORS headers the policy decides, whoever wrote the gateway response.
    static let policyDecidedHeaders: Set<String> = [
        "access-control-allow-origin", "access-control-allow-credentials", "access-control-expose-headers",
    ]

    /// A gateway response the spec wrote, with the CORS headers the policy decides set as it
    /// says: a spec written for `'*'` under a policy with credentials would otherwise give
    /// API Gateway's own errors a header the browser refuses (DOC008), and one written for
    /// another origin would answer the policy's origins with the wrong one. Each change is
    /// a PLAN011 warning at the response.
    static func overrule(
        _ response: inout GatewayResponse, with headers: [Mapped], at location: SourceLocation?,
        diagnostics: inout DiagnosticEngine
    ) {
        let prefix = "gatewayresponse.header."
        var kept: [Mapped] = []
        for parameter in response.responseParameters {
            let name = parameter.name.hasPrefix(prefix) ? String(parameter.name.dropFirst(prefix.count)) : ""
            guard Self.policyDecidedHeaders.contains(name.lowercased()) else {
                kept.append(parameter)
                continue
            }
            let decided = headers.first { $0.name.lowercased() == name.lowercased() }
            if decided?.value == parameter.value {
                kept.append(parameter)
                continue
            }
            if let decided { kept.append(Mapped(parameter.name, decided.value)) }
            let outcome = decided.map { "the output sets \($0.value), as the policy says" } ?? "the output leaves it out, as the policy sets none there"
            diagnostics.report(
                .warning(
                    PlanError.gatewayResponseHeaderOverruled,
                    "gateway response \(response.type) sets \(name) to \(parameter.value), which the CORS policy contradicts; "
                        + "\(outcome), so API Gateway's own errors answer browsers like every other response; "
                        + "remove the header from the spec's x-amazon-apigateway-gateway-responses",
                    at: location))
        }
        response.responseParameters = kept
    }
}

import YAML

/// One comparable statement about a gateway plan, such as "GET /pets integration uri" = "…".
///
/// Two plans are compared as two lists of facts rather than as two structures, so what
/// does not matter to API Gateway (the order of methods or response parameters, logical
/// IDs, the deployment, the document a plan was read from) never shows up as a
/// difference, and each difference that does is one line a report can name and place.
public struct PlanFact: Sendable, Equatable {
    /// What part of the plan a fact is about; the classification of fixes reads it.
    public enum Field: String, Sendable, Equatable {
        case api, stage, resource, method, authorization, apiKey, requestParameter, integration, integrationRequestParameter
        case requestTemplate, responseStatus, responseParameter, responseTemplate, responseContentHandling
        case methodResponse, methodResponseHeader, authorizer, gatewayResponse, gatewayResponseParameter, gatewayResponseTemplate
    }

    /// The fact's name, unique within a plan.
    public var key: String
    /// Its value as text.
    public var value: String
    public var field: Field
    /// The HTTP verb, for facts about a method.
    public var verb: String?
    /// The resource path, for facts about a resource or method.
    public var path: String?
    /// The gateway response type, for facts about one.
    public var gatewayResponseType: String?
    /// The status code, for facts about a method response.
    public var statusCode: String?
    /// The header a response parameter or method response header is about, in lower case.
    public var header: String?
    /// The places in the source that may hold the fact, most specific first.
    public var places: [PlanLocations.Key]
}

/// One difference between a source plan and the plan its migration gives back.
public struct PlanDifference: Sendable, Equatable, CustomStringConvertible {
    /// The fact as the source plan or, when the source lacks it, the result states it.
    public var fact: PlanFact
    /// The source's value; `nil` when the result adds the fact.
    public var old: String?
    /// The result's value; `nil` when the result drops the fact.
    public var new: String?

    /// The values that only say an element exists; a difference in one reads "added" or
    /// "removed" without them.
    static let presence: Set<String> = ["defined", "declared", "customised"]

    /// A value as one short line: a report has one line per difference, and a mapping
    /// template's full text belongs in the files, not there.
    static func shown(_ value: String) -> String {
        let line = value.replacing("\n", with: "\\n")
        return line.count > 100 ? String(line.prefix(99)) + "…" : line
    }

    public var description: String {
        let old = old.map(Self.shown)
        let new = new.map(Self.shown)
        if let value = old ?? new, Self.presence.contains(value), old == nil || new == nil {
            return "\(fact.key): \(old == nil ? "added" : "removed")"
        }
        return switch (old, new) {
        case (let old?, let new?): "\(fact.key): \(old) → \(new)"
        case (let old?, nil): "\(fact.key): removed \(old)"
        case (nil, let new?): "\(fact.key): added \(new)"
        case (nil, nil): fact.key
        }
    }
}

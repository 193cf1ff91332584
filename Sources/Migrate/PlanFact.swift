import YAML
import Read

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
        case requestValidator, methodValidator, model, methodModel
        /// A setting of an HTTP API's CORS configuration.
        case cors
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

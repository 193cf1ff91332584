import Diagnostics

/// A CORS policy file as written: every field the user set, with the place it was set.
///
/// Fields the file leaves out are `nil`; defaults are applied when the policy is resolved
/// against a spec (`CORSResolver`), so a report can tell "you chose 204" from "204 by
/// default". Values that failed validation are left out and reported by the reader.
public struct CORSPolicy: Sendable, Equatable {
    /// The name of the policy file, as diagnostics print it.
    public var file: String
    /// The top-level keys that rules may also set.
    public var settings: CORSSettings
    /// Which of API Gateway's own responses get CORS headers; API-wide, so rules cannot
    /// set it.
    public var gatewayResponses: CORSLocated<[CORSLocated<GatewayResponseType>]>?
    /// The one origin API Gateway's own errors answer when several origins may call with
    /// credentials (a gateway response runs no template, so it cannot pick the request's).
    public var gatewayResponseOrigin: CORSLocated<String>?
    /// Overrides, in file order.
    public var rules: [CORSRule]

    public init(
        file: String, settings: CORSSettings = CORSSettings(),
        gatewayResponses: CORSLocated<[CORSLocated<GatewayResponseType>]>? = nil, rules: [CORSRule] = []
    ) {
        self.file = file
        self.settings = settings
        self.gatewayResponses = gatewayResponses
        self.rules = rules
    }

    /// The gateway responses that get CORS headers, the default when the file names none.
    public var effectiveGatewayResponses: [GatewayResponseType] {
        gatewayResponses.map { $0.value.map(\.value) } ?? GatewayResponseType.policyDefault
    }
}

extension CORSPolicy {
    /// The note printed once when a run has no policy file: nothing about CORS is added,
    /// which is right for same-origin APIs and a surprise for everyone else.
    public static let noPolicyNote = Diagnostic.note(
        CORSDiagnosticCode.noPolicy,
        "no CORS policy was given, so no CORS headers are added; pass --cors with a policy file if browsers on other origins call this API")
}

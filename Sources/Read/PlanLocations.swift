import Diagnostics

/// Where each element of a read plan is written: the side table that lets a check on the
/// plan point at the line a user must change.
///
/// The plan itself holds no marks, so plans read from a template and from a document
/// compare equal; this table maps a stable key per element to its place instead. Keys
/// are built by the functions below, never by hand, so a reader and a check agree.
public struct PlanLocations: Sendable, Equatable {
    private var places: [String: SourceLocation] = [:]

    public init() {}

    /// The place of an element, if the reader recorded one.
    public subscript(_ key: Key) -> SourceLocation? {
        get { places[key.text] }
        set {
            // The first place recorded wins: that is where the element is defined.
            if places[key.text] == nil, let newValue { places[key.text] = newValue }
        }
    }

    /// The first place recorded among `keys`, most specific first.
    public func first(_ keys: Key...) -> SourceLocation? {
        keys.lazy.compactMap { self.places[$0.text] }.first
    }

    /// A plan element's identity.
    public struct Key: Sendable, Hashable {
        let text: String

        public static let api = Key(text: "api")
        public static let binaryMediaTypes = Key(text: "binary-media-types")
        public static let deployment = Key(text: "deployment")
        /// An HTTP API's CORS configuration (`CorsConfiguration`, `x-amazon-apigateway-cors`).
        public static let cors = Key(text: "cors")
        /// The stage the API is served from (an HTTP API's `AWS::ApiGatewayV2::Stage`).
        public static let stage = Key(text: "stage")

        /// One setting of an HTTP API's CORS configuration, named as the OpenAPI extension
        /// names it (`allowOrigins`, `allowMethods`, `allowHeaders`, `exposeHeaders`, `maxAge`,
        /// `allowCredentials`) whichever way it is written.
        public static func corsSetting(_ name: String) -> Key { Key(text: "cors \(name)") }

        public static func resource(_ path: String) -> Key { Key(text: "resource \(path)") }
        public static func method(_ verb: String, _ path: String) -> Key { Key(text: "method \(verb) \(path)") }
        public static func authorization(_ verb: String, _ path: String) -> Key { Key(text: "auth \(verb) \(path)") }
        public static func apiKey(_ verb: String, _ path: String) -> Key { Key(text: "api-key \(verb) \(path)") }
        public static func integration(_ verb: String, _ path: String) -> Key { Key(text: "integration \(verb) \(path)") }
        public static func integrationResponse(_ verb: String, _ path: String, _ status: String) -> Key {
            Key(text: "integration-response \(verb) \(path) \(status)")
        }
        /// A `responseParameters` entry of an integration response; the place of its value.
        public static func responseParameter(_ verb: String, _ path: String, _ status: String, _ name: String) -> Key {
            Key(text: "response-parameter \(verb) \(path) \(status) \(name)")
        }
        public static func responseTemplate(_ verb: String, _ path: String, _ status: String, _ contentType: String) -> Key {
            Key(text: "response-template \(verb) \(path) \(status) \(contentType)")
        }
        public static func methodResponse(_ verb: String, _ path: String, _ status: String) -> Key {
            Key(text: "method-response \(verb) \(path) \(status)")
        }
        public static func gatewayResponse(_ type: String) -> Key { Key(text: "gateway-response \(type)") }
        public static func gatewayResponseParameter(_ type: String, _ name: String) -> Key {
            Key(text: "gateway-response-parameter \(type) \(name)")
        }
        public static func authorizer(_ name: String) -> Key { Key(text: "authorizer \(name)") }
        public static func requestValidator(_ name: String) -> Key { Key(text: "request-validator \(name)") }
        public static func model(_ name: String) -> Key { Key(text: "model \(name)") }
        public static func usagePlan(_ name: String) -> Key { Key(text: "usage-plan \(name)") }
        /// Where a method names its validator.
        public static func methodValidator(_ verb: String, _ path: String) -> Key { Key(text: "method-validator \(verb) \(path)") }
    }
}

import Foundation
import TestSupport
import Testing
import YAML
import Plan
import CORS
import Convert

/// API Gateway's own errors (a 403 for a missing route or API key, a 429, a 5XX, a validator's
/// 400) reach the page
/// only when the gateway response carries the CORS headers. LocalStack, which the end-to-end tier
/// deploys to, applies only a gateway response's status code (docs/testing.md), so this reads
/// the committed outputs instead and asks what a browser would decide about each error.
@Suite struct GatewayResponseCORSTests {
    /// Every gateway response the policy names, in every golden output of every case with a
    /// policy, lets a page on each allowed origin read the error, except where the policy
    /// allows credentials with several origins (CORS029: no single value can be sent there),
    /// where only the policy's `gatewayResponseOrigin` can, when it names one.
    @Test(arguments: SpecCorpus.caseNames)
    func gatewayResponsesLetAllowedOriginsReadErrors(caseName: String) throws {
        guard let path = SpecCorpus.policyPath(of: caseName),
            let policy = (try? CORSPolicyReader.read(try SpecCorpus.bytes(path), file: path))?.policy,
            // An HTTP API has no gateway responses to give headers to (docs/http-apis.md).
            !SpecCorpus.isHTTPAPI(caseName)
        else { return }
        let effective = CORSResolver.defaultPolicy(policy)
        let types = policy.effectiveGatewayResponses.map(\.rawValue)
        let outputs = ["cloudformation.yaml", "cloudformation.json", "openapi.yaml", "openapi.json"]
            .map { "golden/\(caseName)/\($0)" }.filter(Golden.exists)
        var origins = effective.origins.exactOrigins
        if effective.origins.allowsAnyOrigin { origins.append("https://anyone.example.org") }
        let anyoneReads = !(effective.allowsCredentials && effective.origins.staticAllowOrigin == nil)
        let readable = { (origin: String) in anyoneReads || origin == policy.gatewayResponseOrigin?.value }
        for file in outputs {
            var document = try DocumentReader.read(try SpecCorpus.bytes(file), file: file)
            // A body-s3 template's gateway responses are in the definition beside it.
            if document["Resources"]?["Api"]?["Properties"]?["BodyS3Location"] != nil {
                let definition = Converter.definitionName(of: file)
                document = try DocumentReader.read(try SpecCorpus.bytes(definition), file: definition)
            }
            let responses = Self.gatewayResponses(in: document)
            // A validator's refusals, where the output has them, must be as readable (issue 21).
            let refusals = ["BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS"].filter { responses[$0] != nil }
            for type in types + refusals {
                let parameters = try #require(responses[type], "\(file) has no \(type) gateway response")
                for origin in origins {
                    #expect(
                        Self.browserReads(parameters, origin: origin, credentials: effective.allowsCredentials) == readable(origin),
                        "\(file): a page on \(origin) \(readable(origin) ? "cannot" : "can") read a \(type) error")
                }
            }
        }
    }

    /// A browser's CORS check on an error response, with the values API Gateway would send:
    /// a quoted static value as it stands, `method.request.header.Origin` as the request's origin.
    static func browserReads(_ parameters: [String: String], origin: String, credentials: Bool) -> Bool {
        func sent(_ header: String) -> String? {
            guard let value = parameters["gatewayresponse.header.\(header)"] else { return nil }
            if value == "method.request.header.Origin" { return origin }
            guard value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") else { return nil }
            return String(value.dropFirst().dropLast())
        }
        let allowOrigin = sent("Access-Control-Allow-Origin")
        // Fetch's CORS check: the exact origin, or * only for a request without credentials,
        // which also needs Access-Control-Allow-Credentials: true.
        if credentials {
            return allowOrigin == origin && sent("Access-Control-Allow-Credentials") == "true"
        }
        return allowOrigin == origin || allowOrigin == "*"
    }

    /// Gateway response type → its response parameters, from a CloudFormation template (one
    /// resource each, or the RestApi's OpenAPI `Body`) or an OpenAPI document.
    static func gatewayResponses(in document: Node) -> [String: [String: String]] {
        func parameters(_ node: Node?) -> [String: String] {
            guard let mapping = node?.mapping else { return [:] }
            var result: [String: String] = [:]
            for index in 0..<mapping.count {
                let entry = mapping[position: index]
                if let name = entry.key.text, let value = entry.value.string { result[name] = value }
            }
            return result
        }
        var found: [String: [String: String]] = [:]
        func readOpenAPI(_ root: Node?) {
            guard let table = root?["x-amazon-apigateway-gateway-responses"]?.mapping else { return }
            for index in 0..<table.count {
                let entry = table[position: index]
                if let type = entry.key.text { found[type] = parameters(entry.value["responseParameters"]) }
            }
        }
        readOpenAPI(document)
        if let resources = document["Resources"]?.mapping {
            for index in 0..<resources.count {
                let properties = resources[position: index].value["Properties"]
                switch resources[position: index].value["Type"]?.string {
                case "AWS::ApiGateway::GatewayResponse":
                    if let type = properties?["ResponseType"]?.string {
                        found[type] = parameters(properties?["ResponseParameters"])
                    }
                case "AWS::ApiGateway::RestApi":
                    readOpenAPI(properties?["Body"])
                default:
                    break
                }
            }
        }
        return found
    }
}

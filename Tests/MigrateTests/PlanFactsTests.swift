import Migrate
import Testing
import YAML
import Plan

/// The plan comparison: order and identity that API Gateway does not keep are not differences.
@Suite struct PlanFactsTests {
    static func plan() -> GatewayPlan {
        let get = PlanMethod(
            httpMethod: "GET",
            integration: Integration(
                kind: .http, uri: .string("https://b.example/x"), httpMethod: "GET",
                responses: [
                    IntegrationResponse(statusCode: "200", responseParameters: [Mapped("method.response.header.A", "'1'"), Mapped("method.response.header.B", "'2'")]),
                    IntegrationResponse(selectionPattern: "4\\d{2}", statusCode: "400"),
                ]),
            methodResponses: [MethodResponse(statusCode: "200", headers: ["A", "B"]), MethodResponse(statusCode: "400")])
        let post = PlanMethod(httpMethod: "POST", integration: Integration(kind: .mock))
        return GatewayPlan(api: RestAPI(name: "api"), resources: [PlanResource(path: "/"), PlanResource(path: "/x", methods: [get, post])])
    }

    @Test func orderIsNotADifference() {
        var shuffled = Self.plan()
        shuffled.resources.reverse()
        shuffled.resources[0].methods.reverse()
        let get = shuffled.resources[0].methods.firstIndex { $0.httpMethod == "GET" }!
        shuffled.resources[0].methods[get].integration.responses.reverse()
        shuffled.resources[0].methods[get].integration.responses[1].responseParameters.reverse()
        shuffled.resources[0].methods[get].methodResponses[1].headers.reverse()
        shuffled.deployment = Deployment(logicalID: "Deployment123")
        #expect(PlanFacts.differences(from: Self.plan(), to: shuffled).isEmpty)
    }

    @Test func eachChangeIsOneDifference() {
        var changed = Self.plan()
        changed.resources[1].methods[0].integration.uri = Node(.scalar(Scalar(text: "https://b.example/x", kind: .string)), tag: "!Sub")
        changed.resources[1].methods[1].apiKeyRequired = true
        changed.resources[1].methods[0].integration.responses[1].selectionPattern = "5\\d{2}"
        #expect(PlanFacts.differences(from: Self.plan(), to: changed).map(\.description) == [
            "GET /x integration uri: https://b.example/x → !Sub https://b.example/x",
            "GET /x integration response \"4\\d{2}\" status: removed 400",
            "POST /x api key required: false → true",
            "GET /x integration response \"5\\d{2}\" status: added 400",
        ])
    }
}

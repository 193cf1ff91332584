import Foundation
import Testing
import Plan
import TestSupport

/// docs/http-apis.md prints what the two kinds of API differ in; `APIKind` is where the code
/// asks it. The table between the page's markers must be exactly the type's rows.
@Suite struct HTTPAPIDocsTests {
    @Test func thePagesTableIsAPIKindsDifferences() throws {
        let page = try String(contentsOf: SpecCorpus.root.appendingPathComponent("docs/http-apis.md"), encoding: .utf8)
        let begin = try #require(page.range(of: "<!-- differences: begin -->\n"))
        let end = try #require(page.range(of: "<!-- differences: end -->"))
        let rows = page[begin.upperBound..<end.lowerBound].split(separator: "\n").dropFirst(2).map(String.init)
        let expected = APIKind.differences.map { "| \($0.what) | \($0.rest) | \($0.http) |" }
        #expect(rows == expected)
    }

    @Test func aRouteKeyNamesItsPathAndMethodBothWays() {
        #expect(GatewayPlan.routeKey(path: "/pets/{id}", method: "GET") == "GET /pets/{id}")
        #expect(GatewayPlan.routeKey(path: GatewayPlan.defaultRoutePath, method: "ANY") == "$default")
        #expect(GatewayPlan.route(ofKey: "get /pets/{id}")! == ("/pets/{id}", "GET"))
        #expect(GatewayPlan.route(ofKey: "$default")! == ("$default", "ANY"))
        #expect(GatewayPlan.route(ofKey: "GET pets") == nil)
        #expect(GatewayPlan.route(ofKey: "/pets") == nil)
    }
}

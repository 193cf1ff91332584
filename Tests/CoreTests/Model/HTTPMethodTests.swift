import Testing

import Plan
@testable import Planning

/// The method names and order the model and the planner rely on.
@Suite struct HTTPMethodTests {
    @Test func orderIsTheOrderOfAllCases() {
        for (i, a) in HTTPMethod.allCases.enumerated() {
            for (j, b) in HTTPMethod.allCases.enumerated() { #expect((a < b) == (i < j), "\(a) \(b)") }
        }
    }

    @Test func pathItemKeysAreTheLowerCaseNamesAndTheAnyExtension() {
        for method in HTTPMethod.allCases {
            let key = method == .any ? "x-amazon-apigateway-any-method" : method.rawValue.lowercased()
            #expect(method.pathItemKey == key)
            #expect(HTTPMethod(pathItemKey: key) == method)
        }
        for other in ["GET", "Get", "trace", "query", "", "x-amazon-apigateway-any-method ", "ANY", "any"] {
            #expect(HTTPMethod(pathItemKey: other) == nil, "\(other)")
        }
    }
}

/// Where the planner puts a preflight among a resource's methods.
@Suite struct PreflightPositionTests {
    static func methods(_ names: [String]) -> [PlanMethod] {
        names.map { PlanMethod(httpMethod: $0, integration: Integration(kind: .mock)) }
    }

    /// The names after appending OPTIONS and sorting, as the planner used to.
    static func sortedWithOptions(_ names: [String]) -> [String] {
        (methods(names) + methods(["OPTIONS"])).sorted { GatewayPlanner.rank($0) < GatewayPlanner.rank($1) }.map(\.httpMethod)
    }

    @Test(arguments: [
        [], ["GET"], ["GET", "POST"], ["HEAD", "PATCH"], ["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "ANY"], ["ANY"],
        ["DELETE"], ["GET", "NOT-A-METHOD"],
    ])
    func anOrderedListTakesOptionsWhereASortPutsIt(names: [String]) throws {
        let at = try #require(GatewayPlanner.preflightPosition(in: Self.methods(names)))
        var inserted = names
        inserted.insert("OPTIONS", at: at)
        #expect(inserted == Self.sortedWithOptions(names))
    }

    @Test(arguments: [["POST", "GET"], ["ANY", "GET"], ["PATCH", "HEAD"]])
    func anUnorderedListIsLeftToTheSort(names: [String]) {
        #expect(GatewayPlanner.preflightPosition(in: Self.methods(names)) == nil)
    }
}

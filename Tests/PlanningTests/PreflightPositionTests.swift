import Testing

import Plan
@testable import Planning

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

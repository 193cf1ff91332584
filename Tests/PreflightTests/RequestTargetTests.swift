import Testing
import Plan
import Preflight
import TestSupport

/// `preflight --path` as a user writes it: the path under the stage, the path with the
/// stage copied from the address bar, or the whole invoke URL.
@Suite struct RequestTargetTests {
    static let plan = PlanFixtures.petStore  // resources /, /pets, /pets/{petId}; stage v1

    @Test func aPlainPathIsTakenAsWritten() {
        let target = RequestTarget("/pets/7", stage: "v1", plan: Self.plan)
        #expect(target == RequestTarget.expected(path: "/pets/7", stage: nil, understood: nil))
    }

    @Test func aPathWithTheStageLosesItAndSaysSo() {
        let target = RequestTarget("/v1/pets/7", stage: "v1", plan: Self.plan)
        #expect(target.path == "/pets/7" && target.stage == "v1")
        #expect(target.understood == "--path /v1/pets/7 names the stage v1: the request is for /pets/7 on stage v1")
    }

    @Test func anInvokeURLGivesItsStageAndPath() {
        let target = RequestTarget("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/pets", stage: "v1", plan: Self.plan)
        #expect(target.path == "/pets" && target.stage == "prod")
        #expect(target.understood?.hasPrefix("the URL names the stage prod") == true)
    }

    /// A first segment that is a resource of the API is a path, even when a stage has its name.
    @Test func aResourceNamedLikeTheStageStaysAResource() {
        let target = RequestTarget("/pets/7", stage: "pets", plan: Self.plan)
        #expect(target.path == "/pets/7" && target.stage == nil && target.understood == nil)
    }
}

extension RequestTarget {
    static func expected(path: String, stage: String?, understood: String?) -> RequestTarget {
        var target = RequestTarget("/", stage: "-", plan: PlanFixtures.petStore)
        target.path = path
        target.stage = stage
        target.understood = understood
        return target
    }
}

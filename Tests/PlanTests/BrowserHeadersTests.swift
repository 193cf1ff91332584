import TestSupport
import Testing

import Plan

/// The headers a page sends to a method, compared as HTTP compares names.
@Suite struct BrowserHeadersTests {
    @Test func headerNamesCompareWithoutCaseForLettersOnly() {
        #expect(PlanMethod.isSameHeaderName("X-Api-Key", "x-api-key"))
        #expect(PlanMethod.isSameHeaderName("authorization", "AUTHORIZATION"))
        #expect(!PlanMethod.isSameHeaderName("X-Id", "X-Ids"))
        // `[` and `{` differ from `{` and `[` only in the bit case folding flips.
        #expect(!PlanMethod.isSameHeaderName("a[", "a{"))
        #expect(!PlanMethod.isSameHeaderName("x-1", "x-!"))
    }

    @Test func listsEachHeaderOnceAndLeavesSafelistedOnesOut() {
        var method = PlanFixtures.proxy("POST", "addPet", path: "/pets", apiKey: true)
        method.requestParameters = [
            RequestParameter(location: "header", name: "X-Trace", isRequired: false),
            RequestParameter(location: "header", name: "x-trace", isRequired: false),
            RequestParameter(location: "header", name: "Accept-Language", isRequired: false),
            RequestParameter(location: "header", name: "x-api-key", isRequired: false),
            RequestParameter(location: "query", name: "X-Query", isRequired: false),
        ]
        #expect(method.browserRequestHeaders(authorizers: [], sendsJSON: true) == ["X-Api-Key", "Content-Type", "X-Trace"])
    }
}

import Testing

import Plan

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

import Foundation
import TestSupport
import Testing
import CORS

/// docs/cors-policy.md is the user's reference: it must name every code and response type.
@Suite struct CORSDocumentationTests {
    static let page: String = {
        let url = SpecCorpus.root.appendingPathComponent("docs/cors-policy.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test(arguments: CORSDiagnosticCode.codes.map(\.id))
    func listsEveryDiagnosticCode(code: String) {
        #expect(Self.page.contains("| \(code) |"), "docs/cors-policy.md has no table row for \(code)")
    }

    @Test(arguments: GatewayResponseType.allCases)
    func listsEveryGatewayResponseType(type: GatewayResponseType) {
        #expect(Self.page.contains("`\(type.rawValue)`"))
    }

    @Test func listsTheDefaultHeadersInOrder() {
        #expect(Self.page.contains(CORSResolver.defaultAllowHeaders.joined(separator: ", ")))
    }

    @Test func codesAreNumberedWithoutGaps() {
        let numbers = CORSDiagnosticCode.codes.map(\.id).map { Int($0.dropFirst(4)) ?? 0 }
        #expect(numbers == Array(1...numbers.count))
    }
}

import TestSupport
import Testing
import CORS

/// The end-to-end tier's table (`Tests/EndToEnd/expectations.tsv`) read from Swift: every row
/// must name a real case and a request a browser can really send, so that a row fails only
/// for what it is about, whichever checker reads it.
@Suite struct BrowserExpectationTableTests {
    static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]

    @Test func everyRowNamesACaseWithAPolicyAndARequestABrowserSends() throws {
        let rows = try BrowserExpectation.loadAll()
        #expect(rows.count >= 40)
        for row in rows {
            #expect(SpecCorpus.specPath(of: row.caseName) != nil, "\(row): no spec case \(row.caseName)")
            #expect(SpecCorpus.policyPath(of: row.caseName) != nil, "\(row): the case has no CORS policy")
            for output in row.outputs {
                #expect(
                    Golden.exists("golden/\(row.caseName)/\(output).yaml") || Golden.exists("golden/\(row.caseName)/\(output).json"),
                    "\(row): the case writes no \(output) output")
            }
            // Browsers send the serialised origin, which is what the policy parser stores.
            #expect((try? OriginPattern.parse(row.origin)) == .exact(row.origin), "\(row): \(row.origin) is not an origin as browsers send it")
            #expect(Self.methods.contains(row.method), "\(row): method \(row.method)")
            #expect(row.path.hasPrefix("/"), "\(row): the path must start with /")
        }
    }

    /// A case with only allowed rows would pass a converter that allows everything, and one
    /// with only blocked rows one that allows nothing.
    @Test func everyCaseIsCheckedBothWays() throws {
        let rows = try BrowserExpectation.loadAll()
        for caseName in Set(rows.map(\.caseName)).sorted() {
            let outcomes = Set(rows.filter { $0.caseName == caseName }.map(\.isAllowed))
            #expect(outcomes == [true, false], "\(caseName) has only \(outcomes.first == true ? "allowed" : "blocked") rows")
        }
    }

    @Test func aMalformedLineIsRefusedWithItsNumber() {
        #expect(throws: BrowserExpectation.FormatError.self) {
            try BrowserExpectation.parse("petstore both mock https://a.example.com GET /pets - same-origin maybe", line: 7)
        }
        do {
            _ = try BrowserExpectation.parse("petstore both mock https://a.example.com GET /pets -", line: 9)
            Issue.record("a line with seven fields was read")
        } catch {
            #expect(String(describing: error) == "Tests/EndToEnd/expectations.tsv:9: 7 fields; want case output backend origin method path headers credentials expected")
        }
    }

    @Test func headersAndBothOutputsAreSpelledOut() throws {
        let row = try BrowserExpectation.parse(
            "cors-multi-origin both mock https://shop.example.com POST /orders Content-Type:application/json,X-Request-Id:1 include allowed",
            line: 1)
        #expect(row.outputs == ["cloudformation", "openapi"])
        #expect(row.headers.map(\.name) == ["Content-Type", "X-Request-Id"])
        #expect(row.headers.map(\.value) == ["application/json", "1"])
        #expect(row.sendsCredentials && row.isAllowed)
    }
}

import Foundation
import TestSupport
import Testing

/// The README's before-and-after must show what the tool really writes.
@Suite struct ReadmeExampleTests {
    @Test func theREADMEsPreflightExampleIsInThePetStoreGolden() throws {
        let readme = try String(contentsOf: Golden.url("README.md"), encoding: .utf8)
        let golden = try String(contentsOf: Golden.url("golden/petstore/cloudformation.yaml"), encoding: .utf8)
        let start = try #require(readme.range(of: "  PetsOptionsMethod:\n"))
        let end = try #require(readme[start.lowerBound...].range(of: "```"))
        let lines = readme[start.lowerBound..<end.lowerBound].split(separator: "\n").filter { !$0.contains("...") }
        #expect(lines.count > 20)
        let block = lines.joined(separator: "\n")
        #expect(golden.contains(block), "the README's example differs from golden/petstore/cloudformation.yaml")
    }
}

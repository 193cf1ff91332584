import Diagnostics
import TestSupport
import Testing
import YAML
import Support

/// `read(write(tree)) == tree` on every spec in the corpus that reads, in both formats.
@Suite struct SpecRoundTripTests {
    static let readableCases = SpecCorpus.caseNames.filter { name in
        guard let spec = SpecCorpus.specPath(of: name), let bytes = try? SpecCorpus.bytes(spec) else { return false }
        return (try? DocumentReader.read(bytes, file: spec)) != nil
    }

    @Test(arguments: readableCases)
    func yamlRoundTripKeepsTheTree(caseName: String) throws {
        let spec = try #require(SpecCorpus.specPath(of: caseName))
        let tree = try DocumentReader.read(try SpecCorpus.bytes(spec), file: spec)
        let written = YAMLWriter.write(tree)
        #expect(try YAMLReader.read(Array(written.utf8), file: "written.yaml") == tree)
        // Writing is a fixed point: the canonical form of the canonical form is itself.
        #expect(YAMLWriter.write(try YAMLReader.read(Array(written.utf8), file: "written.yaml")) == written)
    }

    @Test(arguments: readableCases)
    func jsonRoundTripKeepsTheTree(caseName: String) throws {
        let spec = try #require(SpecCorpus.specPath(of: caseName))
        // JSON has no tags: CloudFormation short forms are compared in their long form.
        let tree = IntrinsicFunctions.expandingShortForms(try DocumentReader.read(try SpecCorpus.bytes(spec), file: spec))
        let written = try JSONWriter.write(tree)
        #expect(try JSONReader.read(Array(written.utf8), file: "written.json") == tree)
    }

    @Test func theCorpusHasReadableCasesInBothFormats() {
        let formats = Set(Self.readableCases.compactMap { SpecCorpus.specPath(of: $0).flatMap(SourceFormat.init(fileName:)) })
        #expect(formats == [.yaml, .json])
        #expect(Self.readableCases.count >= 6)
    }
}

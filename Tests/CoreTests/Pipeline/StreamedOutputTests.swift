import Core
import Diagnostics
import Testing
import YAML

/// A conversion writes the path items in parts made on several threads: the output and the
/// diagnostics must not depend on how many, and the streamed bytes must be the ones the
/// renderers' whole trees write.
@Suite struct StreamedOutputTests {
    static let layouts: [(Converter.Request.Target, SourceFormat, CloudFormationRenderer.Style)] = [
        (.openapi, .yaml, .resources), (.openapi, .json, .resources), (.cloudformation, .yaml, .body),
        (.cloudformation, .json, .body), (.cloudformation, .yaml, .resources),
    ]

    @Test(arguments: SpecCorpus.caseNames)
    func oneWorkerAndManyWriteTheSameBytes(caseName: String) throws {
        let spec = try #require(SpecCorpus.specPath(of: caseName))
        let policy = try ConvertGoldenTests.policyPath(of: caseName).map {
            Converter.PolicyInput(bytes: try SpecCorpus.bytes($0), file: $0)
        }
        for (target, format, style) in Self.layouts {
            var outputs: [String?] = []
            var diagnostics: [[String]] = []
            for workers in [1, 2, 5] {
                let request = Converter.Request(
                    target: target, format: format, cloudFormationStyle: style, repairsPaths: true, workers: workers)
                let result = Converter.convert(entry: spec, reader: RepositoryFiles(), policy: policy, request: request)
                outputs.append(result.output)
                diagnostics.append(result.diagnostics.map { "\($0.code) \($0.message) \(String(describing: $0.location))" })
            }
            #expect(Set(outputs).count == 1, "\(caseName) \(target) \(format) \(style)")
            #expect(Set(diagnostics).count == 1, "\(caseName) \(target) \(format) \(style)")
        }
    }

    @Test(arguments: SpecCorpus.caseNames)
    func theStreamedOutputIsTheWholeTreeWritten(caseName: String) throws {
        let spec = try #require(SpecCorpus.specPath(of: caseName))
        let policy = try ConvertGoldenTests.policyPath(of: caseName).map {
            Converter.PolicyInput(bytes: try SpecCorpus.bytes($0), file: $0)
        }
        let request = Converter.Request(target: .openapi, repairsPaths: true)
        guard let plan = Converter.plan(entry: spec, reader: RepositoryFiles(), policy: policy, request: request).plan
        else { return }
        let streamed = Converter.convert(entry: spec, reader: RepositoryFiles(), policy: policy, request: request)
        let whole = YAMLWriter.writeFindingTags(OpenAPIRenderer().render(plan))
        #expect(streamed.output == (whole.firstTag == nil ? whole.text : nil))
        let body = CloudFormationRenderer(style: .body).render(plan).template
        var bodyRequest = request
        (bodyRequest.target, bodyRequest.cloudFormationStyle, bodyRequest.format) = (.cloudformation, .body, .json)
        let streamedBody = Converter.convert(entry: spec, reader: RepositoryFiles(), policy: policy, request: bodyRequest)
        let wholeBody = try? JSONWriter.write(body, file: spec, replacingTagged: IntrinsicFunctions.longForm(of:))
        #expect(streamedBody.output == wholeBody)
    }
}

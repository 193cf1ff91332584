import Convert
import Planning
import Diagnostics
import TestSupport
import Testing
import YAML
import Support
import Render
import Spec

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
        let policy = try SpecCorpus.policyPath(of: caseName).map {
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

    /// Each renderer's document in parts, written with a part per path item on three
    /// threads (the way a large API is written), gives the bytes of its whole tree; the
    /// cases are small, so a conversion itself would make them on one thread.
    @Test(arguments: SpecCorpus.caseNames)
    func thePartsOfEveryCaseWriteItsWholeTree(caseName: String) throws {
        let spec = try #require(SpecCorpus.specPath(of: caseName))
        let policy = try SpecCorpus.policyPath(of: caseName).map {
            Converter.PolicyInput(bytes: try SpecCorpus.bytes($0), file: $0)
        }
        let request = Converter.Request(target: .openapi, repairsPaths: true)
        guard let plan = Converter.plan(entry: spec, reader: RepositoryFiles(), policy: policy, request: request).plan
        else { return }
        guard case .inParts(let body) = CloudFormationRenderer(style: .body).renderForWriting(plan).template else {
            Issue.record("the body style is written in parts")
            return
        }
        let documents = [
            (OpenAPIRenderer().renderInParts(plan), nil), (body, IntrinsicFunctions.longForm(of:) as @Sendable (Node) -> Node?),
        ]
        for (document, replacing) in documents {
            let whole = document.assembled()
            let yaml = TextSink()
            _ = DocumentWriter.write(document, format: .yaml, to: yaml, workers: 3, partSize: 1)
            #expect(yaml.text == YAMLWriter.write(whole), "\(caseName)")
            let json = TextSink()
            let outcome = DocumentWriter.write(
                document, format: .json, to: json, replacingTagged: replacing, workers: 3, partSize: 1)
            let expected = TextSink()
            let problems = JSONWriter.write(whole, to: expected, replacingTagged: replacing).problems
            #expect(json.text == expected.text, "\(caseName)")
            #expect(outcome.problems.map(\.message) == problems.map(\.message))
        }
    }

    /// A spec of a few dozen paths, with problems the model reports, whose path parameter
    /// is defined in the entry or in a second file.
    static func largeSpec(paths: Int, externalSchemas: Bool) -> InMemorySpecFiles {
        var spec = "openapi: 3.0.3\ninfo: {title: Many, version: '1'}\npaths:\n"
        let target = externalSchemas ? "parameters.yaml#/Id" : "#/components/parameters/Id"
        for index in 0..<paths {
            spec += "  /items\(index)/{id}:\n    get:\n      operationId: get\(index % 7)\n"
            spec += "      parameters: [{$ref: '\(target)'}]\n"
            spec += "      responses:\n        '200':\n          description: OK\n"
        }
        spec += "components:\n  parameters:\n    Id: {name: id, in: path, required: true, schema: {type: string}}\n"
        let parameters = "Id: {name: id, in: path, required: true, schema: {type: string}}\n"
        return InMemorySpecFiles(["spec.yaml": spec, "parameters.yaml": parameters])
    }

    /// A spec of 32 paths or more is modelled on another core while its `$ref`s are checked;
    /// the outcome must be the one thread's, and a spec of several files must be modelled
    /// again once they are all read.
    @Test(arguments: [false, true])
    func aLargeSpecModelledEarlyGivesTheSameOutcome(externalSchemas: Bool) {
        let files = Self.largeSpec(paths: 40, externalSchemas: externalSchemas)
        var outcomes: [String] = []
        for workers in [1, 2] {
            for target in Converter.Request.Target.allCases {
                let request = Converter.Request(target: target, cloudFormationStyle: .body, workers: workers)
                let result = Converter.convert(entry: "spec.yaml", reader: files, policy: nil, request: request)
                let diagnostics = result.diagnostics.map { "\($0.code) \($0.message) \(String(describing: $0.location))" }
                outcomes.append((result.output ?? "no output") + diagnostics.joined(separator: "\n"))
                // The repeated operationIds are the model's findings.
                #expect(result.diagnostics.contains { $0.message.contains("get3") })
            }
        }
        #expect(outcomes[0] == outcomes[2])
        #expect(outcomes[1] == outcomes[3])
    }
}

/// A template over CloudFormation's limit is refused; its bytes past the limit are counted
/// for the message and never written.
@Suite struct OversizedTemplateTests {
    /// Counts what reaches it.
    final class Received: ByteSink {
        var count = 0
        var text: [UInt8] = []
        func write(_ bytes: UnsafeBufferPointer<UInt8>) {
            count += bytes.count
            text.append(contentsOf: bytes)
        }
    }

    /// Too many resources is a refusal of the API as a whole; it points at the spec's paths,
    /// names the style that fits and says --repair does not help.
    @Test func tooManyResourcesIsRefusedAtThePaths() throws {
        var spec = "openapi: 3.0.3\ninfo: {title: Wide, version: '1'}\n\npaths:\n"
        for index in 0..<300 { spec += "  /items\(index):\n    get:\n      responses: {'200': {description: OK}}\n" }
        let files = InMemorySpecFiles(["spec.yaml": spec])
        let request = Converter.Request(target: .cloudformation, format: .yaml, cloudFormationStyle: .resources)
        let result = Converter.convert(entry: "spec.yaml", reader: files, policy: nil, request: request)
        #expect(result.output == nil)
        let refusal = try #require(result.diagnostics.first { $0.code == "CFN001" })
        #expect(refusal.location == SourceLocation(file: "spec.yaml", line: 4, column: 1))
        #expect(refusal.message.contains("--cfn-style body") && refusal.message.contains("--repair does not"))
    }

    @Test(arguments: [SourceFormat.yaml, .json])
    func onlyTheLimitIsWrittenAndTheWholeSizeReported(format: SourceFormat) throws {
        var spec = "openapi: 3.0.3\ninfo: {title: Big, version: '1'}\npaths:\n"
        let description = String(repeating: "A long description that makes the template large. ", count: 80)
        for index in 0..<300 {
            spec += "  /items\(index):\n    get:\n      description: \(description)\n"
            spec += "      responses: {'200': {description: OK}}\n"
        }
        let files = InMemorySpecFiles(["spec.yaml": spec])
        let request = Converter.Request(target: .cloudformation, format: format, cloudFormationStyle: .body)
        let received = Received()
        let result = Converter.convert(entry: "spec.yaml", reader: files, policy: nil, request: request, into: received)
        #expect(!result.succeeded)
        let refusal = try #require(result.diagnostics.first { $0.code == "CFN002" })
        let message = refusal.message
        // The whole template is refused, so the refusal points at what made it: the paths.
        #expect(refusal.location == SourceLocation(file: "spec.yaml", line: 3, column: 1))
        #expect(message.contains("--repair does not"))
        let size = try #require(Int(message.dropFirst("the template is ".count).prefix { $0.isNumber }))
        #expect(size > 1_000_000)
        #expect(received.count == CloudFormationRenderer.maxTemplateBytes)
        // What was written is the start of the template.
        let start = String(decoding: received.text.prefix(40), as: UTF8.self)
        #expect(start.hasPrefix(format == .yaml ? "AWSTemplateFormatVersion" : "{"), "\(start)")
    }
}

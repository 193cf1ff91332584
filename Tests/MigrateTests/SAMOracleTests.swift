import Diagnostics
import Foundation
import Intake
import Migrate
import Plan
import Read
import Support
import TestSupport
import Testing
import YAML

/// SAM's own transform as the oracle of the SAM reader: each SAM case is translated by
/// `aws-sam-translator` (`scripts/sam_translate.py`), and reading the SAM template must give
/// the plan that reading the translation gives, fact by fact: methods, integrations,
/// authorization, API keys, every CORS header value, gateway responses, stage and API
/// settings, and the permissions the events grant.
@Suite struct SAMOracleTests {
    /// Every case folder whose template declares SAM's transform.
    static let cases: [String] = SpecCorpus.folders(in: "specs").sorted().filter { name in
        guard let bytes = try? SpecCorpus.bytes("specs/\(name)/template.yaml") else { return false }
        return String(decoding: bytes, as: UTF8.self).contains("AWS::Serverless-2016-10-31")
    }

    @Test func thereAreSAMCases() {
        #expect(Self.cases.count >= 6, "\(Self.cases)")
    }

    @Test(arguments: cases)
    func readsTheAPIThatSAMsTransformDeploys(caseName: String) throws {
        let template = "specs/\(caseName)/template.yaml"
        let translated = FileManager.default.temporaryDirectory.appendingPathComponent("sam-oracle-\(caseName).json").path
        let script = SpecCorpus.root.appendingPathComponent("scripts/sam_translate.py").path
        let run = try ExternalTool.run("python3", [script, SpecCorpus.root.appendingPathComponent(template).path, translated])
        try #require(run.status == 0, "aws-sam-translator refused \(template): \(run.output)")
        defer { try? FileManager.default.removeItem(atPath: translated) }

        let sam = try PlanSource.plan(template, reader: CorpusFiles(), policy: nil, readPolicy: { _ in [] })
        let samPlan = try #require(sam.plan, "\(sam.diagnostics)")
        #expect(sam.sam != nil, "the reader says where SAM decides the API")
        let oracleRoot = try DocumentReader.read(try CorpusFiles().read(translated), file: "translated.json")
        let oracle = GatewayPlanReader.reading(oracleRoot, file: "translated.json")
        let oraclePlan = try #require(oracle.plan, "\(oracle.diagnostics)")

        let read = Self.lines(samPlan)
        let expected = Self.lines(oraclePlan)
        #expect(read.count > 10 && read.contains { $0.hasPrefix("OPTIONS ") || $0.contains(" OPTIONS ") })
        let missing = expected.subtracting(read).sorted()
        let extra = read.subtracting(expected).sorted()
        #expect(missing.isEmpty && extra.isEmpty, "\(caseName): the transform has \(missing), the reader has \(extra)")
    }

    /// A plan as comparable lines: its facts, and the permissions its events grant.
    static func lines(_ plan: GatewayPlan) -> Set<String> {
        var lines = Set(PlanFacts.facts(of: plan).map { "\($0.key) = \($0.value)" })
        for permission in plan.lambdaPermissions {
            let function = IntrinsicFunctions.functionText(permission.functionName) ?? permission.functionName.text ?? "?"
            lines.insert("permission \(permission.httpMethod) \(permission.path) \(function)")
        }
        return lines
    }
}

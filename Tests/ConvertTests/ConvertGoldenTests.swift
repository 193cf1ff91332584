import Convert
import GoldenCases
import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML
import Plan
import CORS
import Spec
import Planning

/// `convert` over every case in `specs/`: the CloudFormation template and the OpenAPI
/// document it writes, or the exact diagnostics, pinned in `golden/<case>/`.
@Suite struct ConvertGoldenTests {
    static let rerecord = "UPDATE_GOLDEN=1 swift test --filter ConvertGoldenTests"

    @Test(arguments: SpecCorpus.caseNames)
    func convertsLikeTheGolden(caseName: String) throws {
        let goldenCase = try #require(GoldenCase(folder: "specs/\(caseName)", name: caseName, exists: Golden.exists))
        let generated = goldenCase.generate(reader: RepositoryFiles())
        for file in GoldenCase.outputNames {
            let golden = "golden/\(caseName)/\(file)"
            if let text = generated.first(where: { $0.file == file })?.text {
                Golden.assertMatches(text, golden: golden, rerecord: Self.rerecord)
            } else {
                Golden.assertAbsent(golden)
            }
        }
    }

    /// The rules API Gateway's import enforces and cfn-lint does not, on every case's plan,
    /// built with the case's settings (its backend, and `repair`, whose renamed trees and
    /// mappings must follow them too).
    @Test(arguments: SpecCorpus.caseNames)
    func plansFollowTheImportRules(caseName: String) throws {
        let spec = try #require(SpecCorpus.specPath(of: caseName))
        guard let loaded = try? SpecLoader.load(entry: spec, reader: RepositoryFiles()) else { return }
        let optionsPath = "specs/\(caseName)/\(GoldenCase.optionsName)"
        let config = Golden.exists(optionsPath) ? (try? ConvertConfig.read(try SpecCorpus.bytes(optionsPath), file: optionsPath))?.0 : nil
        let (model, modelDiagnostics) = APIModelBuilder.build(from: loaded.spec, repairingPaths: config?.repair ?? false)
        // A spec with errors is never planned; its goldens hold the diagnostics instead.
        guard !modelDiagnostics.contains(where: { $0.severity == .error }) else { return }
        let policy = SpecCorpus.policyPath(of: caseName).flatMap { path in
            (try? CORSPolicyReader.read(try SpecCorpus.bytes(path), file: path))?.policy
        }
        let settings = config?.integrations() ?? IntegrationSettings()
        let (plan, _) = GatewayPlanner(settings: settings, api: config?.api ?? APISettings()).plan(
            model, document: SpecBundler.bundle(loaded.spec), cors: policy)
        #expect(plan.importRuleViolations.map(\.description) == [])
    }

    /// CloudFormation creates a Deployment once; it must wait for every method and gateway
    /// response, or the stage serves an API without them.
    @Test(arguments: SpecCorpus.caseNames)
    func deploymentsWaitForEveryMethod(caseName: String) throws {
        let file = "golden/\(caseName)/cloudformation.yaml"
        guard Golden.exists(file) else { return }
        let resources = try #require(try YAMLReader.read(try SpecCorpus.bytes(file), file: file)["Resources"]?.mapping)
        if resources.entries.contains(where: { $0.value["Type"]?.string == "AWS::ApiGatewayV2::Api" }) {
            // An HTTP API's stage deploys each change itself; its first deployment must come
            // after every route, or it serves an API without them.
            let stages = resources.entries.filter { $0.value["Type"]?.string == "AWS::ApiGatewayV2::Stage" }
            #expect(stages.count == 1)
            #expect(stages.first?.value["Properties"]?["AutoDeploy"]?.boolValue == true)
            let waitsFor = Set(stages.first?.value["DependsOn"]?.sequence?.compactMap(\.string) ?? [])
            let routes = resources.entries.filter { $0.value["Type"]?.string == "AWS::ApiGatewayV2::Route" }.compactMap(\.key.text)
            #expect(Set(routes).subtracting(waitsFor).isEmpty)
            return
        }
        let deployments = resources.entries.filter { $0.value["Type"]?.string == "AWS::ApiGateway::Deployment" }
        #expect(deployments.count == 1)
        let waitsFor = Set(deployments.first?.value["DependsOn"]?.sequence?.compactMap(\.string) ?? [])
        let needed = resources.entries.filter {
            ["AWS::ApiGateway::Method", "AWS::ApiGateway::GatewayResponse"].contains($0.value["Type"]?.string ?? "")
        }.compactMap(\.key.text)
        #expect(Set(needed).subtracting(waitsFor).isEmpty)
    }

    @Test func cfnLintAcceptsEveryCloudFormationGolden() throws {
        let files = SpecCorpus.caseNames.flatMap { name in
            GoldenCase.outputNames.filter { $0.hasPrefix("cloudformation.") && !$0.contains(".definition.") }.map { "golden/\(name)/\($0)" }
        }.filter(Golden.exists)
        #expect(files.count >= 10)
        #expect(files.contains { $0.contains(".stack-") }, "the children of a split template are linted too")
        // W3002: a parent's TemplateURL names its child's file, which `aws cloudformation
        // package` uploads and replaces with its S3 URL, as docs/large-apis.md says to deploy.
        let result = try ExternalTool.run("cfn-lint", ["--ignore-checks", "W3002", "--"] + files.map { Golden.url($0).path })
        #expect(result.status == 0, "cfn-lint found problems:\n\(result.output)")
    }

    /// With access logs and tracing on (case stage-settings), checkov's API Gateway checks
    /// for access logging (CKV_AWS_76) and X-Ray tracing (CKV_AWS_73) pass; without them
    /// (the pet store) they fail, so the test can tell.
    @Test(arguments: [("stage-settings", true), ("petstore", false)])
    func checkovsLoggingAndTracingChecksFollowTheStageSettings(caseName: String, passes: Bool) throws {
        let file = Golden.url("golden/\(caseName)/cloudformation.yaml").path
        let result = try ExternalTool.run(
            "checkov", ["-f", file, "--framework", "cloudformation", "--check", "CKV_AWS_76,CKV_AWS_73", "--skip-download", "-o", "json"])
        let start = result.output.firstIndex(of: "{") ?? result.output.startIndex
        let report = try JSONSerialization.jsonObject(with: Data(result.output[start...].utf8)) as? [String: Any]
        let results = report?["results"] as? [String: Any]
        let passed = (results?["passed_checks"] as? [[String: Any]] ?? []).compactMap { $0["check_id"] as? String }
        let failed = (results?["failed_checks"] as? [[String: Any]] ?? []).compactMap { $0["check_id"] as? String }
        if passes {
            #expect(Set(passed) == ["CKV_AWS_76", "CKV_AWS_73"], "\(result.output.prefix(2000))")
            #expect(failed.isEmpty, "\(failed)")
        } else {
            #expect(Set(failed) == ["CKV_AWS_76", "CKV_AWS_73"], "\(result.output.prefix(2000))")
        }
    }

    @Test func openAPISpecValidatorAcceptsEveryOpenAPIGolden() throws {
        // The definitions body-s3 templates deploy are OpenAPI documents too.
        let files = SpecCorpus.caseNames.flatMap { name in
            ["openapi.yaml", "openapi.json", "cloudformation.definition.yaml", "cloudformation.definition.json"].map { "golden/\(name)/\($0)" }
        }.filter(Golden.exists)
        #expect(files.contains { $0.contains(".definition.") })
        #expect(files.count >= 10)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oas2apigw-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            // API Gateway names a greedy variable's parameter without its `+` (`{proxy+}` is
            // parameter `proxy`), which plain OpenAPI tools read as an undeclared variable; the
            // copy they check spells the path `{proxy}`, and nothing else changes.
            let text = try String(contentsOf: Golden.url(file), encoding: .utf8).replacing("+}", with: "}")
            let copy = folder.appendingPathComponent(file.replacing("/", with: "_"))
            try text.write(to: copy, atomically: true, encoding: .utf8)
            let result = try ExternalTool.run("openapi-spec-validator", [copy.path])
            #expect(result.status == 0, "openapi-spec-validator rejected \(file):\n\(result.output)")
        }
    }
}

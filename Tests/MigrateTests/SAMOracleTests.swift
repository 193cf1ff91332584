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

    /// What SAM's transform refuses, the reader reports as READ027 at the line, for each
    /// refusal the reader knows: the same templates fail both.
    static let refused: [(what: String, line: Int, properties: String, events: String)] = [
        ("credentials with the origin *", 10, "      Cors:\n        AllowOrigin: \"'*'\"\n        AllowCredentials: true\n", ""),
        ("an unknown Cors key", 9, "      Cors:\n        AllowOrigins: \"'https://a.example.com'\"\n", ""),
        ("a DefaultAuthorizer the Authorizers lack", 9,
         "      Auth:\n        DefaultAuthorizer: Missing\n        Authorizers:\n          Tokens:\n            FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth\n", ""),
        ("Authorizer NONE without a default", 22, "", "            Auth:\n              Authorizer: NONE\n"),
        ("ApiKeyRequired false without the API's", 22, "", "            Auth:\n              ApiKeyRequired: false\n"),
    ]

    @Test(arguments: refused.indices)
    func refusesWhatSAMsTransformRefuses(index: Int) throws {
        let (what, line, properties, events) = Self.refused[index]
        let template = Self.template(properties: properties, events: events)
        let run = try SAMTranslator.translate(template, name: "sam-refused-\(index)")
        #expect(run.status == 2, "SAM's transform accepts \(what): \(run.output)")
        let reading = GatewayPlanReader.reading(try YAMLReader.read(Array(template.utf8), file: "t.yaml"), file: "t.yaml")
        let found = reading.diagnostics.filter { $0.code == ReadDiagnosticCode.samRefused.id }
        #expect(found.map(\.location?.line) == [line], "\(what): \(reading.diagnostics)")
    }

    /// A DefaultAuthorizer with no Authorizers is dropped by SAM's transform without a word,
    /// leaving every method open: the translation has no authorizer, and the reader says so.
    @Test func saysWhatSAMsTransformIgnores() throws {
        let template = Self.template(properties: "      Auth:\n        DefaultAuthorizer: Tokens\n")
        let run = try SAMTranslator.translate(template, name: "sam-ignored")
        let translated = try #require(run.translation, "\(run.output)")
        let oracle = GatewayPlanReader.reading(try DocumentReader.read(Array(translated.utf8), file: "out.json"), file: "out.json")
        let reading = GatewayPlanReader.reading(try YAMLReader.read(Array(template.utf8), file: "t.yaml"), file: "t.yaml")
        let get = try #require(reading.plan?.resource(at: "/items")?.method("GET"))
        #expect(get.authorization.type == "NONE")
        #expect(oracle.plan?.resource(at: "/items")?.method("GET")?.authorization.type == "NONE")
        let found = reading.diagnostics.filter { $0.code == ReadDiagnosticCode.samIgnored.id }
        #expect(found.map(\.location?.line) == [9], "\(reading.diagnostics)")
    }

    /// A SAM API with one function's GET /items event; `properties` go under the API's
    /// Properties (from line 8), `events` under the event's Properties (from line 22).
    static func template(properties: String, events: String = "") -> String {
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod

        """ + properties + """
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              CodeUri: s3://bucket/app.zip
              Events:
                Get:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Api
                    Path: /items
                    Method: get

        """ + events
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

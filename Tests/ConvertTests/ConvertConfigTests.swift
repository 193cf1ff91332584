import Convert
import Testing
import YAML
import Planning
import Foundation
import TestSupport

@Suite struct ConvertConfigTests {
    @Test func readsEverySetting() throws {
        let (config, problems) = try ConvertConfig.read(
            Array("backend: http:https://b.example.com\nstageName: prod\ncfnStyle: body\nformat: json\nrepair: true\n".utf8),
            file: "c.yaml")
        #expect(problems.isEmpty)
        #expect(config.repair == true)
        #expect(config.backend == .httpProxy(baseURL: "https://b.example.com"))
        #expect(config.stageName == "prod")
        #expect(config.cloudFormationStyle == .body)
        #expect(config.format == .json)
    }

    @Test(arguments: RequestValidationSetting.allCases)
    func readsRequestValidation(setting: RequestValidationSetting) throws {
        let (config, problems) = try ConvertConfig.read(Array("requestValidation: \(setting.rawValue)\n".utf8), file: "c.yaml")
        #expect(problems.isEmpty)
        #expect(config.api.requestValidation == setting)
    }

    @Test func aRequestValidationItDoesNotTakeIsNamedWithItsChoices() throws {
        let (config, problems) = try ConvertConfig.read(Array("requestValidation: strict\n".utf8), file: "c.yaml")
        #expect(config.api.requestValidation == nil)
        #expect(problems.map(\.message) == ["requestValidation takes none, parameters, body or all; correct the value"])
        #expect(problems.first?.location?.line == 1)
    }

    /// docs/settings.md documents every key the file takes, in its table.
    @Test func everyKeyIsDocumented() throws {
        let page = try String(contentsOf: SpecCorpus.root.appendingPathComponent("docs/settings.md"), encoding: .utf8)
        for key in ConvertConfig.keys {
            #expect(page.contains("| `\(key)` |"), "docs/settings.md has no row for \(key)")
        }
    }

    @Test func reportsEveryMistakeWithItsPlace() throws {
        let (_, problems) = try ConvertConfig.read(
            Array("backend: ftp://x\nstagename: prod\ncfnStyle: inline\nrepair: yes please\n".utf8), file: "c.yaml")
        #expect(problems.map(\.code) == ["CONV020", "CONV020", "CONV020", "CONV020"])
        #expect(problems.map { $0.location?.line } == [1, 2, 3, 4])
        #expect(problems[3].message == "repair takes true or false; correct the value")
        #expect(problems[1].message == "unknown setting \"stagename\"; did you mean stageName?")
        #expect(problems[0].message == "backend takes mock, http:URL, lambda or lambda:ARN; write mock, http:URL, lambda or lambda:ARN")
    }

    @Test func aBareURLAsABackendIsSpeltForTheUser() throws {
        let (_, problems) = try ConvertConfig.read(Array("backend: https://api.example.com\n".utf8), file: "c.yaml")
        #expect(problems.map(\.message) == [
            "backend takes mock, http:URL, lambda or lambda:ARN; a backend URL is written with its kind first: http:https://api.example.com"
        ])
    }

    @Test(arguments: [
        ("mock", IntegrationSettings.Backend.mock), ("lambda", .lambdaProxy(functionARN: nil)),
        ("lambda:arn:aws:lambda:eu-west-1:123456789012:function:f", .lambdaProxy(functionARN: "arn:aws:lambda:eu-west-1:123456789012:function:f")),
        ("http:https://a.example.com/v1", .httpProxy(baseURL: "https://a.example.com/v1")),
    ])
    func spellsBackendsAsTheCommandLineDoes(text: String, backend: IntegrationSettings.Backend) {
        #expect(ConvertConfig.backend(from: text) == backend)
    }

    @Test(arguments: ["", "lambda:f", "http:ftp://x", "https://x"])
    func refusesOtherBackends(text: String) {
        #expect(ConvertConfig.backend(from: text) == nil)
    }
}

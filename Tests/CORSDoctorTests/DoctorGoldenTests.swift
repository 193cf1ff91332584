import Convert
import CORSDoctor
import GoldenCases
import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML
import Planning
import Read

/// `doctor` over every hand-written broken definition in `specs/doctor-*`, pinned in
/// `golden/doctor-*/doctor.txt`, and over every generated output, which must be clean.
@Suite struct DoctorGoldenTests {
    static let rerecord = "UPDATE_GOLDEN=1 swift test --filter DoctorGoldenTests"

    @Test(arguments: SpecCorpus.doctorCaseNames)
    func diagnosesLikeTheGolden(caseName: String) throws {
        let doctorCase = try #require(DoctorCase(folder: "specs/\(caseName)", name: caseName, exists: Golden.exists))
        let report = doctorCase.generate(reader: CorpusFiles())
        Golden.assertMatches(report, golden: "golden/\(caseName)/\(DoctorCase.outputName)", rerecord: Self.rerecord)
    }

    /// Each broken case shows the fault it is named after, with a place in its own file (a
    /// doctor's finding with what a browser does, a reader's problem alone); a healthy case
    /// shows nothing at all.
    @Test(arguments: SpecCorpus.doctorCaseNames)
    func findsTheFaultTheCaseIsNamedAfter(caseName: String) throws {
        let doctorCase = try #require(DoctorCase(folder: "specs/\(caseName)", name: caseName, exists: Golden.exists))
        let findings = Doctor.examine(source: doctorCase.source, reader: CorpusFiles(), policy: nil)
        if Self.healthyCases.contains(caseName) {
            #expect(findings.map(\.code) == [], "\(caseName)")
            return
        }
        let code = try #require(Self.expectedCodes[caseName], "add \(caseName) to expectedCodes")
        let found = findings.filter { $0.code == code }
        #expect(!found.isEmpty, "\(caseName): \(findings.map(\.code))")
        #expect(found.allSatisfy { $0.location?.file == doctorCase.source })
        #expect(found.allSatisfy { !$0.code.hasPrefix("DOC") || $0.notes.first?.message.hasPrefix("a browser: ") == true })
    }

    /// Definitions whose CORS is right, so that a check finding a fault where there is none
    /// fails too.
    static let healthyCases: Set<String> = ["doctor-http-exported-healthy"]

    static let expectedCodes: [String: String] = [
        "doctor-sam-implicit-api": DoctorCode.gatewayResponseWithoutCORS.id,
        "doctor-sam-definition-body": DoctorCode.unquotedValue.id,
        "doctor-sam-auth-on-preflight": DoctorCode.protectedPreflight.id,
        "doctor-sam-include": DoctorCode.gatewayResponseWithoutCORS.id,
        "doctor-sam-credentials": DoctorCode.severalOrigins.id,
        "doctor-sam-http-api": DoctorCode.preflightCaughtByAuthorizer.id,
        "doctor-missing-options": DoctorCode.missingPreflight.id,
        "doctor-options-authorizer": DoctorCode.protectedPreflight.id,
        "doctor-unquoted-value": DoctorCode.unquotedValue.id,
        "doctor-undeclared-header": DoctorCode.undeclaredHeader.id,
        "doctor-allow-methods-omits": DoctorCode.allowedOriginMethodNotAllowed.id,
        "doctor-allow-headers-missing": DoctorCode.headerNotAllowed.id,
        "doctor-several-origins": DoctorCode.severalOrigins.id,
        "doctor-wildcard-credentials": DoctorCode.wildcardWithCredentials.id,
        "doctor-missing-vary": DoctorCode.missingVary.id,
        "doctor-origin-from-params": DoctorCode.originFromParams.id,
        "doctor-missing-allow-origin": DoctorCode.missingAllowOrigin.id,
        "doctor-gateway-responses": DoctorCode.gatewayResponseWithoutCORS.id,
        "doctor-binary-preflight": DoctorCode.binaryPreflight.id,
        "doctor-stale-deployment": DoctorCode.staleDeployment.id,
        "doctor-import-rules": DoctorCode.importRule.id,
        "doctor-http-authorized-catch-all": DoctorCode.preflightCaughtByAuthorizer.id,
        "doctor-http-wildcard-credentials": DoctorCode.wildcardWithCredentials.id,
        "doctor-http-body-and-cors-configuration": ReadDiagnosticCode.bodyWithCORSConfiguration.id,
    ]

    @Test func everyFaultHasACase() {
        #expect(Set(SpecCorpus.doctorCaseNames) == Set(Self.expectedCodes.keys).union(Self.healthyCases))
    }

    /// What `convert` writes passes the doctor without an error, in every output.
    @Test(arguments: SpecCorpus.caseNames)
    func generatedOutputsAreClean(caseName: String) throws {
        let outputs = ["cloudformation.yaml", "cloudformation.json", "openapi.yaml", "openapi.json"]
            .map { "golden/\(caseName)/\($0)" }.filter(Golden.exists)
        for output in outputs {
            let findings = Doctor.examine(source: output, reader: CorpusFiles(), policy: nil)
            let errors = findings.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(output): \(errors.map(\.message))")
        }
    }

    /// The same holds for a spec and policy given to the doctor directly.
    @Test func aSpecPlannedWithItsPolicyIsClean() throws {
        let findings = Doctor.examine(
            source: "specs/petstore/openapi.yaml", reader: CorpusFiles(),
            policy: Converter.PolicyInput(bytes: try SpecCorpus.bytes("specs/petstore/cors.yaml"), file: "specs/petstore/cors.yaml"))
        #expect(findings.filter { $0.severity != .note }.isEmpty, "\(findings)")
        let withoutPolicy = Doctor.examine(source: "specs/petstore/openapi.yaml", reader: CorpusFiles(), policy: nil)
        #expect(withoutPolicy.map(\.code).contains(DoctorCode.noCORS.id))
    }

    /// A policy whose allowHeaders leave out what the spec's methods send is completed by
    /// the plan, and the doctor names each header the policy forgot, at the spec's paths.
    @Test func aPolicyThatForgetsTheSpecsHeadersIsNamed() {
        let policy = Converter.PolicyInput(bytes: Array("allowOrigins: [https://a.example]\nallowHeaders: [X-Other]\n".utf8), file: "p.yaml")
        let findings = Doctor.examine(source: "specs/petstore/openapi.yaml", reader: CorpusFiles(), policy: policy)
        #expect(findings.filter { $0.code == DoctorCode.headerNotAllowed } == [])
        let added = findings.filter { $0.code == PlanError.requestHeaderAllowed }
        #expect(added.count == 2)
        #expect(added.first?.message.contains("allows request header X-Api-Key,") == true)
        #expect(added.last?.message.contains("allows request header Content-Type,") == true)
        #expect(added.first?.message.contains("which POST /pets sends") == true)
        #expect(added.allSatisfy { $0.location?.file == "specs/petstore/openapi.yaml" })
    }
}

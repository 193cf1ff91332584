import Testing
import TestSupport
import Diagnostics
import Spec
import CORSDoctor

/// The doctor reports a failure that is the tool's fault as the conversion does (CONV999,
/// asking for a report), not as a crash or a finding.
@Suite struct DoctorInternalFailureTests {
    @Test func aReaderThatFailsOddlyIsTheToolsFault() {
        let findings = Doctor.examine(source: "template.yaml", reader: FailingReader(), policy: nil)
        #expect(findings.map(\.code) == ["CONV999"])
        #expect(findings.first?.message.hasSuffix("please report it") == true)
    }
}

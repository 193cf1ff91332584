import Testing
import TestSupport
import Diagnostics
import Spec
import Planning
import Convert

/// A failure that is the tool's fault (here, a reader that throws something other than a
/// diagnostic) is reported as CONV999 with the request to report it, never a crash.
@Suite struct InternalFailureTests {
    @Test func aConversionSaysItIsTheToolsFault() {
        let result = Converter.convert(
            entry: "openapi.yaml", reader: FailingReader(), policy: nil, request: Converter.Request(target: .cloudformation))
        #expect(result.output == nil)
        let failure = result.diagnostics.first { $0.code == "CONV999" }
        #expect(failure?.severity == .error)
        #expect(failure?.message.contains("BrokenDisk") == true)
        #expect(failure?.message.hasSuffix("please report it") == true)
    }
}

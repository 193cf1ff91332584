import Convert
import Planning
import Diagnostics
import YAML
import Render
import Spec

/// libFuzzer's entry point for the whole conversion: the input is split at the first NUL into
/// spec bytes and policy bytes, and both outputs are generated in both formats, with and
/// without `--repair`. The OpenAPI document is also written in parts of one path item on two
/// threads, which must give the bytes of its whole tree (a small spec's conversion makes
/// its parts on one thread, so this is where the fuzzer reaches the threaded writer).
@_cdecl("LLVMFuzzerTestOneInput")
public func convertFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let spec = Array(bytes[..<split])
    let policy = split < bytes.count ? Array(bytes[(split + 1)...]) : nil
    let files = InMemorySpecFiles(bytes: ["spec.yaml": spec])
    for target in Converter.Request.Target.allCases {
        for format in SourceFormat.allCases {
            for repairsPaths in [false, true] {
                _ = Converter.convert(
                    entry: "spec.yaml", reader: files, policy: policy.map { Converter.PolicyInput(bytes: $0, file: "cors.yaml") },
                    request: Converter.Request(target: target, format: format, repairsPaths: repairsPaths))
            }
        }
    }
    let request = Converter.Request(target: .openapi, repairsPaths: true)
    let policyInput = policy.map { Converter.PolicyInput(bytes: $0, file: "cors.yaml") }
    if let plan = Converter.plan(entry: "spec.yaml", reader: files, policy: policyInput, request: request).plan {
        let document = OpenAPIRenderer().renderInParts(plan)
        let whole = document.assembled()
        for format in SourceFormat.allCases {
            let parts = TextSink()
            _ = DocumentWriter.write(document, format: format, to: parts, workers: 2, partSize: 1)
            let expected = TextSink()
            switch format {
            case .yaml: YAMLWriter.write(whole, to: expected)
            case .json: JSONWriter.write(whole, to: expected)
            }
            if parts.text != expected.text { fatalError("the document written in parts differs from its whole tree") }
        }
    }
    checkNotedReferences(spec)
    return 0
}

/// The loader finds a YAML entry's `$ref`s from the places its reader noted; with an alias in
/// the document it walks the tree instead. Both must come to the same outcome: the spec is
/// loaded as it is and with an unused anchor and alias added at its end, when that leaves
/// the rest of the document as it was.
func checkNotedReferences(_ spec: [UInt8]) {
    let aliased = spec + Array("\nx-fuzz-anchor: &fuzz 1\nx-fuzz-alias: *fuzz\n".utf8)
    guard let original = try? YAMLReader.read(spec, file: "spec.yaml").mapping,
        let extended = try? YAMLReader.read(aliased, file: "spec.yaml").mapping,
        extended.count == original.count + 2,
        (0..<original.count).allSatisfy({ index in
            original[position: index].key.isIdentical(to: extended[position: index].key)
                && original[position: index].value.isIdentical(to: extended[position: index].value)
        })
    else { return }
    func outcome(_ bytes: [UInt8]) -> String {
        do {
            let result = try SpecLoader.load(entry: "spec.yaml", reader: InMemorySpecFiles(bytes: ["spec.yaml": bytes]))
            return "\(result.spec.hasOnlyFragmentReferences) \(result.warnings.map(\.message))"
        } catch let error as DiagnosticError {
            return error.diagnostics.map { "\($0.location.map(String.init(describing:)) ?? "") \($0.message)" }.joined(separator: "\n")
        } catch {
            return "\(error)"
        }
    }
    if outcome(spec) != outcome(aliased) { fatalError("the noted $refs and the walked tree disagree") }
}

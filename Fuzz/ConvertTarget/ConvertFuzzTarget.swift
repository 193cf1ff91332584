import Core
import YAML

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
            DocumentWriter.write(document, format: format, to: parts, workers: 2, partSize: 1)
            let expected = TextSink()
            switch format {
            case .yaml: YAMLWriter.write(whole, to: expected)
            case .json: JSONWriter.write(whole, to: expected)
            }
            if parts.text != expected.text { fatalError("the document written in parts differs from its whole tree") }
        }
    }
    return 0
}

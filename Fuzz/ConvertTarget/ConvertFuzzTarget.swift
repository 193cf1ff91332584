import Core
import YAML

/// libFuzzer's entry point for the whole conversion: the input is split at the first NUL into
/// spec bytes and policy bytes, and both outputs are generated in both formats, with and
/// without `--repair`.
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
    return 0
}

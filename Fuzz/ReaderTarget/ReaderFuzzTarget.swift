import Diagnostics
import YAML

/// libFuzzer's entry point for the YAML and JSON readers and writers: any bytes in, a tree or
/// diagnostics out, and every tree written back and read again without a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func readerFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for format in SourceFormat.allCases {
        guard let tree = try? DocumentReader.read(bytes, file: "fuzz", format: format) else { continue }
        let yaml = YAMLWriter.write(tree)
        // What the writer writes, the reader must read back as the same tree.
        if (try? YAMLReader.read(Array(yaml.utf8), file: "again.yaml")) != tree {
            fatalError("YAML round trip changed the tree")
        }
        _ = try? JSONWriter.write(tree)
    }
    return 0
}

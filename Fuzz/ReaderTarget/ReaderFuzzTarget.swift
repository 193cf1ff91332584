import Diagnostics
import YAML

/// libFuzzer's entry point for the YAML and JSON readers and writers: any bytes in, a tree or
/// diagnostics out, and every tree written back and read again without a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func readerFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    checkPipelinedRead(bytes)
    checkHalvedReads(bytes)
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

/// The YAML reader with libyaml on a second thread must give what it gives on one: the same
/// tree to the mark, or the same diagnostics in the same order. Both paths are forced, since
/// fuzz inputs are far below the size that pipelines by itself.
private func checkPipelinedRead(_ bytes: [UInt8]) {
    let serial = Result { try YAMLReader.read(bytes, file: "fuzz.yaml", threading: .singleThread) }
    let pipelined = Result { try YAMLReader.read(bytes, file: "fuzz.yaml", threading: .pipelined) }
    switch (serial, pipelined) {
    case (.success(let a), .success(let b)):
        if !a.isIdentical(to: b) { fatalError("the pipelined YAML read built a different tree") }
    case (.failure(let a), .failure(let b)):
        if (a as? DiagnosticError)?.diagnostics != (b as? DiagnosticError)?.diagnostics {
            fatalError("the pipelined YAML read reported different diagnostics")
        }
    default:
        fatalError("one YAML read succeeded and the other failed")
    }
}

/// A YAML read in two halves must give the whole read's tree to the mark, and its noted
/// entries, wherever it cuts; where it cannot, it must say so (`nil`) rather than guess. Cut
/// before each of the first 64 lines in turn, since fuzz inputs are far below the size at which
/// the reader halves by itself.
private func checkHalvedReads(_ bytes: [UInt8]) {
    let keys = ["$ref", "mapping"]
    let words = ["paths", "components", "$ref"]
    let whole = try? YAMLReader.read(bytes, file: "fuzz.yaml", threading: .singleThread, notingKeys: keys, tellingApart: words)
    var lines = 0
    for offset in bytes.indices where offset > 0 && bytes[offset - 1] == UInt8(ascii: "\n") {
        lines += 1
        if lines > 64 { break }
        guard let halves = YAMLReader.readInHalves(bytes, file: "fuzz.yaml", cuttingAt: offset, notingKeys: keys, tellingApart: words)
        else { continue }
        guard let whole else { fatalError("the halves of a document the whole read refuses joined") }
        if !halves.root.isIdentical(to: whole.root) { fatalError("the halved YAML read built a different tree") }
        if halves.entries != whole.entries { fatalError("the halved YAML read noted different entries") }
    }
}

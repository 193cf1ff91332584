import Diagnostics

/// Writes a `Node` tree as JSON. (Being written.)
public enum JSONWriter {
    public static func write(_ node: Node) throws -> String {
        throw DiagnosticError(.error(ReadError.notRepresentableInJSON, "not implemented yet"))
    }
}

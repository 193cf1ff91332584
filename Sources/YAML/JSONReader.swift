import Diagnostics

/// Reads JSON strictly by RFC 8259 into a `Node` tree. (Being written.)
public enum JSONReader {
    public static func read(_ bytes: [UInt8], file: String, limits: ReadLimits = .default) throws -> Node {
        throw DiagnosticError(.error(ReadError.jsonSyntax, "not implemented yet"))
    }
}

import Diagnostics

/// Reads YAML through libyaml's event API into a `Node` tree. (Being written.)
public enum YAMLReader {
    public static func read(_ bytes: [UInt8], file: String, limits: ReadLimits = .default) throws -> Node {
        throw DiagnosticError(.error(ReadError.syntax, "not implemented yet"))
    }
}

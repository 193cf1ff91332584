/// Writes a `Node` tree as YAML. (Being written.)
public enum YAMLWriter {
    public static func write(_ node: Node) -> String {
        fatalError("not implemented yet")
    }
}

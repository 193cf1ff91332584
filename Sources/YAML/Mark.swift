/// Where a node starts in its source text: a 1-based line and column.
///
/// libyaml counts from zero; the YAML layer converts once, when it reads an event, so
/// nothing above this layer ever sees a 0-based position. Stored as 32-bit numbers to keep
/// every node small (a 4 MB spec holds several hundred thousand of them).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public init(line: Int, column: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    public var line: Int { Int(storedLine) }
    public var column: Int { Int(storedColumn) }

    /// The mark of a node that was built in code rather than read from a file.
    public static let synthetic = Mark(line: 0, column: 0)

    public var isSynthetic: Bool { storedLine == 0 }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }
}

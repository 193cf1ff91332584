/// Another reader, counting how often each path is asked for, found or not.
///
/// This is how a test proves that the loader reads each file once, however often the spec
/// refers to it. Not for use from several threads at once.
public final class ReadCountingSpecFiles<Base: SpecFileReader>: SpecFileReader {
    public let base: Base
    public private(set) var readCounts: [String: Int] = [:]

    public init(_ base: Base) {
        self.base = base
    }

    public func read(_ path: String) throws -> [UInt8] {
        readCounts[path, default: 0] += 1
        return try base.read(path)
    }

    public func resolvedPath(_ path: String) -> String? {
        base.resolvedPath(path)
    }
}

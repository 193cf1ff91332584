import Spec

/// A reader whose every read fails with an error that is not a diagnostic: how a test makes
/// the tool meet a failure that is its own fault (CONV999).
public struct FailingReader: SpecFileReader {
    public struct BrokenDisk: Error {}

    public init() {}

    public func read(_ path: String) throws -> [UInt8] { throw BrokenDisk() }
}

import YAML

/// What the loader accepts: where `$ref`s may lead, and how much it reads in total.
public struct LoadOptions: Sendable, Hashable {
    /// Lets `$ref`s reach files outside the entry file's folder (`--allow-ref-outside`).
    ///
    /// Off by default: a spec from someone else should not be able to read `../../.ssh`
    /// into a bundle that is then uploaded to AWS.
    public var allowsRefsOutsideFolder: Bool
    /// Most files one spec may consist of, the entry included (OAS012). The largest real
    /// multi-file specs have about 3,000.
    public var maxFiles: Int
    /// Most bytes all files may hold together (OAS013); the limits of one file are in
    /// `readLimits`.
    public var maxTotalBytes: Int
    /// The limits each file is read with.
    public var readLimits: ReadLimits

    public init(
        allowsRefsOutsideFolder: Bool = false,
        maxFiles: Int = 10_000,
        maxTotalBytes: Int = 256 << 20,
        readLimits: ReadLimits = .default
    ) {
        self.allowsRefsOutsideFolder = allowsRefsOutsideFolder
        self.maxFiles = maxFiles
        self.maxTotalBytes = maxTotalBytes
        self.readLimits = readLimits
    }
}

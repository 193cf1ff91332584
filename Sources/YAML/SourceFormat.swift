/// The two text formats the YAML layer reads and writes.
public enum SourceFormat: String, Sendable, Hashable, CaseIterable {
    case yaml
    case json

    /// The format a file name implies: `.json` is JSON; `.yaml` and `.yml` are YAML.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".json") {
            self = .json
        } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            self = .yaml
        } else {
            return nil
        }
    }

    /// The format of input whose name says nothing (stdin, no extension): JSON when the
    /// first character after white space and a byte-order mark opens a JSON object or array.
    ///
    /// JSON must not go through libyaml: YAML 1.1 escapes have no surrogate pairs, so a JSON
    /// string such as `"\ud83d\udc4d"` is an error there.
    public static func sniff(_ bytes: [UInt8]) -> SourceFormat {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
            default: return .yaml
            }
        }
        return .yaml
    }
}

/// Reads a document in either format into a `Node`.
public enum DocumentReader {
    /// Reads `bytes` as `format`, or as the format the file name or content implies.
    ///
    /// - Throws: `DiagnosticError` with every problem found, each located in `file`.
    public static func read(
        _ bytes: [UInt8], file: String, format: SourceFormat? = nil, limits: ReadLimits = .default
    ) throws -> Node {
        let resolved = format ?? SourceFormat(fileName: file) ?? SourceFormat.sniff(bytes)
        switch resolved {
        case .yaml: return try YAMLReader.read(bytes, file: file, limits: limits)
        case .json: return try JSONReader.read(bytes, file: file, limits: limits)
        }
    }

    /// `read`, noting where the mapping entries with each of `keys` are when the format
    /// is YAML (`YAMLReader.read(_:file:limits:threading:notingKeys:tellingApart:)`); no
    /// entries for JSON.
    public static func read(
        _ bytes: [UInt8], file: String, format: SourceFormat? = nil, limits: ReadLimits = .default,
        notingKeys keys: [String], tellingApart words: [String] = []
    ) throws -> (root: Node, entries: KeyedEntries?) {
        let resolved = format ?? SourceFormat(fileName: file) ?? SourceFormat.sniff(bytes)
        switch resolved {
        case .yaml: return try YAMLReader.read(bytes, file: file, limits: limits, notingKeys: keys, tellingApart: words)
        case .json: return (try JSONReader.read(bytes, file: file, limits: limits), nil)
        }
    }
}

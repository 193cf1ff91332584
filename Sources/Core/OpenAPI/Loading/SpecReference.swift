/// A `$ref` value split into the file it names and the pointer inside that file.
///
/// `#/components/schemas/Pet` stays in the referring file; `schemas/pet.yaml#/Pet` and
/// `../common.json` name other files relative to the referring file's folder. File parts
/// are normalised (`a/./b/../c.yaml` is `a/c.yaml`) so each file has one name. Names with
/// braces, such as `paths/menu_{id}.yaml`, are file names, not URI templates.
public struct SpecReference: Hashable, Sendable {
    /// The normalised path of the file the reference leads to.
    public var file: String
    public var pointer: JSONPointer
    /// Whether the reference names a network location (`http:`, `https:`, `//host`),
    /// which the tool never fetches.
    public var isRemote: Bool

    /// Parses `reference` as written in `referringFile`; `nil` when its fragment is not a
    /// JSON Pointer.
    public init?(_ reference: String, relativeTo referringFile: String) {
        let hash = reference.firstIndex(of: "#")
        let filePart = hash.map { String(reference[..<$0]) } ?? reference
        let fragment = hash.map { String(reference[$0...]) } ?? ""
        guard let pointer = JSONPointer(fragment: fragment) else { return nil }
        self.pointer = pointer
        let lower = filePart.lowercased()
        isRemote = lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("//")
        if filePart.isEmpty {
            file = referringFile
        } else if filePart.hasPrefix("/") || isRemote {
            file = filePart
        } else {
            let folder = referringFile.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                .joined(separator: "/")
            file = Self.normalised(folder.isEmpty ? filePart : folder + "/" + filePart)
        }
    }

    /// `a/./b/../c` → `a/c`; leading `..` that cannot be removed are kept, so a path that
    /// leaves its root stays recognisable (`../x.yaml`).
    public static func normalised(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !isAbsolute { parts.append(part) }
            default:
                parts.append(part)
            }
        }
        return (isAbsolute ? "/" : "") + parts.joined(separator: "/")
    }
}

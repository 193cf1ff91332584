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
        let hash = reference.utf8.firstIndex(of: UInt8(ascii: "#"))
        var filePart = hash.map { String(reference[..<$0]) } ?? reference
        // A $ref is a URI reference: `my%20pet.yaml` names the file `my pet.yaml`.
        if filePart.utf8.contains(UInt8(ascii: "%")), let decoded = JSONPointer.percentDecoded(Substring(filePart)) {
            filePart = decoded
        }
        let fragment = hash.map { String(reference[$0...]) } ?? ""
        guard let pointer = JSONPointer(fragment: fragment) else { return nil }
        self.pointer = pointer
        isRemote = filePart.hasPrefix("//") || Self.hasSchemePrefix(filePart, "http:") || Self.hasSchemePrefix(filePart, "https:")
        if filePart.isEmpty {
            file = referringFile
        } else if filePart.hasPrefix("/") || isRemote {
            file = filePart
        } else if let slash = referringFile.lastIndex(of: "/") {
            file = Self.normalised(referringFile[...slash] + filePart)
        } else {
            file = Self.normalised(filePart)
        }
    }

    /// A reference already split, for the loader's cache.
    init(file: String, pointer: JSONPointer, isRemote: Bool) {
        self.file = file
        self.pointer = pointer
        self.isRemote = isRemote
    }

    /// `a/./b/../c` → `a/c`; leading `..` that cannot be removed are kept, so a path that
    /// leaves its root stays recognisable (`../x.yaml`).
    public static func normalised(_ path: String) -> String {
        if !Self.needsNormalising(path) { return path }
        let isAbsolute = path.hasPrefix("/")
        // Split on bytes: a "/" is one byte in UTF-8, and Character-wise splitting is the
        // slowest step of resolving a $ref.
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var parts: [Substring.UTF8View] = []
        for part in path.utf8[...].split(separator: slash) {
            if part.count == 1 && part.first == dot { continue }
            if part.count == 2 && part.allSatisfy({ $0 == dot }) {
                if let last = parts.last, !(last.count == 2 && last.allSatisfy({ $0 == dot })) {
                    parts.removeLast()
                } else if !isAbsolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        var out = isAbsolute ? "/" : ""
        for (i, part) in parts.enumerated() {
            if i > 0 { out.append("/") }
            out.append(contentsOf: Substring(part))
        }
        return out
    }

    /// Whether `text` starts with `scheme` in any case (`HTTP:` is `http:`).
    private static func hasSchemePrefix(_ text: String, _ scheme: String) -> Bool {
        var a = text.utf8.makeIterator()
        for b in scheme.utf8 {
            guard let c = a.next(), c | 0x20 == b | 0x20 else { return false }
        }
        return true
    }

    /// Whether normalising would change `path`: a `.` or `..` segment, an empty segment
    /// (`a//b`) or a trailing `/`. One pass over the bytes, since most paths need nothing.
    private static func needsNormalising(_ path: String) -> Bool {
        var atStart = true
        var dots = 0
        var index = 0
        for c in path.utf8 {
            if c == UInt8(ascii: "/") {
                if atStart && (dots == 1 || dots == 2 || (dots == 0 && index > 0)) { return true }
                atStart = true
                dots = 0
            } else if atStart && c == UInt8(ascii: ".") {
                dots += 1
            } else {
                atStart = false
            }
            index += 1
        }
        return atStart && (dots == 1 || dots == 2 || index > 1)
    }
}

/// Parses `$ref` texts, remembering the result per folder and text.
///
/// Files in one folder repeat the same references to shared files many times over
/// (`../common/parameters.yaml#/Id` in every path item), and parsing one costs more than
/// looking it up (docs/benchmarks.md, "Fast paths").
struct ReferenceCache {
    private var parsed: [String: SpecReference?] = [:]
    /// Local refs (`#/components/schemas/Pet`) by text: only their pointer is shared, since
    /// each stays in the file it is written in.
    private var localPointers: [String: JSONPointer?] = [:]

    mutating func parse(_ text: String, in file: String) -> SpecReference? {
        if text.hasPrefix("#") {
            let pointer: JSONPointer?
            if let known = localPointers[text] {
                pointer = known
            } else {
                pointer = JSONPointer(fragment: text)
                localPointers[text] = pointer
            }
            return pointer.map { SpecReference(file: file, pointer: $0, isRemote: false) }
        }
        let folder = file.utf8.lastIndex(of: UInt8(ascii: "/")).map { file[..<$0] } ?? ""
        let key = folder + "\u{0}" + text
        if let known = parsed[key] { return known }
        let reference = SpecReference(text, relativeTo: file)
        parsed[key] = reference
        return reference
    }
}

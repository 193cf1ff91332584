import Foundation

/// The repository's files, read as text: the architecture tests check what the sources,
/// the manifest and the pages say about each other.
enum Repository {
    /// The top level, found from this file's place in `Tests/ArchitectureTests`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// Every file under `folder` whose name ends with one of `suffixes`, as paths from the top.
    static func files(under folder: String, endingWith suffixes: [String]) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var found: [String] = []
        while let name = walker.nextObject() as? String {
            if suffixes.contains(where: { name.hasSuffix($0) }) { found.append("\(folder)/\(name)") }
        }
        return found.sorted()
    }

    /// The matches of `pattern` in `text`, each as its capture groups.
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }
}

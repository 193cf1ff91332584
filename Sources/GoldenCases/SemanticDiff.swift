import YAML
import Plan
import Support

/// Compares two documents as data rather than text.
///
/// Key order, YAML versus JSON, quoting style and number spelling do not count, and
/// CloudFormation short forms equal their long forms (`!Ref X` is `{Ref: X}`). What is left
/// is reported as paths into the document, which is what a migration needs to see when it
/// compares a hand-written template with a generated one.
public enum SemanticDiff {
    /// One place where the documents differ.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public enum Change: Sendable, Equatable {
            /// Present on both sides with different values.
            case changed(from: String, to: String)
            /// Only in the second document.
            case added(String)
            /// Only in the first document.
            case removed(String)
        }

        /// Where, as `Resources.PetsGet.Properties.Integration.Type` or `paths["/pets"].get`.
        public var path: String
        public var change: Change

        /// `path: old → new`, `path: added value`, `path: removed value`.
        public var description: String {
            switch change {
            case .changed(let from, let to): "\(path): \(from) → \(to)"
            case .added(let value): "\(path): added \(value)"
            case .removed(let value): "\(path): removed \(value)"
            }
        }
    }

    /// Every difference from `old` to `new`, in the order of `old`'s keys, then the keys
    /// only `new` has in `new`'s order.
    public static func differences(from old: Node, to new: Node) -> [Difference] {
        var found: [Difference] = []
        compare(
            IntrinsicFunctions.expandingShortForms(old), IntrinsicFunctions.expandingShortForms(new), path: "",
            into: &found)
        return found
    }

    private static func compare(_ a: Node, _ b: Node, path: String, into found: inout [Difference]) {
        switch (a.content, b.content) {
        case (.mapping(let x), .mapping(let y)) where a.tag == b.tag:
            for (key, value) in x.entries {
                let name = key.text ?? ""
                let child = member(path, name)
                if let other = y[name] {
                    compare(value, other, path: child, into: &found)
                } else {
                    found.append(Difference(path: child, change: .removed(summary(value))))
                }
            }
            for (key, value) in y.entries where x[key.text ?? ""] == nil {
                found.append(Difference(path: member(path, key.text ?? ""), change: .added(summary(value))))
            }
        case (.sequence(let x), .sequence(let y)) where a.tag == b.tag:
            for i in 0..<max(x.count, y.count) {
                let child = "\(path)[\(i)]"
                if i >= y.count {
                    found.append(Difference(path: child, change: .removed(summary(x[i]))))
                } else if i >= x.count {
                    found.append(Difference(path: child, change: .added(summary(y[i]))))
                } else {
                    compare(x[i], y[i], path: child, into: &found)
                }
            }
        default:
            if a != b {
                found.append(Difference(path: path.isEmpty ? "(document)" : path, change: .changed(from: summary(a), to: summary(b))))
            }
        }
    }

    /// `parent.key` for plain keys, `parent["a.b"]` for keys that would be ambiguous.
    static func member(_ parent: String, _ key: String) -> String {
        let isPlain =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy { c in
                (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
                    || c == ":" || c == "$"
            }
        if isPlain { return parent.isEmpty ? key : "\(parent).\(key)" }
        return "\(parent)[\(quoted(key))]"
    }

    /// A short rendering of a value for a message: scalars as written, collections by size.
    static func summary(_ node: Node) -> String {
        let tag = node.tag.map { "\($0) " } ?? ""
        switch node.content {
        case .scalar(let s):
            switch s.kind {
            case .string:
                let plain = !s.text.isEmpty && ScalarKind.resolve(plain: s.text) == .string
                    && !s.text.contains(" ") && s.text.count <= 80
                return tag + (plain ? s.text : quoted(s.text.count > 80 ? String(s.text.prefix(77)) + "..." : s.text))
            case .null: return tag + "null"
            default: return tag + s.text
            }
        case .sequence(let items):
            return tag + "[" + (items.count == 1 ? "1 item" : "\(items.count) items") + "]"
        case .mapping(let m):
            // The keys say which part came or went; past a handful, the first ones and a count.
            let names = m.keys.prefix(Self.keysShown).map { $0.text ?? "?" }
            let more = m.count > Self.keysShown ? ", …" : ""
            let keys = m.count == 0 ? "" : ": " + names.joined(separator: ", ") + more
            return tag + "{" + (m.count == 1 ? "1 key" : "\(m.count) keys") + keys + "}"
        }
    }

    /// How many keys of an added or removed mapping a line names.
    static let keysShown = 5

    private static func quoted(_ text: String) -> String { JSONString.quoted(text) }
}

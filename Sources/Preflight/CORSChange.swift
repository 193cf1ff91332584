/// How one path's CORS answer differs between two versions of an API, in words a reviewer
/// reads without the template diff: "`/admin` is now callable from https://preview.example.com".
public struct CORSChange: Sendable, Equatable {
    public var path: String
    /// `nil` when the path is new.
    public var before: CORSAnswer?
    /// `nil` when the path is gone.
    public var after: CORSAnswer?

    public init(path: String, before: CORSAnswer?, after: CORSAnswer?) {
        self.path = path
        self.before = before
        self.after = after
    }

    /// The paths whose answers differ, in the order of `after` with the paths that are gone
    /// after them, in the order of `before`. A path neither answer lets another origin call
    /// is no CORS change, however it came or went.
    public static func changes(from before: [CORSAnswer], to after: [CORSAnswer]) -> [CORSChange] {
        var old: [String: CORSAnswer] = [:]
        for answer in before { old[answer.path] = answer }
        let newPaths = Set(after.map(\.path))
        var changes: [CORSChange] = []
        for answer in after where old[answer.path] != answer {
            let previous = old[answer.path]
            if previous == nil, !answer.isCrossOrigin { continue }
            changes.append(CORSChange(path: answer.path, before: previous, after: answer))
        }
        for answer in before where !newPaths.contains(answer.path) && answer.isCrossOrigin {
            changes.append(CORSChange(path: answer.path, before: answer, after: nil))
        }
        return changes
    }

    /// One sentence per thing that changed, each starting with the path.
    public var sentences: [String] {
        let name = "`\(path)`"
        guard let after else {
            return ["\(name) is gone; it was callable from \(Self.origins(before?.origins ?? []))"]
        }
        guard let before else {
            return ["\(name) is new and callable from \(Self.origins(after.origins))"]
        }
        var sentences: [String] = []
        let gained = after.origins.filter { !before.origins.contains($0) }
        let lost = before.origins.filter { !after.origins.contains($0) }
        if !gained.isEmpty { sentences.append("\(name) is now callable from \(Self.origins(gained))") }
        if !lost.isEmpty {
            sentences.append(
                after.origins.isEmpty
                    ? "\(name) is no longer callable from other origins (it was from \(Self.origins(lost)))"
                    : "\(name) is no longer callable from \(Self.origins(lost))")
        }
        // Methods, headers and credentials only matter while some origin may call the path.
        guard after.isCrossOrigin, before.isCrossOrigin else { return sentences }
        let addedMethods = after.methods.filter { !before.methods.contains($0) }
        let droppedMethods = before.methods.filter { !after.methods.contains($0) }
        if !addedMethods.isEmpty { sentences.append("\(name) now allows \(Self.list(addedMethods)) from other origins") }
        if !droppedMethods.isEmpty { sentences.append("\(name) no longer allows \(Self.list(droppedMethods)) from other origins") }
        let lowerBefore = before.headers.map { $0.lowercased() }
        let lowerAfter = after.headers.map { $0.lowercased() }
        let addedHeaders = after.headers.filter { !lowerBefore.contains($0.lowercased()) }
        let droppedHeaders = before.headers.filter { !lowerAfter.contains($0.lowercased()) }
        if !addedHeaders.isEmpty { sentences.append("\(name) now accepts the request header\(addedHeaders.count == 1 ? "" : "s") \(Self.list(addedHeaders))") }
        if !droppedHeaders.isEmpty {
            sentences.append("\(name) no longer accepts the request header\(droppedHeaders.count == 1 ? "" : "s") \(Self.list(droppedHeaders))")
        }
        if after.allowsCredentials != before.allowsCredentials {
            sentences.append(
                after.allowsCredentials
                    ? "\(name) now lets pages send cookies and other credentials"
                    : "\(name) no longer lets pages send cookies or other credentials")
        }
        return sentences
    }

    static func origins(_ origins: [String]) -> String {
        if origins.isEmpty { return "no other origin" }
        if origins == ["*"] { return "any origin" }
        return list(origins)
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "nothing"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}

/// The Markdown a reviewer reads for a check: per case, what each changed path answers
/// before and after (the summary a GitHub Action writes to the job's page).
public enum CORSChangeReport {
    /// One compared output: a case's (or the one output's) name, the file read on both sides,
    /// and its changes.
    public struct Entry: Sendable {
        public var name: String
        public var file: String
        public var changes: [CORSChange]
        /// Set when a side could not be read into a plan; the entry then says so instead.
        public var problem: String?

        public init(name: String, file: String, changes: [CORSChange], problem: String? = nil) {
            self.name = name
            self.file = file
            self.changes = changes
            self.problem = problem
        }
    }

    /// The whole summary. `before` names what the outputs were compared with.
    public static func markdown(_ entries: [Entry], before: String) -> String {
        var text = "## CORS changes\n\n"
        let changed = entries.filter { !$0.changes.isEmpty || $0.problem != nil }
        let count = entries.count == 1 ? "1 output" : "\(entries.count) outputs"
        guard !changed.isEmpty else {
            return text + "No path's CORS answer changed: \(count) compared with `\(before)`.\n"
        }
        let paths = changed.reduce(0) { $0 + $1.changes.count }
        text += "\(paths) path\(paths == 1 ? "" : "s") in \(changed.count) of \(count) answer differently from `\(before)`.\n"
        for entry in changed {
            text += "\n### \(entry.name)\n\n"
            if let problem = entry.problem {
                text += "Not compared: \(problem)\n"
                continue
            }
            for change in entry.changes {
                for sentence in change.sentences { text += "- \(sentence)\n" }
            }
            text += "\n| Path | | Origins | Methods | Request headers | Credentials |\n|---|---|---|---|---|---|\n"
            for change in entry.changes {
                text += row("`\(change.path)`", "before", change.before)
                text += row("", "after", change.after)
            }
            text += "\n<sub>Read from `\(entry.file)` on both sides.</sub>\n"
        }
        return text
    }

    private static func row(_ path: String, _ side: String, _ answer: CORSAnswer?) -> String {
        guard let answer else { return "| \(path) | \(side) | (no such path) | | | |\n" }
        guard answer.isCrossOrigin else { return "| \(path) | \(side) | same origin only | | | |\n" }
        let origins = answer.origins == ["*"] ? "any (`*`)" : answer.origins.joined(separator: "<br>")
        let cells = [
            path, side, origins, answer.methods.joined(separator: ", "), answer.headers.joined(separator: ", "),
            answer.allowsCredentials ? "yes" : "no",
        ]
        return "| " + cells.map { $0.replacing("|", with: "\\|") }.joined(separator: " | ") + " |\n"
    }
}

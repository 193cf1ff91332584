import GoldenCases
import Foundation
import Testing

/// Compares generated text with a file under `golden/`, or re-records it.
///
/// With `UPDATE_GOLDEN=1` in the environment the file is rewritten and the test *fails*,
/// so a recording run is never mistaken for a passing one. Without it, a difference fails
/// with a unified diff and the command that re-records.
public enum Golden {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    public static func url(_ relativePath: String) -> URL { SpecCorpus.root.appendingPathComponent(relativePath) }

    public static func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: url(relativePath).path)
    }

    /// Checks `actual` against the golden file, or records it.
    public static func assertMatches(
        _ actual: String, golden relativePath: String, rerecord command: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let file = url(relativePath)
        let expected = try? String(contentsOf: file, encoding: .utf8)
        if expected == actual { return }
        if isRecording {
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(relativePath); run the tests again without UPDATE_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        guard let expected else {
            Issue.record("missing golden \(relativePath); record it with: \(command)", sourceLocation: sourceLocation)
            return
        }
        let diff = UnifiedDiff().render(old: expected, new: actual, oldName: relativePath, newName: "generated") ?? ""
        Issue.record(
            "\(relativePath) differs from what the tool generates:\n\(diff)re-record with: \(command)",
            sourceLocation: sourceLocation)
    }

    /// Fails when a golden file exists that the case no longer produces, and removes it
    /// when recording.
    public static func assertAbsent(_ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard exists(relativePath) else { return }
        if isRecording {
            try? FileManager.default.removeItem(at: url(relativePath))
            Issue.record("removed \(relativePath); run the tests again without UPDATE_GOLDEN", sourceLocation: sourceLocation)
        } else {
            Issue.record("\(relativePath) exists but the case produces no such output", sourceLocation: sourceLocation)
        }
    }
}

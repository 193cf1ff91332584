import Diagnostics
import YAML

/// How a generated text compares with its golden file, byte for byte or as data.
public enum GoldenComparison {
    /// The outcome for one file.
    public enum Outcome: Sendable, Equatable {
        case same
        /// The golden file does not exist.
        case missing
        /// The files differ; the report is a unified diff or, in semantic mode, one line
        /// per difference.
        case different(report: String)
    }

    /// Compares `generated` with `golden` (nil when the golden file does not exist).
    ///
    /// Semantic mode reads both as YAML or JSON and compares them as data; a side that does
    /// not read is compared byte for byte.
    public static func compare(
        generated: String, golden: String?, goldenName: String, semantic: Bool
    ) -> Outcome {
        guard let golden else { return .missing }
        if generated == golden { return .same }
        if semantic,
            let old = try? DocumentReader.read(Array(golden.utf8), file: goldenName),
            let new = try? DocumentReader.read(Array(generated.utf8), file: "generated")
        {
            let differences = SemanticDiff.differences(from: old, to: new)
            // Which file, as a unified diff names it, then one line per difference.
            let header = "--- \(goldenName)\n+++ generated (compared as data)\n"
            return differences.isEmpty ? .same : .different(report: header + differences.map { "  \($0)\n" }.joined())
        }
        let diff = UnifiedDiff().render(old: golden, new: generated, oldName: goldenName, newName: "generated") ?? ""
        return .different(report: diff)
    }

    /// The first line (from 1) where `golden` and `generated` differ, for a diagnostic to
    /// point at; a text that ends early differs on the line after its last.
    public static func firstDifferentLine(golden: String, generated: String) -> Int {
        let old = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let new = generated.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 0
        while line < old.count, line < new.count, old[line] == new[line] { line += 1 }
        return line + 1
    }
}

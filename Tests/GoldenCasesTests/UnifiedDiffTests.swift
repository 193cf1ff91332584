import GoldenCases
import TestSupport
import Testing

@Suite struct UnifiedDiffTests {
    let diff = UnifiedDiff()

    func body(_ old: String, _ new: String) -> String? {
        diff.render(old: old, new: new, oldName: "old", newName: "new").map {
            $0.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
        }
    }

    @Test func isNilForEqualTexts() {
        #expect(diff.render(old: "a\n", new: "a\n", oldName: "x", newName: "y") == nil)
    }

    @Test func printsHeadersAndOneHunkWithThreeLinesOfContext() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
        let new = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n"
        // The same bytes `diff -u` prints for these two files.
        #expect(
            diff.render(old: old, new: new, oldName: "golden/x/template.yaml", newName: "generated")
                == """
                --- golden/x/template.yaml
                +++ generated
                @@ -1,10 +1,11 @@
                 a
                 b
                 c
                -d
                +D
                 e
                 f
                 g
                 h
                 i
                 j
                +k

                """)
    }

    @Test func splitsDistantChangesIntoHunks() {
        let old = (1...20).map { "line \($0)\n" }.joined()
        let new = old.replacing("line 2\n", with: "line two\n").replacing("line 19\n", with: "line nineteen\n")
        let text = body(old, new) ?? ""
        #expect(text.hasPrefix("@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n"))
        #expect(text.contains("@@ -16,5 +16,5 @@\n line 16\n line 17\n line 18\n-line 19\n+line nineteen\n line 20\n"))
    }

    @Test func marksAMissingFinalNewline() {
        #expect(body("x", "x\n") == "@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n")
    }

    @Test func handlesEmptySides() {
        #expect(body("", "a\n") == "@@ -0,0 +1 @@\n+a\n")
        #expect(body("a\nb\n", "") == "@@ -1,2 +0,0 @@\n-a\n-b\n")
    }

    /// Applying the printed hunks to the old text must give the new text, for many random
    /// pairs of texts; this checks line numbers, counts and context at once.
    @Test(arguments: 0..<150)
    func hunksApplyBackToTheNewText(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let alphabet = ["a", "b", "c", "d", "e", "f"]
        let old = (0..<random.below(30)).map { _ in alphabet[random.below(alphabet.count)] }
        var new = old
        for _ in 0..<random.below(8) {
            switch random.below(3) {
            case 0 where !new.isEmpty: new.remove(at: random.below(new.count))
            case 1: new.insert(alphabet[random.below(alphabet.count)], at: random.below(new.count + 1))
            default: if !new.isEmpty { new[random.below(new.count)] = "z" }
            }
        }
        let oldText = old.map { $0 + "\n" }.joined()
        let newText = new.map { $0 + "\n" }.joined()
        guard let printed = diff.render(old: oldText, new: newText, oldName: "a", newName: "b") else {
            #expect(oldText == newText)
            return
        }
        #expect(try apply(printed, to: old) == new)
    }

    @Test func fallsBackToOneHunkWhenTextsShareNothing() {
        let small = UnifiedDiff(context: 3, maxEdits: 4)
        let old = (1...10).map { "o\($0)\n" }.joined()
        let new = (1...10).map { "n\($0)\n" }.joined()
        let text = small.render(old: old, new: new, oldName: "a", newName: "b") ?? ""
        #expect(text.contains("@@ -1,10 +1,10 @@"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("-o") }.count == 10)
    }

    /// A minimal patch applier: hunks in order, context and deletions checked.
    private func apply(_ patch: String, to old: [String]) throws -> [String] {
        struct Mismatch: Error {}
        var result: [String] = []
        var position = 0
        for line in patch.split(separator: "\n").dropFirst(2) {
            if line.hasPrefix("@@") {
                let oldPart = line.split(separator: " ")[1].dropFirst()
                let start = Int(oldPart.split(separator: ",")[0])!
                let count = oldPart.contains(",") ? Int(oldPart.split(separator: ",")[1])! : 1
                let target = count == 0 ? start : start - 1
                while position < target {
                    result.append(old[position])
                    position += 1
                }
            } else if line.hasPrefix(" ") || line.hasPrefix("-") {
                guard position < old.count, old[position] == String(line.dropFirst()) else { throw Mismatch() }
                if line.hasPrefix(" ") { result.append(old[position]) }
                position += 1
            } else if line.hasPrefix("+") {
                result.append(String(line.dropFirst()))
            }
        }
        result += old[position...]
        return result
    }

    @Test func colouredForATerminalLineByLine() {
        let report = "--- golden/a.yaml\n+++ generated\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n+b: 3\n"
        let coloured = UnifiedDiff.coloured(report)
        #expect(coloured.contains("\u{1B}[1m--- golden/a.yaml\u{1B}[0m\n\u{1B}[1m+++ generated\u{1B}[0m\n"))
        #expect(coloured.contains("\u{1B}[36m@@ -1,2 +1,2 @@\u{1B}[0m\n a: 1\n\u{1B}[31m-b: 2\u{1B}[0m\n\u{1B}[32m+b: 3\u{1B}[0m\n"))
        // Without the escapes it is the report itself.
        #expect(coloured.replacing(/\u{1B}\[[0-9]+m/, with: "") == report)
    }
}

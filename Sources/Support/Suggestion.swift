/// "Did you mean …?" for a name the user wrote that does not exist.
///
/// A misspelt schema name, pointer token or option is usually one or two keystrokes away
/// from the real one; naming the real one turns a lookup into a one-word fix.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a
    /// likely typo: at most a third of the word's length, and at least one edit allowed.
    ///
    /// Ties go to the earliest candidate, so the answer follows the caller's order (source
    /// order, for keys) and never a hash order.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let bound = best.map { min($0.distance - 1, limit) } ?? limit
            guard bound >= 0, let distance = editDistance(word, candidate, atMost: bound) else { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// The Damerau–Levenshtein distance (insertions, deletions, substitutions and swaps of
    /// two neighbours, each costing one) between `a` and `b`, compared case-insensitively
    /// only when the texts differ in nothing but case (which costs one).
    ///
    /// Returns `nil` as soon as the distance must exceed `atMost`, so scanning many long
    /// candidates stays cheap.
    public static func editDistance(_ a: String, _ b: String, atMost limit: Int = .max) -> Int? {
        if a == b { return 0 }
        if a.lowercased() == b.lowercased() { return limit >= 1 ? 1 : nil }
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return nil }
        if x.isEmpty || y.isEmpty {
            let d = max(x.count, y.count)
            return d <= limit ? d : nil
        }
        // Three rows of the classic table: the swap rule looks two rows back.
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        let distance = previous[y.count]
        return distance <= limit ? distance : nil
    }
}

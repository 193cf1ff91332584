/// The sections every subcommand's `--help` ends with, in one shape: examples to copy, then
/// what each exit code means for that command.
enum HelpText {
    /// The exit code every command shares.
    static let usage = (64, "the command line is wrong (an unknown option, a missing argument)")

    /// `text`, then the EXAMPLES and EXIT CODES sections. An example longer than a terminal's
    /// 80 columns is given in lines, each after the first continuing the one before (`\`).
    static func discussion(_ text: String, examples: [String], exitCodes: [(Int, String)]) -> String {
        let codes = (exitCodes + [usage]).map(exitCodeLines)
        let lines = examples.map { example in
            example.split(separator: "\n").enumerated().map { index, line in
                (index == 0 ? "  " : "      ") + line
            }.joined(separator: " \\\n")
        }
        return text + "\n\nEXAMPLES\n" + lines.joined(separator: "\n")
            + "\n\nEXIT CODES\n" + codes.joined(separator: "\n")
    }
}

extension HelpText {
    /// The width help text keeps under: argument-parser wraps longer lines at 80 columns
    /// and drops their indentation, so lines are broken here, with it.
    static let width = 79

    /// One exit code and its meaning, the meaning wrapped under itself (`  1   …` then
    /// lines indented six spaces).
    static func exitCodeLines(_ code: Int, _ meaning: String) -> String {
        // Every command's help is built at each start, so this runs on every run: it counts
        // bytes as it goes rather than measuring the line again for each word.
        let head = "  " + String(code).padding(to: 4)
        guard head.utf8.count + meaning.utf8.count > width else { return head + meaning }
        var text = head
        var length = head.utf8.count
        var lineHasWords = false
        for word in meaning.split(separator: " ") {
            let size = word.utf8.count
            if lineHasWords, length + 1 + size > width {
                text += "\n      "
                length = 6
                lineHasWords = false
            }
            if lineHasWords {
                text += " "
                length += 1
            }
            text += word
            length += size
            lineHasWords = true
        }
        return text
    }
}

extension String {
    /// The text with spaces added up to `width` characters.
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

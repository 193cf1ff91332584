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
        let indent = String(repeating: " ", count: 6)
        var lines: [String] = []
        var line = "  " + String(code).padding(to: 4)
        var lineHasWords = false
        for word in meaning.split(separator: " ") {
            if lineHasWords, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
                lineHasWords = false
            }
            line += (lineHasWords ? " " : "") + word
            lineHasWords = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The text with spaces added up to `width` characters.
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

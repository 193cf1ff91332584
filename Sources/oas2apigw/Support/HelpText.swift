/// The sections every subcommand's `--help` ends with, in one shape: examples to copy, then
/// what each exit code means for that command.
enum HelpText {
    /// The exit code every command shares.
    static let usage = (64, "the command line is wrong (an unknown option, a missing argument)")

    /// `text`, then the EXAMPLES and EXIT CODES sections. An example longer than a terminal's
    /// 80 columns is given in lines, each after the first continuing the one before (`\`).
    static func discussion(_ text: String, examples: [String], exitCodes: [(Int, String)]) -> String {
        let codes = (exitCodes + [usage]).map { code, meaning in
            "  \(String(code).padding(to: 4))\(meaning)"
        }
        let lines = examples.map { example in
            example.split(separator: "\n").enumerated().map { index, line in
                (index == 0 ? "  " : "      ") + line
            }.joined(separator: " \\\n")
        }
        return text + "\n\nEXAMPLES\n" + lines.joined(separator: "\n")
            + "\n\nEXIT CODES\n" + codes.joined(separator: "\n")
    }
}

extension String {
    /// The text with spaces added up to `width` characters.
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

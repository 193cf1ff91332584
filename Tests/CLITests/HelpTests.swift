import Foundation
import Testing

/// What `--help` promises a new user: examples to copy that the command accepts, the exit
/// codes of that command, and a suggestion for a mistyped command.
@Suite struct HelpTests {
    static let commands = [
        "convert", "check", "normalize", "inspect", "bundle", "cors-check", "new-policy", "doctor", "preflight", "migrate",
    ]

    /// The lines of one section of a help text, from its heading to the next blank line.
    static func section(_ heading: String, of help: String) -> [String] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: heading) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    @Test(arguments: commands)
    func everyCommandShowsExamplesAndExitCodes(command: String) throws {
        let help = try CommandRunner.run([command, "--help"]).standardOutput
        let examples = Self.section("EXAMPLES", of: help)
        #expect(!examples.isEmpty, "\(command) --help has no examples")
        // One example per line that starts the command, its continuations indented after a `\`.
        var previousContinues = false
        for line in examples {
            if previousContinues {
                #expect(line.hasPrefix("      "), "\(command): a continued example line is indented: \(line)")
            } else {
                #expect(line.hasPrefix("  oas2apigw \(command) "), "\(command): an example starts the command (not wrapped): \(line)")
            }
            #expect(line.count <= 80, "\(command): an example line wider than a terminal: \(line)")
            previousContinues = line.hasSuffix(" \\")
        }
        // Every option an example uses is one the command has.
        let options = Set(help.components(separatedBy: "OPTIONS:").last?.matches(of: /--[a-z][a-z-]*/).map { String($0.output) } ?? [])
        let words = examples.joined(separator: " ").split(separator: " ")
        for option in words.filter({ $0.hasPrefix("--") }).map({ String($0.prefix { $0 != "=" }) }) {
            #expect(options.contains(option), "\(command)'s example uses \(option), which is not one of its options")
        }
        let codes = Self.section("EXIT CODES", of: help).compactMap { $0.split(separator: " ").first.flatMap { Int($0) } }
        #expect(codes.first == 0 && codes.last == 64 && codes == codes.sorted(), "\(command): exit codes \(codes)")
    }

    @Test func convertPointsToThePolicyFormat() throws {
        let help = try CommandRunner.run(["convert", "--help"]).standardOutput
        #expect(help.contains("docs/cors-policy.md"))
    }

    @Test(arguments: [("convrt", "did you mean convert?"), ("cors-chek", "did you mean cors-check?"), ("frobnicate", "the commands are convert, check,")])
    func aMistypedCommandGetsASuggestion(word: String, hint: String) throws {
        let result = try CommandRunner.run([word, "x.yaml"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: unknown command '\(word)'; \(hint)"), "\(result.standardError)")
    }

    /// `help WORD` for a WORD that is no command, and no command at all, are command-line
    /// mistakes (exit 64), not requests for help that succeed.
    @Test func helpForNoCommandAndNoCommandAtAllExit64() throws {
        let unknown = try CommandRunner.run(["help", "convrt"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.hasPrefix("Error: unknown command 'convrt'; did you mean convert?"))
        let bare = try CommandRunner.run([])
        #expect(bare.status == 64)
        #expect(bare.standardError.contains("SUBCOMMANDS:"), "the help, on standard error")
        #expect(bare.standardOutput.isEmpty)
    }

    @Test func aKnownCommandAndTheTopLevelFlagsStillWork() throws {
        #expect(try CommandRunner.run(["--version"]).status == 0)
        #expect(try CommandRunner.run(["help", "convert"]).status == 0)
    }

    /// The README's table of commands names every command, with options each command has.
    @Test(arguments: commands)
    func theREADMEsUsageLineMatchesTheCommand(command: String) throws {
        let readme = try String(contentsOf: ConvertCommandTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        let row = try #require(
            readme.components(separatedBy: "\n").first { $0.hasPrefix("| `oas2apigw \(command) ") },
            "README.md has no usage line for \(command)")
        let usage = row.components(separatedBy: " | ").first ?? row
        let help = try CommandRunner.run([command, "--help"]).standardOutput
        let options = Set(help.components(separatedBy: "OPTIONS:").last?.matches(of: /--[a-z][a-z-]*/).map { String($0.output) } ?? [])
        let named = usage.split(whereSeparator: { " [|`(".contains($0) }).filter { $0.hasPrefix("--") }
            .map { String($0.prefix { $0.isLetter || $0 == "-" }) }
        #expect(!named.isEmpty || command == "normalize", "\(command): the usage line names no option")
        for option in named {
            #expect(options.contains(option), "README.md's usage of \(command) names \(option), which \(command) does not have")
        }
    }
}

/// Help text fits a terminal: argument-parser wraps a line over 80 columns and drops its
/// indentation, so every line of every command's help is kept shorter.
@Suite struct HelpWidthTests {
    @Test(arguments: ["", "convert", "check", "normalize", "inspect", "bundle", "cors-check", "new-policy", "doctor", "preflight", "migrate"])
    func everyHelpLineFitsEightyColumns(command: String) throws {
        let result = try CommandRunner.run((command.isEmpty ? [] : [command]) + ["--help"])
        #expect(result.status == 0)
        let exitCodes = result.standardOutput.components(separatedBy: "EXIT CODES\n").last?.components(separatedBy: "\n\n").first ?? ""
        #expect(!exitCodes.isEmpty)
        for line in exitCodes.split(separator: "\n") {
            #expect(line.hasPrefix("  "), "\(command): an exit code line lost its indentation: \(line)")
            #expect(line.count <= 80, "\(command): \(line)")
        }
    }
}

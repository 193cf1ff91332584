import Foundation
import Testing

/// docs/troubleshooting.md promises that each command in it shows the console line its
/// section is about; this runs every one and holds the page to it.
@Suite struct TroubleshootingDocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// One command from a `sh` block and the heading of the section it sits in.
    struct Example: CustomTestStringConvertible, Sendable {
        var heading: String
        var arguments: [String]
        var testDescription: String { arguments.prefix(7).joined(separator: " ") }
    }

    static func examples() -> [Example] {
        let text = (try? String(contentsOf: root.appendingPathComponent("docs/troubleshooting.md"), encoding: .utf8)) ?? ""
        var examples: [Example] = []
        var heading = ""
        var inShell = false
        var pending = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") { heading = String(line.dropFirst(3)) }
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inShell = !inShell && line.hasSuffix("```sh")
                continue
            }
            guard inShell else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("\\") {
                pending += trimmed.dropLast() + " "
                continue
            }
            let command = pending + trimmed
            pending = ""
            guard command.hasPrefix("oas2apigw preflight ") else { continue }
            examples.append(Example(heading: heading, arguments: words(String(command.dropFirst("oas2apigw ".count)))))
        }
        return examples
    }

    /// Splits a shell command line at spaces, keeping single-quoted words whole.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for c in line {
            if c == "'" {
                quoted.toggle()
            } else if c == " ", !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    @Test func thePageHasExamples() {
        #expect(Self.examples().count >= 10)
    }

    @Test(arguments: examples())
    func eachExampleShowsTheLineItsSectionIsAbout(_ example: Example) throws {
        let result = try CommandRunner.run(example.arguments, in: Self.root)
        #expect(result.status == 1, "\(result.standardError)")
        // The heading quotes the console line; 'X' and '...' stand for values.
        var pieces = [example.heading]
        for placeholder in ["'X'", "'...'"] {
            pieces = pieces.flatMap { $0.components(separatedBy: placeholder) }
        }
        for piece in pieces where !piece.isEmpty {
            #expect(result.standardOutput.contains(piece), "\(example.heading)")
        }
    }
}

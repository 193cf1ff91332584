import ArgumentParser
import Support
import Diagnostics
import Spec

extension DiagnosticsFormat: ExpressibleByArgument {}

/// The options every subcommand shares for printing diagnostics.
struct DiagnosticOptions: ParsableArguments {
    @Option(
        name: .customLong("diagnostics-format"),
        help: """
            How to print problems: text (file:line:column, like a compiler), json (one document \
            for tools) or github (GitHub Actions annotations).
            """)
    var format: DiagnosticsFormat = .text

    @Flag(
        name: .long,
        help: """
            Print every warning. By default a warning code that comes more than five times is \
            printed five times and then once as a count with its next places (the json format \
            always lists each).
            """)
    var verbose = false

    /// Prints the diagnostics to standard error, in colour only on a terminal that wants it.
    func print(_ diagnostics: [Diagnostic]) {
        let colour = format == .text && Terminal.standardErrorWantsColor
        let text = DiagnosticFormatter(format: format, usesColor: colour, groupsRepeats: !verbose).render(diagnostics)
        Terminal.writeToStandardError(text)
    }

    /// Runs `body`, prints every diagnostic it reported or threw, and turns errors into
    /// exit code 2. Nothing is written by `body` when it throws. The diagnostics are printed
    /// once, after `body`: in the json format, one document on standard error, even when
    /// there are none.
    func run(_ body: (inout DiagnosticEngine) throws -> Void) throws {
        _ = try execute(jsonOnStandardOutput: false) { engine in
            try body(&engine)
            return []
        }
    }

    /// Runs a command whose answer is a list of findings (`doctor`): `body` reports what
    /// stops it into the engine and returns the findings. Both are printed as one list, once:
    /// in the json format one document on standard output, since the findings are the
    /// command's output and a tool pipes them (`doctor … | jq`); otherwise on standard
    /// error, like every diagnostic. Only the engine's errors give exit code 2; the findings
    /// are returned for the command to decide its status.
    func runAnswering(_ body: (inout DiagnosticEngine) throws -> [Diagnostic]) throws -> [Diagnostic] {
        try execute(jsonOnStandardOutput: true, body)
    }

    private func execute(
        jsonOnStandardOutput: Bool, _ body: (inout DiagnosticEngine) throws -> [Diagnostic]
    ) throws -> [Diagnostic] {
        var engine = DiagnosticEngine()
        var findings: [Diagnostic] = []
        do {
            findings = try body(&engine)
        } catch let error as DiagnosticError {
            engine.report(contentsOf: error.diagnostics)
        }
        let all = engine.diagnostics + findings
        if jsonOnStandardOutput && format == .json {
            let text = DiagnosticFormatter(format: .json, usesColor: false, groupsRepeats: !verbose).render(all)
            guard Terminal.writeToStandardOutput(text) else {
                throw DiagnosticError(.error(FileCode.unwritable, "cannot write to standard output"))
            }
        } else if !all.isEmpty || format == .json {
            print(all)
        }
        if engine.hasErrors { throw ExitStatus.inputErrors }
        return findings
    }
}

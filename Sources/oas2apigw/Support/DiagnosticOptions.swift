import ArgumentParser
import Support
import Diagnostics

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
    /// exit code 2. Nothing is written by `body` when it throws.
    func run(_ body: (inout DiagnosticEngine) throws -> Void) throws {
        var engine = DiagnosticEngine()
        do {
            try body(&engine)
        } catch let error as DiagnosticError {
            engine.report(contentsOf: error.diagnostics)
        }
        if !engine.diagnostics.isEmpty || format == .json {
            print(engine.diagnostics)
        }
        if engine.hasErrors { throw ExitStatus.inputErrors }
    }
}

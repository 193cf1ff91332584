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

    @Flag(help: "Print errors only: no warnings, no notes and no summary line.")
    var quiet = false

    @Flag(help: "Treat warnings as errors: fail as for an error (exit 2 and write nothing; for doctor's findings, exit 1).")
    var strict = false

    @Option(
        name: .customLong("ignore"),
        help: """
            A warning or note code to leave out (GW014, CORS019), for a finding the team has \
            accepted; repeat for more. Errors cannot be ignored. The settings file's ignore: \
            list does the same.
            """)
    var ignoredCodes: [String] = []

    func validate() throws {
        for code in ignoredCodes where code.wholeMatch(of: /[A-Z]{2,4}[0-9]{3}/) == nil {
            throw ValidationError("--ignore takes a diagnostic code such as GW014, not \(code)")
        }
    }

    /// `diagnostics` without the warnings and notes whose code is in `codes`; errors stay.
    static func dropping(_ codes: [String], from diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !codes.isEmpty else { return diagnostics }
        return diagnostics.filter { $0.severity == .error || !codes.contains($0.code) }
    }

    /// What the run reported, as it will count: ignored codes left out, and with `--strict`
    /// every warning an error.
    func counted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let kept = Self.dropping(ignoredCodes, from: diagnostics)
        guard strict else { return kept }
        return kept.map { diagnostic in
            guard diagnostic.severity == .warning else { return diagnostic }
            var upgraded = diagnostic
            upgraded.severity = .error
            upgraded.message += " (a warning, an error under --strict)"
            return upgraded
        }
    }

    /// Whether `diagnostics` stop the run under these options: an error, or with
    /// `--strict` a warning not ignored.
    func stops(_ diagnostics: [Diagnostic]) -> Bool {
        counted(diagnostics).contains { $0.severity == .error }
    }

    /// One line saying what a command did, on standard error: not with `--quiet`, and not in
    /// the json format, whose one document is all a tool reads.
    func summary(_ line: String) {
        guard !quiet, format != .json else { return }
        Terminal.writeToStandardError(line + "\n")
    }

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
        let counted = counted(engine.diagnostics)
        findings = self.counted(findings)
        let shown = { (list: [Diagnostic]) in quiet ? list.filter { $0.severity == .error } : list }
        let all = shown(counted) + shown(findings)
        if jsonOnStandardOutput && format == .json {
            let text = DiagnosticFormatter(format: .json, usesColor: false, groupsRepeats: !verbose).render(all)
            guard Terminal.writeToStandardOutput(text) else {
                throw DiagnosticError(.error(FileCode.unwritable, "cannot write to standard output"))
            }
        } else if !all.isEmpty || format == .json {
            print(all)
        }
        if counted.contains(where: { $0.severity == .error }) { throw ExitStatus.inputErrors }
        return findings
    }
}

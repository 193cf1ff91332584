import Diagnostics
import YAML

/// Renders diagnostics as text in one of the `DiagnosticsFormat`s.
///
/// The formatter only builds strings; the command line decides where they go and whether
/// the terminal takes colour.
public struct DiagnosticFormatter: Sendable {
    public var format: DiagnosticsFormat
    /// ANSI colour on severities and bold locations; only for `.text` on a terminal.
    public var usesColor: Bool
    /// Printed in place of a location for problems that have none (a usage error).
    public var toolName: String
    /// Whether a warning whose code comes more than `shownRepeats` times is printed that
    /// many times and then once as a count with its next places (text and GitHub formats;
    /// JSON always keeps every one). Off with `--verbose`. Errors and notes are always
    /// printed one by one: each error must be fixed, and each note says what was decided.
    public var groupsRepeats: Bool

    /// How many of one code's warnings are printed in full before the rest are counted.
    public static let shownRepeats = 5
    /// How many places of the counted ones the summary line names.
    public static let namedPlaces = 3

    public init(format: DiagnosticsFormat, usesColor: Bool = false, toolName: String = "oas2apigw", groupsRepeats: Bool = true) {
        self.format = format
        self.usesColor = usesColor
        self.toolName = toolName
        self.groupsRepeats = groupsRepeats
    }

    /// One line's worth of what is printed: a diagnostic, or the count of the repeats of a
    /// code that were not printed, at the place the first of them stood.
    enum Printed {
        case diagnostic(Diagnostic)
        case repeats(Diagnostic.Severity, code: String, count: Int, places: [SourceLocation])
    }

    /// The diagnostics as printed: a warning code that comes more than `shownRepeats` times
    /// shown that often, then counted once where its next repeat stood; everything else one
    /// by one. A large spec repeats one warning per operation, and a hundred copies of it
    /// hide the one line that matters.
    func printed(_ diagnostics: [Diagnostic]) -> [Printed] {
        guard groupsRepeats else { return diagnostics.map(Printed.diagnostic) }
        var totals: [String: Int] = [:]
        for d in diagnostics where d.severity == .warning { totals[d.code, default: 0] += 1 }
        var seen: [String: Int] = [:]
        var summaryAt: [String: Int] = [:]
        var out: [Printed] = []
        for d in diagnostics {
            let key = d.code
            guard d.severity == .warning, let total = totals[key], total > Self.shownRepeats else {
                out.append(.diagnostic(d))
                continue
            }
            seen[key, default: 0] += 1
            if seen[key]! <= Self.shownRepeats {
                out.append(.diagnostic(d))
            } else if let index = summaryAt[key], case .repeats(let severity, let code, let count, var places) = out[index] {
                if let location = d.location, places.count < Self.namedPlaces { places.append(location) }
                out[index] = .repeats(severity, code: code, count: count + 1, places: places)
            } else {
                summaryAt[key] = out.count
                out.append(.repeats(d.severity, code: d.code, count: 1, places: d.location.map { [$0] } ?? []))
            }
        }
        return out
    }

    /// The line that stands for the repeats not printed.
    func repeatsText(_ severity: Diagnostic.Severity, code: String, count: Int, places: [SourceLocation]) -> String {
        var text = "[\(code)] \(count) more warning\(count == 1 ? "" : "s") like the above"
        if !places.isEmpty {
            text += ", at " + places.map(\.description).joined(separator: ", ") + (count > places.count ? ", …" : "")
        }
        return text + "; --verbose prints each"
    }

    /// Everything to print for these diagnostics, ending in a newline; empty when there
    /// are none (except for JSON, which always prints a document).
    public func render(_ diagnostics: [Diagnostic]) -> String {
        switch format {
        case .text: renderText(diagnostics)
        case .json: renderJSON(diagnostics)
        case .github: renderGitHub(diagnostics)
        }
    }

    // MARK: text

    private func renderText(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var out = ""
        for item in printed(diagnostics) {
            switch item {
            case .diagnostic(let d):
                out += line(location: d.location, severity: d.severity, text: "[\(d.code)] \(d.message)")
                for note in d.notes {
                    out += line(location: note.location, severity: .note, text: note.message)
                }
            case .repeats(let severity, let code, let count, let places):
                out += line(location: nil, severity: severity, text: repeatsText(severity, code: code, count: count, places: places))
            }
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let parts = [(errors, "error"), (warnings, "warning")].filter { $0.0 > 0 }.map { counted($0.0, $0.1) }
        if !parts.isEmpty {
            out += parts.joined(separator: " and ") + "\n"
        }
        return out
    }

    private func counted(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    private func line(location: SourceLocation?, severity: Diagnostic.Severity, text: String) -> String {
        let place = location.map(\.description) ?? toolName
        guard usesColor else { return "\(place): \(severity.rawValue): \(text)\n" }
        let color =
            switch severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;35m"
            case .note: "\u{1B}[1;36m"
            }
        let bold = "\u{1B}[1m"
        let reset = "\u{1B}[0m"
        return "\(bold)\(place):\(reset) \(color)\(severity.rawValue):\(reset) \(bold)\(text)\(reset)\n"
    }

    // MARK: JSON

    private func renderJSON(_ diagnostics: [Diagnostic]) -> String {
        func located(_ entries: inout Mapping, _ location: SourceLocation?) {
            guard let location else { return }
            entries.append(key: "file", value: .string(location.file))
            entries.append(key: "line", value: .int(location.line))
            entries.append(key: "column", value: .int(location.column))
        }
        let items: [Node] = diagnostics.map { d in
            var entries = Mapping()
            entries.append(key: "severity", value: .string(d.severity.rawValue))
            entries.append(key: "code", value: .string(d.code))
            entries.append(key: "message", value: .string(d.message))
            located(&entries, d.location)
            let notes: [Node] = d.notes.map { note in
                var n = Mapping()
                n.append(key: "message", value: .string(note.message))
                located(&n, note.location)
                return .mapping(n)
            }
            entries.append(key: "notes", value: .sequence(notes))
            return .mapping(entries)
        }
        let document: Node = [
            "diagnostics": .sequence(items),
            "errors": .int(diagnostics.filter { $0.severity == .error }.count),
            "warnings": .int(diagnostics.filter { $0.severity == .warning }.count),
        ]
        // Only strings and integers built above: the writer has nothing it could refuse.
        return (try? JSONWriter.write(document)) ?? "{}\n"
    }

    // MARK: GitHub Actions

    private func renderGitHub(_ diagnostics: [Diagnostic]) -> String {
        func command(_ severity: Diagnostic.Severity) -> String {
            switch severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
        }
        var out = ""
        for item in printed(diagnostics) {
            guard case .diagnostic(let d) = item else {
                if case .repeats(let severity, let code, let count, let places) = item {
                    let text = repeatsText(severity, code: code, count: count, places: places)
                    out += "::\(command(severity)) title=\(escapeProperty(code))::\(escapeData(text))\n"
                }
                continue
            }
            var properties: [String] = []
            if let l = d.location {
                properties.append("file=\(escapeProperty(l.file))")
                properties.append("line=\(l.line)")
                properties.append("col=\(l.column)")
            }
            properties.append("title=\(escapeProperty(d.code))")
            var message = d.message
            for note in d.notes {
                message += "\n" + (note.location.map { "\($0): " } ?? "") + "note: " + note.message
            }
            out += "::\(command(d.severity)) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }
        return out
    }

    /// GitHub's workflow-command escaping for the message part.
    private func escapeData(_ s: String) -> String {
        s.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// GitHub's escaping for `key=value` properties, which also reserve `:` and `,`.
    private func escapeProperty(_ s: String) -> String {
        escapeData(s).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}

import ArgumentParser
import Convert
import GoldenCases
import Diagnostics
import Support
import YAML
import Render
import Planning
import Plan
import Spec
import Preflight

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OAS2APIGW {
    /// `oas2apigw check`: does the committed output still match what the tool generates?
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compare what convert would write with golden files, for one output or a tree of cases.",
            discussion: HelpText.discussion(
                """
                One output: check SPEC [--cors POLICY] [--to …] [--format …] --golden FILE. A tree: \
                check --cases specs --golden golden, where specs/<case>/ holds openapi.yaml (or .yml, \
                .json), an optional cors.yaml or cors.json and an optional options.yaml (the file \
                convert --config reads), and golden/<case>/ holds cloudformation.<format>, \
                openapi.<format> and convert-diagnostics.txt (see docs/golden.md).

                Nothing is written unless --update is given; then only the files that differ are \
                rewritten, each atomically, and nothing is deleted. A difference is printed as a \
                unified diff (or, with --semantic, as paths), followed by the command that updates \
                the golden files.

                In tree mode, files given as arguments (a commit's, as pre-commit passes them) \
                limit the check to the cases they are in. --summary FILE writes Markdown for a \
                reviewer: per path, which origins may call it, with which methods, headers and \
                credentials, before (the golden files, or --before, such as a base branch's) \
                and after, for every output whose answers change.
                """,
                examples: [
                    "oas2apigw check --cases specs --golden golden",
                    "oas2apigw check --cases specs --golden golden --update",
                    "oas2apigw check --cases specs --golden golden specs/petstore/cors.yaml",
                    "oas2apigw check --cases specs --golden golden --summary cors.md\n--before base/golden",
                    "oas2apigw check openapi.yaml --cors cors.yaml --golden golden/template.yaml\n--semantic",
                ],
                exitCodes: [
                    (0, "every golden file matches (or was rewritten with --update)"),
                    (1, "a golden file differs or is missing"),
                    (2, "a case, a spec or a policy has errors, or a file could not be read or written"),
                ])
        )

        @Argument(
            help: ArgumentHelp(
                """
                One-output mode: the spec to convert. Tree mode: files a change touches (pre-commit \
                passes a commit's); only the cases whose folder under --cases or --golden holds one \
                are checked, and none when no file is in a case.
                """, valueName: "spec-or-files"))
        var paths: [String] = []

        /// The spec of one-output mode.
        var spec: String? { cases == nil ? paths.first : nil }

        @Option(help: "The CORS policy (one-output mode).")
        var cors: String?

        @Option(help: "cloudformation or openapi (one-output mode).")
        var to: Converter.Request.Target = .cloudformation

        @Option(help: "yaml or json (one-output mode; default: from the golden file's name).")
        var format: SourceFormat?

        @Option(name: .customLong("cfn-style"), help: "resources or body (one-output mode).")
        var cloudFormationStyle: CloudFormationRenderer.Style?

        @Option(name: .customLong("api"), help: ArgumentHelp("rest or http: the kind of API (one-output mode; a case's options.yaml says api:).", valueName: "kind"))
        var apiName: String?

        @Option(help: "A settings file as convert --config reads it (one-output mode).")
        var config: String?

        @Flag(help: "Fix the path problems that have a safe fix, as convert --repair does (one-output mode).")
        var repair = false

        @Flag(help: "Leave out of the definition what API Gateway does not use, as convert --trim does (one-output mode).")
        var trim = false

        @Option(help: "The folder of case folders (tree mode).")
        var cases: String?

        @Option(help: "The golden file (one-output mode) or the folder of golden case folders (tree mode).")
        var golden: String

        @Flag(help: "Compare as data: key order, YAML or JSON, quoting and !Ref versus {Ref: …} do not count.")
        var semantic = false

        @Flag(help: "Rewrite the golden files that differ instead of failing.")
        var update = false

        @Option(help: "How many cases to convert at once (tree mode; default: one per processor).")
        var jobs: Int?

        @Option(
            help: ArgumentHelp(
                """
                Also write a Markdown summary to FILE (- for standard output): per path, which \
                origins may call it and with which methods, headers and credentials, before \
                and after, for every output whose answers change.
                """, valueName: "file"))
        var summary: String?

        @Option(
            help: ArgumentHelp(
                """
                What the summary's before side is: a golden file (one-output mode) or folder of \
                golden case folders (tree mode), such as the base branch's; default: --golden.
                """, valueName: "path"))
        var before: String?

        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            _ = try APIKind.option(apiName)
            if cases == nil && paths.isEmpty { throw ValidationError("give a SPEC and --golden FILE, or --cases DIR and --golden DIR") }
            if cases == nil && paths.count > 1 {
                throw ValidationError("one-output mode takes one SPEC, not \(paths.count); with --cases DIR the arguments are the files a change touches")
            }
            if before != nil && summary == nil { throw ValidationError("--before says what the summary compares with; give --summary FILE too") }
            if summary == "-" && diagnostics.format == .json {
                throw ValidationError("--summary - would mix the Markdown into the json format's one document on standard output; give --summary a file")
            }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        }

        func run() throws {
            var differences: [Diagnostic] = []
            var entries: [CORSChangeReport.Entry] = []
            // Each golden file that does not match is also a diagnostic (GOLD003): the json and
            // github formats list them for tools, where the text format prints the diffs.
            _ = try diagnostics.runAnswering { engine in
                if let cases {
                    differences = try checkTree(cases: cases, engine: &engine, summary: &entries)
                } else if let spec {
                    differences = try checkOne(spec: spec, engine: &engine, summary: &entries)
                }
                // Written even when the check fails: what a change does matters most then.
                if let summary {
                    try Files.write(CORSChangeReport.markdown(entries, before: before ?? golden), to: summary)
                }
                return diagnostics.format == .text ? [] : differences
            }
            if !differences.isEmpty { throw ExitStatus.differences }
        }

        /// Whether diffs and summaries go to standard output: not in the json format, whose
        /// one document is all standard output holds.
        private var printsReports: Bool { diagnostics.format != .json }

        /// The command that rewrites what differs: this command with `--update`, without the
        /// options that only change how problems print.
        private var updateCommand: String {
            var words: [String] = []
            var arguments = CommandLine.arguments.dropFirst()[...]
            while let word = arguments.popFirst() {
                if word == "--update" || word.hasPrefix("--diagnostics-format=") { continue }
                if word == "--diagnostics-format" {
                    _ = arguments.popFirst()
                    continue
                }
                words.append(word)
            }
            return (["oas2apigw"] + words + ["--update"]).map(Self.shellQuoted).joined(separator: " ")
        }

        /// The diagnostic of a golden file its case no longer writes.
        private static func stale(_ path: String) -> Diagnostic {
            .error(GoldenCode.differs, "\(path) exists but the case no longer writes it; remove it", at: SourceLocation(file: path, line: 1, column: 1))
        }

        /// The diagnostic of a golden file that does not match, at its first different line.
        private static func difference(_ path: String, golden: String?, generated: String) -> Diagnostic {
            guard let golden else {
                return .error(GoldenCode.differs, "\(path) does not exist; write it with --update", at: SourceLocation(file: path, line: 1, column: 1))
            }
            let line = GoldenComparison.firstDifferentLine(golden: golden, generated: generated)
            return .error(
                GoldenCode.differs, "\(path) differs from what its case writes, from line \(line) on; rewrite it with --update if the change is meant",
                at: SourceLocation(file: path, line: line, column: 1))
        }

        private static func shellQuoted(_ word: String) -> String {
            let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,+@".contains($0) }
            return safe && !word.isEmpty ? word : "'" + word.replacing("'", with: "'\\''") + "'"
        }

        /// Reads a golden file; `nil` when it does not exist.
        private static func readGolden(_ path: String) throws -> String? {
            guard access(path, F_OK) == 0 else { return nil }
            return String(decoding: try Files.read(path, limit: ReadLimits.default.maxDocumentBytes), as: UTF8.self)
        }

        /// What became of one golden file.
        private enum Settled {
            case same, updated, different
        }

        /// Acts on one comparison: nothing when the same, otherwise the file is rewritten
        /// (`--update`) or the difference printed.
        /// `saysMissing`: print a line for a golden file that does not exist (a tree check; one
        /// output says it in its own last line).
        private func settle(
            _ outcome: GoldenComparison.Outcome, generated: String, golden path: String, saysMissing: Bool = true
        ) throws -> Settled {
            switch outcome {
            case .same:
                return .same
            case .missing, .different:
                if update {
                    try Files.write(generated, to: path)
                    Terminal.writeToStandardError("updated \(path)\n")
                    return .updated
                }
                guard printsReports else { return .different }
                if case .different(let report) = outcome {
                    _ = Terminal.writeToStandardOutput(Terminal.standardOutputWantsColor ? UnifiedDiff.coloured(report) : report)
                } else if saysMissing {
                    _ = Terminal.writeToStandardOutput("\(path) does not exist\n")
                }
                return .different
            }
        }

        private func checkOne(spec: String, engine: inout DiagnosticEngine, summary entries: inout [CORSChangeReport.Entry]) throws -> [Diagnostic] {
            var status = stat()
            if stat(golden, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                throw DiagnosticError(
                    .error(
                        FileCode.directory,
                        "--golden \(golden) is a folder; give the golden file of this one output (\(golden)/\(to.rawValue).yaml), "
                            + "or check a folder of cases with --cases DIR --golden \(golden)"))
            }
            var settings = try ConvertConfig.read(config, reportingTo: &engine)
            if let api = try APIKind.option(apiName) { settings.api.kind = api }
            guard !diagnostics.stops(engine.diagnostics) else { return [] }
            let policy = try cors.map { Converter.PolicyInput(bytes: try Files.read($0, limit: ReadLimits.default.maxDocumentBytes), file: $0) }
            var request = Converter.Request(
                target: to, format: format ?? SourceFormat(fileName: golden) ?? settings.format ?? .yaml,
                cloudFormationStyle: cloudFormationStyle ?? settings.cloudFormationStyle ?? .resources,
                integrations: settings.integrations(),
                repairsPaths: repair)
            settings.apply(to: &request)
            if trim { request.trimsDefinition = true }
            // Named as the golden file, so a body-s3 template or a split parent names the files
            // beside it as they are named beside the golden; this mode compares the one file.
            request.outputName = String(golden.split(separator: "/").last ?? "")
            request.definitionName = Converter.definitionName(of: request.outputName)
            let result = Converter.convertToFiles(
                entry: DiskSpecFiles.entryName(for: spec), reader: DiskSpecFiles(), policy: policy, request: request)
            engine.report(contentsOf: result.diagnostics)
            guard let output = result.files?.first?.text, !diagnostics.stops(engine.diagnostics) else { return [] }
            let old = try Self.readGolden(golden)
            if summary != nil {
                let earlier = try before.map(Self.readGolden) ?? old
                let name = String(golden.split(separator: "/").last ?? "")
                entries.append(CORSSummary.entry(name: golden, file: name, before: earlier, after: output))
            }
            let outcome = GoldenComparison.compare(generated: output, golden: old, goldenName: golden, semantic: semantic)
            switch try settle(outcome, generated: output, golden: golden, saysMissing: false) {
            case .same:
                // As a tree check ends with its count, on standard output.
                if printsReports { _ = Terminal.writeToStandardOutput("\(golden) matches\n") }
                return []
            case .updated:
                return []
            case .different:
                if printsReports {
                    let what = old == nil ? "does not exist; write it with" : "differs; update it with"
                    _ = Terminal.writeToStandardOutput("\(golden) \(what):\n  \(updateCommand)\n")
                }
                return [Self.difference(golden, golden: old, generated: output)]
            }
        }

        /// A case folder of a tree: a spec to convert, or a hand-written definition to doctor.
        private enum TreeCase: Sendable {
            case convert(GoldenCase)
            case doctor(DoctorCase)
            case migrate(MigrateCase)

            var name: String {
                switch self {
                case .convert(let goldenCase): goldenCase.name
                case .doctor(let doctorCase): doctorCase.name
                case .migrate(let migrateCase): migrateCase.name
                }
            }
        }

        /// What one case of a tree generated and how each file compared, worked out on any
        /// thread; printing and updating happen afterwards, in case order.
        private struct CaseOutcome: Sendable {
            var files: [(file: String, text: String, golden: String?, outcome: Result<GoldenComparison.Outcome, DiagnosticError>)] = []
            /// The warnings of a convert case's run, which `--strict` counts as errors.
            var warnings: [Diagnostic] = []
            /// Golden files the case no longer writes.
            var stale: [String] = []
            /// How the case's CORS answers change, when a summary is asked for.
            var summary: CORSChangeReport.Entry?
        }

        private func checkTree(cases: String, engine: inout DiagnosticEngine, summary entries: inout [CORSChangeReport.Entry]) throws -> [Diagnostic] {
            let exists: @Sendable (String) -> Bool = { access($0, F_OK) == 0 }
            var info = stat()
            guard stat(cases, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw DiagnosticError(
                    .error(
                        FileCode.unreadable,
                        exists(cases) ? "--cases \(cases) is a file; give the folder that holds one folder per case"
                            : "--cases \(cases) does not exist; give the folder that holds one folder per case"))
            }
            var caseNames = Self.folders(in: cases)
            // Given the files a change touches, only their cases; the golden folders of the
            // others are not looked at either.
            let touched = paths.isEmpty ? nil : TouchedCases(cases: cases, golden: golden).names(of: paths)
            if let touched {
                caseNames = caseNames.filter(touched.contains)
                if touched.isEmpty, printsReports {
                    _ = Terminal.writeToStandardOutput("no case touched: none of the \(paths.count) file\(paths.count == 1 ? "" : "s") given is in \(cases) or \(golden)\n")
                }
            }
            var runnable: [TreeCase] = []
            for name in caseNames {
                // A migration case holds a hand-written definition too, in a migrate-… folder.
                if let migrateCase = MigrateCase(folder: "\(cases)/\(name)", name: name, exists: exists) {
                    runnable.append(.migrate(migrateCase))
                    continue
                }
                // A doctor case holds a hand-written definition and pins what doctor prints.
                if let doctorCase = DoctorCase(folder: "\(cases)/\(name)", name: name, exists: exists) {
                    runnable.append(.doctor(doctorCase))
                    continue
                }
                guard let goldenCase = GoldenCase(folder: "\(cases)/\(name)", name: name, exists: exists) else {
                    engine.report(
                        .error(
                            GoldenCode.noSpec,
                            "\(cases)/\(name) has no spec (\(GoldenCase.specNames.joined(separator: ", "))), nor a doctor case's template.yaml "
                                + "or gateway.yaml; add the spec or remove the folder"))
                    continue
                }
                runnable.append(.convert(goldenCase))
            }
            // Converting is the slow part and every case is independent: cases run on every
            // core, and only their outcomes are printed, in order.
            let golden = self.golden
            let semantic = self.semantic
            let summaryBefore = summary == nil ? nil : (before ?? golden)
            let outcomes = ParallelMap.map(runnable, workers: jobs ?? ParallelMap.processorCount) { treeCase in
                var result = CaseOutcome()
                let generated: [(file: String, text: String)]
                switch treeCase {
                case .convert(let goldenCase):
                    let run = goldenCase.generateReporting(reader: DiskSpecFiles())
                    generated = run.files
                    result.warnings = run.diagnostics.filter { $0.severity == .warning }
                case .doctor(let doctorCase): generated = [(DoctorCase.outputName, doctorCase.generate(reader: DiskSpecFiles()))]
                case .migrate(let migrateCase): generated = migrateCase.generate(reader: DiskSpecFiles())
                }
                for (file, text) in generated {
                    let path = "\(golden)/\(treeCase.name)/\(file)"
                    let outcome: Result<GoldenComparison.Outcome, DiagnosticError>
                    var old: String?
                    do {
                        old = try Self.readGolden(path)
                        outcome = .success(GoldenComparison.compare(generated: text, golden: old, goldenName: path, semantic: semantic))
                    } catch let error as DiagnosticError {
                        outcome = .failure(error)
                    } catch {
                        outcome = .failure(DiagnosticError(.error(PipelineError.internal, "cannot read \(path): \(error)")))
                    }
                    result.files.append((file, text, old, outcome))
                }
                let outputNames: [String]
                switch treeCase {
                case .convert: outputNames = GoldenCase.outputNames
                case .migrate: outputNames = MigrateCase.outputNames
                case .doctor: outputNames = []
                }
                for file in outputNames where !generated.contains(where: { $0.file == file }) {
                    let path = "\(golden)/\(treeCase.name)/\(file)"
                    if exists(path) { result.stale.append(path) }
                }
                if let summaryBefore, case .convert = treeCase, let file = CORSSummary.definitionFile(among: generated.map(\.file)),
                    let text = generated.first(where: { $0.file == file })?.text
                {
                    let earlier = try? Self.readGolden("\(summaryBefore)/\(treeCase.name)/\(file)")
                    result.summary = CORSSummary.entry(name: treeCase.name, file: file, before: earlier ?? nil, after: text)
                }
                return result
            }
            var passed = 0
            var failed: [String] = []
            var differences: [Diagnostic] = []
            var updatedFiles = 0
            var updatedCases = 0
            entries = outcomes.compactMap(\.summary)
            for (treeCase, outcome) in zip(runnable, outcomes) {
                var same = true
                var updated = 0
                for file in outcome.files {
                    let path = "\(golden)/\(treeCase.name)/\(file.file)"
                    switch try settle(file.outcome.get(), generated: file.text, golden: path) {
                    case .same: break
                    case .updated: updated += 1
                    case .different:
                        same = false
                        differences.append(Self.difference(path, golden: file.golden, generated: file.text))
                    }
                }
                if updated > 0 {
                    updatedFiles += updated
                    updatedCases += 1
                }
                for path in outcome.stale {
                    if printsReports { _ = Terminal.writeToStandardOutput("\(path) exists but the case no longer writes it; remove it\n") }
                    differences.append(Self.stale(path))
                    same = false
                }
                // Under --strict a case that converts with warnings fails the check, as convert would.
                let warnings = DiagnosticOptions.dropping(diagnostics.ignoredCodes, from: outcome.warnings)
                if diagnostics.strict, let first = warnings.first {
                    engine.report(
                        .error(
                            GoldenCode.strictWarnings,
                            "case \(treeCase.name) converts with \(warnings.count) warning\(warnings.count == 1 ? "" : "s"), which --strict "
                                + "counts as errors; the first: [\(first.code)] \(first.message)",
                            at: first.location.map { SourceLocation(file: "\(cases)/\(treeCase.name)/\($0.file)", line: $0.line, column: $0.column) }))
                }
                if same { passed += 1 } else { failed.append(treeCase.name) }
            }
            for name in Self.folders(in: golden) where !caseNames.contains(name) && touched?.contains(name) != false {
                engine.report(.error(GoldenCode.noCase, "\(golden)/\(name) has no case in \(cases); add \(cases)/\(name) or remove the folder"))
            }
            guard printsReports else { return differences }
            for name in failed { _ = Terminal.writeToStandardOutput("FAIL \(name)\n") }
            var summary = Self.summary(matching: passed, differing: failed.count, updatedFiles: updatedFiles, updatedCases: updatedCases)
            // The counts are of golden files; errors fail the check however they came out.
            if diagnostics.stops(engine.diagnostics) { summary = String(summary.dropLast()) + "; the check fails on the errors reported\n" }
            _ = Terminal.writeToStandardOutput(summary)
            if !failed.isEmpty { _ = Terminal.writeToStandardOutput("update them with:\n  \(updateCommand)\n") }
            return differences
        }

        /// The last line of a tree check: `1 case matches, 2 differ`, or after `--update`
        /// `updated 3 files in 2 cases; 3 cases match, 0 differ` (the updated ones match now).
        static func summary(matching: Int, differing: Int, updatedFiles: Int, updatedCases: Int) -> String {
            func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
            let state = "\(count(matching, "case matches", "cases match")), \(count(differing, "differs", "differ"))"
            guard updatedFiles > 0 else { return state + "\n" }
            return "updated \(count(updatedFiles, "file", "files")) in \(count(updatedCases, "case", "cases")); \(state)\n"
        }

        /// The sub-folders of `path`, sorted.
        private static func folders(in path: String) -> [String] {
            guard let directory = opendir(path) else { return [] }
            defer { closedir(directory) }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard name != ".", name != "..", !name.hasPrefix(".") else { continue }
                var info = stat()
                if stat("\(path)/\(name)", &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { names.append(name) }
            }
            return names.sorted()
        }
    }
}

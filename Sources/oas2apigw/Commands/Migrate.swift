import ArgumentParser
import GoldenCases
import Migrate
import Read
import Diagnostics
import YAML
import Spec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OAS2APIGW {
    /// `oas2apigw migrate`: turn a hand-written API Gateway definition into a spec, a CORS
    /// policy and settings that rebuild it, and prove the rebuild.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Turn a hand-written API Gateway definition into a spec, a CORS policy and settings that rebuild it.",
            discussion: HelpText.discussion(
                """
                SOURCE is an AWS CloudFormation or SAM template (resources or a RestApi Body) or \
                an OpenAPI document with x-amazon-apigateway-* extensions. migrate writes \
                DIR/openapi.yaml (the API with each integration as x-amazon-apigateway-integration, \
                without the CORS plumbing), DIR/cors.yaml (the CORS policy the old API answered \
                with), DIR/options.yaml (the convert --config settings, only when the defaults \
                would not rebuild it) and DIR/migration-report.txt (each deliberate fix with its \
                place in SOURCE, and what could not be expressed). Nothing is written when there \
                is an error; a stale cors.yaml or options.yaml the new migration does not write is \
                removed, as convert would read it.

                With --check nothing is written: the files in DIR (or, when DIR holds no \
                openapi.yaml, the ones migrate would write) are converted exactly as convert \
                would, the output is read back, and the API is compared with SOURCE's. Every \
                difference must be a deliberate fix the report lists. The walk-through is in \
                docs/migration.md.
                """,
                examples: [
                    "oas2apigw migrate template.yaml -o migrated",
                    "oas2apigw migrate template.yaml -o migrated --check",
                ],
                exitCodes: [
                    (0, "the files were written, or the check passed"),
                    (1, "the check found a difference no fix explains (each printed with its place in SOURCE)"),
                    (2, "SOURCE or the files cannot be read or converted"),
                ])
        )

        @Argument(help: "The template or document to migrate.")
        var source: String

        @Option(name: .shortAndLong, help: "The folder to write the migrated files into (or to check them in).")
        var output: String

        @Option(name: .customLong("parameter"), help: TemplateParameterArguments.help)
        var parameters: [String] = []

        @Flag(help: "Check the round trip instead of writing: convert the files in the folder and compare with SOURCE.")
        var check = false

        @Flag(
            help: """
                With --check: record every difference found now as intended, in DIR/accepted-differences.txt, \
                so later checks pass while the API stays as it is now.
                """)
        var acceptDifferences = false

        @Flag(help: "Overwrite migrated files in DIR that were edited since (and drop DIR/accepted-differences.txt).")
        var force = false

        /// The file of differences a team has made on purpose: one fact per line, as a
        /// check prints it before its colon (`GET /orders integration uri`); `#` starts a comment.
        static let acceptedName = "accepted-differences.txt"

        func validate() throws {
            if acceptDifferences && !check { throw ValidationError("--accept-differences goes with --check") }
            if force && check { throw ValidationError("--force goes with writing, not with --check") }
        }

        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let values = try TemplateParameterArguments.values(parameters)
            var unexplained = 0
            var summary: String?
            do {
                try diagnostics.run { engine in
                    let bytes = try Files.read(source, limit: ReadLimits.default.maxDocumentBytes)
                    let include = GatewayPlanReader.includes(from: source) { try Files.read($0, limit: ReadLimits.default.maxDocumentBytes) }
                    let migrated = Migrator.migrate(source: source, bytes: bytes, parameters: values, include: include)
                    guard let migration = migrated.migration else {
                        engine.report(contentsOf: migrated.diagnostics)
                        return
                    }
                    guard check else {
                        engine.report(contentsOf: migrated.diagnostics)
                        // Under --strict a warning stops the run before anything is written.
                        guard !diagnostics.stops(engine.diagnostics) else { return }
                        let written = try write(migration)
                        let report = MigratedFiles.Names(folder: output).report
                        let faults = migration.keptFaults.count
                        summary =
                            "wrote \(written.joined(separator: ", ")) to \(output): \(migration.fixes.count) deliberate fix\(migration.fixes.count == 1 ? "" : "es"), "
                            + "\(faults) CORS fault\(faults == 1 ? "" : "s") kept, \(migration.gaps.count) thing\(migration.gaps.count == 1 ? "" : "s") "
                            + "not expressed (\(report))"
                        return
                    }
                    let names = MigratedFiles.Names(folder: output)
                    var files = migration.files
                    if let spec = try readIfPresent(names.openAPI) {
                        files = MigratedFiles(openAPI: spec, cors: try readIfPresent(names.cors), options: try readIfPresent(names.options))
                    }
                    let checked = Migrator.check(
                        source: source, bytes: bytes, parameters: values, files: files, names: names, expected: migration.fixes,
                        include: include)
                    engine.report(contentsOf: checked.diagnostics.filter { $0.severity == .error })
                    guard let found = checked.unexplained, !engine.hasErrors else { return }
                    // Differences the team recorded as intended pass; the rest are what a check reports.
                    let acceptedPath = output + "/" + Self.acceptedName
                    if acceptDifferences {
                        let keys = Array(Set(found.map(\.difference.fact.key))).sorted()
                        try Files.write(
                            "# Differences from \(source) made on purpose; migrate --check passes them.\n"
                                + keys.map { $0 + "\n" }.joined(),
                            to: acceptedPath)
                    }
                    let accepted = Set(
                        (try readIfPresent(acceptedPath) ?? "").split(separator: "\n").map(String.init)
                            .filter { !$0.hasPrefix("#") && !$0.isEmpty })
                    let differences = found.filter { !accepted.contains($0.difference.fact.key) }
                    let acceptedCount = found.count - differences.count
                    // Printed with the rest, in the chosen format; they make the exit status 1, not 2.
                    unexplained = differences.count
                    engine.report(
                        contentsOf: differences.map { difference, location in
                            .error(
                                MigrationCode.unexplainedDifference,
                                "the rebuilt API differs from the source and the report lists no deliberate fix for it: \(difference); "
                                    + "correct the migrated files, or record it as intended with --accept-differences",
                                at: location)
                        })
                    let acceptedNote = acceptedCount == 0 ? "" : " and \(acceptedCount) accepted in \(acceptedPath)"
                    summary =
                        differences.isEmpty
                        ? "round trip: the rebuilt API is the source's, plus the \(migration.fixes.count) deliberate fixes the report lists\(acceptedNote)\n"
                        : "round trip: \(differences.count) unexplained difference\(differences.count == 1 ? "" : "s")\(Self.byMethod(differences.map(\.difference)))\(acceptedNote); "
                            + "fix the files, or record them as intended with --accept-differences\n"
                }
            } catch let status as ExitCode where unexplained > 0 && status == ExitStatus.inputErrors {
                if let summary { _ = Terminal.writeToStandardOutput(summary) }
                throw ExitStatus.differences
            }
            guard let summary else { return }
            // A check's verdict is its answer, on standard output; what a migration wrote is
            // the summary line every writing command ends with.
            if check { _ = Terminal.writeToStandardOutput(summary) } else { diagnostics.summary(summary) }
        }

        /// ` in GET /orders (5), OPTIONS /orders (3), the API (1)`: where the differences are.
        static func byMethod(_ differences: [PlanDifference]) -> String {
            var order: [String] = []
            var counts: [String: Int] = [:]
            for difference in differences {
                let fact = difference.fact
                let place =
                    switch (fact.verb, fact.path, fact.gatewayResponseType) {
                    case (let verb?, let path?, _): "\(verb) \(path)"
                    case (nil, let path?, _): path
                    case (_, _, let type?): "gateway response \(type)"
                    default: "the API"
                    }
                if counts[place] == nil { order.append(place) }
                counts[place, default: 0] += 1
            }
            return " in " + order.map { "\($0) (\(counts[$0]!))" }.joined(separator: ", ")
        }

        /// Writes the migrated files and the report, each atomically, after all are made, and
        /// returns the names written. Files an earlier run wrote and a user edited since are
        /// not overwritten without --force: a new migration would silently undo the edits.
        private func write(_ migration: Migration) throws -> [String] {
            let names = MigratedFiles.Names(folder: output)
            let planned: [(path: String, text: String?)] = [
                (names.openAPI, migration.files.openAPI), (names.cors, migration.files.cors), (names.options, migration.files.options),
            ]
            var edited: [String] = []
            var firstEdit: SourceLocation?
            for (path, text) in planned {
                guard let present = try readIfPresent(path), present != text else { continue }
                edited.append(path)
                let line = text.map { GoldenComparison.firstDifferentLine(golden: present, generated: $0) } ?? 1
                firstEdit = firstEdit ?? SourceLocation(file: path, line: line, column: 1)
            }
            if !edited.isEmpty, !force {
                throw DiagnosticError(
                    .error(
                        MigrationCode.editedFiles,
                        "\(edited.joined(separator: ", ")) \(edited.count == 1 ? "differs" : "differ") from what this migration writes, "
                            + "so \(edited.count == 1 ? "it was" : "they were") edited or migrated from another source; check "
                            + "\(edited.count == 1 ? "it" : "them") with migrate --check, or pass --force to overwrite (an edit is then lost)",
                        at: firstEdit))
            }
            if Files.makeFolders(output).error != nil {
                throw DiagnosticError(.error(FileCode.unwritable, "cannot create the folder \(output); check the path and that its parent is writable"))
            }
            var written: [String] = []
            for (path, text) in planned {
                if let text {
                    try Files.write(text, to: path)
                    written.append(String(path.split(separator: "/").last ?? ""))
                } else {
                    // A stale file from an earlier run would change what convert builds.
                    unlink(path)
                }
            }
            try Files.write(migration.report, to: names.report)
            written.append(String(names.report.split(separator: "/").last ?? ""))
            // Differences accepted for files that are now replaced no longer describe them.
            if !edited.isEmpty { unlink(output + "/" + Self.acceptedName) }
            return written
        }

        /// The file's text, or `nil` when it does not exist.
        private func readIfPresent(_ path: String) throws -> String? {
            guard access(path, F_OK) == 0 else { return nil }
            return String(decoding: try Files.read(path, limit: ReadLimits.default.maxDocumentBytes), as: UTF8.self)
        }
    }
}

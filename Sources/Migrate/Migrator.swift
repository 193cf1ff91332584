import Diagnostics
import YAML
import Plan
import Render
import Read
import Spec
import Planning
import Convert
import CORSDoctor

/// Turns a hand-written API Gateway definition into a spec, a CORS policy and settings that
/// rebuild it, and proves it by converting them back and comparing the two plans.
///
/// The source is read into a plan (the readers); the CORS plumbing is inferred into a policy
/// and removed; the rest is rendered as an OpenAPI document (the OpenAPI renderer, so every
/// integration is kept as `x-amazon-apigateway-integration`). The round trip converts those
/// files exactly as `convert` would, reads the output back with the same readers, and
/// compares plan facts: each difference is either a fix the tool makes on purpose or
/// reported as unexplained. It never touches the disk.
public enum Migrator {
    /// Migrates the definition in `bytes` (named `source` in diagnostics); `nil` with
    /// errors when it cannot be read or is no API Gateway definition.
    /// `include` reads a file the template includes (SAM's `AWS::Include`), as
    /// `GatewayPlanReader.includes` makes one.
    public static func migrate(
        source: String, bytes: [UInt8], parameters: [String: String] = [:], include: ((String) -> Node?)? = nil
    ) -> (migration: Migration?, diagnostics: [Diagnostic]) {
        let read: SourceReading
        switch readSource(source: source, bytes: bytes, parameters: parameters, include: include) {
        case .success(let reading): read = reading
        case .failure(let failure): return (nil, failure.diagnostics)
        }
        let plan = read.plan
        let inference = CORSInference(plan)
        var spec = OpenAPIRenderer().render(specPlan(inference.strippedPlan, original: plan, covered: inference.coveredPaths))
        spec = withoutImportVersion(withDetails(spec, plan: inference.strippedPlan))
        let specText = YAMLWriter.write(spec)

        let target: Converter.Request.Target = read.kind == .gatewayOpenAPI ? .openapi : .cloudformation
        var options = Mapping()
        if plan.kind != .rest { options["api"] = .string(plan.kind.rawValue) }
        if plan.stage.name != plan.kind.defaultStageName { options["stageName"] = .string(plan.stage.name) }
        if target == .cloudformation {
            if hasDefinitionInS3(read.root) {
                options["cfnStyle"] = "body-s3"
            } else if hasBodyStyle(read.root) || !TemplateReferences.undefinedNames(in: spec, file: MigratedFiles.openAPIName).isEmpty {
                options["cfnStyle"] = "body"
            }
            if source.lowercased().hasSuffix(".json") { options["format"] = "json" }
            // How the stage runs and the endpoint: settings, the spec having no place for them.
            if let stage = StageSettingsReader.written(plan.stage).settings { options["stage"] = stage }
            if let plans = UsagePlanSettings.written(plan.usagePlans) { options["usagePlans"] = plans }
            if plan.api.endpointTypes != ["REGIONAL"], let type = plan.api.endpointTypes.first {
                var endpoint = Mapping()
                endpoint["type"] = .string(type)
                if !plan.api.vpcEndpointIds.isEmpty { endpoint["vpcEndpointIds"] = .sequence(plan.api.vpcEndpointIds.map { .string($0) }) }
                options["endpoint"] = .mapping(endpoint)
            }
        }
        let files = MigratedFiles(
            openAPI: specText, cors: inference.policy.map { YAMLWriter.write($0) },
            options: options.isEmpty ? nil : YAMLWriter.write(.mapping(options)))

        var diagnostics = DiagnosticEngine()
        diagnostics.report(contentsOf: read.diagnostics)
        let comparison = compare(read, files: files, target: target, parameters: parameters, names: MigratedFiles.defaultNames)
        guard let outcome = comparison.outcome else {
            // Nothing is written when the round trip fails, so a place in a migrated file
            // names the file that would have been written, not one to open.
            diagnostics.report(contentsOf: comparison.diagnostics.map(Self.unwrittenPlaces))
            return (nil, diagnostics.diagnostics)
        }
        diagnostics.report(contentsOf: comparison.diagnostics)
        var gaps = Self.gaps(in: read, inference: inference, parameters: parameters)
        if options["cfnStyle"] != nil, !hasBodyStyle(read.root) {
            gaps.append(
                MigrationGap(
                    message: "the integrations refer to resources or parameters of the template; the generated template "
                        + "asks for each as a template parameter, which the template that defines them passes in",
                    location: nil))
        }
        for gap in gaps { diagnostics.report(.warning(MigrationCode.notExpressed, gap.message, at: gap.location)) }
        for (difference, location) in outcome.unexplained {
            diagnostics.report(
                .warning(
                    MigrationCode.unexplainedDifference,
                    "the regenerated API differs from the source and no deliberate fix explains it: \(difference); report it",
                    at: location))
        }
        var migration = Migration(
            files: files, report: "", target: target, fixes: outcome.fixes, gaps: gaps, unexplained: outcome.unexplained)
        migration.keptFaults = outcome.keptFaults
        migration.report = report(migration, source: source, plan: plan, inference: inference, readDiagnostics: read.diagnostics)
        return (migration, diagnostics.diagnostics)
    }

    /// The round trip of `files` (migrated from `source`, perhaps edited since) against
    /// the source: every difference that is not among the fixes `expected` lists.
    ///
    /// Returns the unexplained differences with their places in the source; diagnostics
    /// carry any failure to read or convert.
    public static func check(
        source: String, bytes: [UInt8], parameters: [String: String] = [:], files: MigratedFiles, names: MigratedFiles.Names,
        expected: [MigrationFix], include: ((String) -> Node?)? = nil
    ) -> (unexplained: [(difference: PlanDifference, location: SourceLocation?)]?, diagnostics: [Diagnostic]) {
        let read: SourceReading
        switch readSource(source: source, bytes: bytes, parameters: parameters, include: include) {
        case .success(let reading): read = reading
        case .failure(let failure): return (nil, failure.diagnostics)
        }
        let target: Converter.Request.Target = read.kind == .gatewayOpenAPI ? .openapi : .cloudformation
        let comparison = compare(read, files: files, target: target, parameters: parameters, names: names)
        guard let outcome = comparison.outcome else { return (nil, comparison.diagnostics) }
        let allowed = expected.map(\.difference)
        let unexplained = outcome.unexplained + outcome.fixes.filter { !allowed.contains($0.difference) }.map { ($0.difference, $0.location) }
        return (unexplained, comparison.diagnostics)
    }

    // MARK: - Reading the source

    /// The source as read: its tree, what kind of definition it is, its plan and places.
    struct SourceReading: Sendable {
        var root: Node
        var kind: DefinitionKind
        var plan: GatewayPlan
        var locations: PlanLocations
        var diagnostics: [Diagnostic]
    }

    /// Why the source could not be read into a plan.
    struct Failure: Error {
        var diagnostics: [Diagnostic]
    }

    /// Reads the source into a plan; a plain spec (nothing to migrate) or any error fails.
    static func readSource(
        source: String, bytes: [UInt8], parameters: [String: String], include: ((String) -> Node?)? = nil
    ) -> Result<SourceReading, Failure> {
        let root: Node
        do {
            root = try DocumentReader.read(bytes, file: source)
        } catch let error as DiagnosticError {
            return .failure(Failure(diagnostics: error.diagnostics))
        } catch {
            return .failure(Failure(diagnostics: [.error(PipelineError.internal, "unexpected failure: \(error); please report it")]))
        }
        let reading = GatewayPlanReader.reading(root, file: source, parameters: parameters, include: include)
        if reading.kind == .openAPISpec {
            return .failure(
                Failure(diagnostics: [
                    .error(
                        MigrationCode.plainSpec,
                        "the file is an OpenAPI spec without x-amazon-apigateway extensions, so there is nothing to migrate; "
                            + "convert it with oas2apigw convert",
                        at: SourceLocation(file: source, line: 1, column: 1))
                ]))
        }
        guard let plan = reading.plan, !reading.diagnostics.contains(where: { $0.severity == .error }) else {
            return .failure(Failure(diagnostics: reading.diagnostics))
        }
        return .success(
            SourceReading(root: root, kind: reading.kind, plan: plan, locations: reading.locations, diagnostics: reading.diagnostics))
    }

    /// Whether a template keeps its API in a `Body` or `DefinitionBody`, so the rebuild must too.
    /// Whether the template's API reads its definition from S3 (`--cfn-style body-s3`).
    static func hasDefinitionInS3(_ root: Node) -> Bool {
        root["Resources"]?.mapping?.values.contains { $0["Properties"]?["BodyS3Location"] != nil } ?? false
    }

    static func hasBodyStyle(_ root: Node) -> Bool {
        root["Resources"]?.mapping?.values.contains { $0["Properties"]?["Body"] != nil || $0["Properties"]?["DefinitionBody"] != nil } ?? false
    }

    // MARK: - The spec

    /// The plan the spec is rendered from: the source's OpenAPI 3 document, when there is
    /// one, keeps its schemas and descriptions, without the preflights the policy replaces
    /// and without the gateway responses the plan now states.
    static func specPlan(_ stripped: GatewayPlan, original: GatewayPlan, covered: Set<String>) -> GatewayPlan {
        var plan = stripped
        guard var document = original.document?.mapping, document["openapi"]?.text?.hasPrefix("3.") == true else {
            plan.document = nil
            return plan
        }
        document["x-amazon-apigateway-gateway-responses"] = nil
        if var paths = document["paths"]?.mapping {
            for (resource, method) in original.methods where method.httpMethod == "OPTIONS" {
                // A preflight route API Gateway's CORS configuration needs names no operation
                // (it reads as the planner's would), but a document writes it as `options`.
                let route = method.role == .preflight && original.kind.answersPreflightsItself
                    ? OperationSource(path: resource.path, method: "options") : nil
                guard stripped.resource(at: resource.path)?.method("OPTIONS") == nil, let source = method.source ?? route,
                    var item = paths[source.path]?.mapping
                else { continue }
                item[source.method] = nil
                // `OPTIONS /{proxy+}` beside `$default` may be the only route of its path.
                let keepsRoutes = item.keys.contains { key in HTTPMethod.allCases.contains { $0.pathItemKey == key.text } }
                paths[source.path] = route != nil && !keepsRoutes ? nil : .mapping(item)
            }
            // The CORS headers a covered resource declares come from the policy now.
            for (resource, method) in original.methods where covered.contains(resource.path) {
                guard let source = method.source, var item = paths[source.path]?.mapping,
                    var operation = item[source.method]?.mapping, var responses = operation["responses"]?.mapping
                else { continue }
                for index in 0..<responses.count {
                    guard var response = responses[valueAt: index].mapping, var headers = response["headers"]?.mapping else { continue }
                    for name in headers.keys.compactMap(\.text) {
                        let lower = name.lowercased()
                        if CORSInference.corsHeaders.contains(lower) || lower == "vary" { headers[name] = nil }
                    }
                    response["headers"] = headers.isEmpty ? nil : .mapping(headers)
                    responses[valueAt: index] = .mapping(response)
                }
                operation["responses"] = .mapping(responses)
                item[source.method] = .mapping(operation)
                paths[source.path] = .mapping(item)
            }
            document["paths"] = .mapping(paths)
        }
        plan.document = .mapping(document)
        return plan
    }

    /// The API's description and each operation's id, which the renderer leaves to the
    /// document when there is one.
    static func withDetails(_ spec: Node, plan: GatewayPlan) -> Node {
        guard plan.document == nil, var root = spec.mapping else { return spec }
        if let description = plan.api.description, var info = root["info"]?.mapping {
            info["description"] = description
            root["info"] = .mapping(info)
        }
        if var paths = root["paths"]?.mapping {
            for (resource, method) in plan.methods {
                guard let name = method.operationName, var item = paths[resource.path]?.mapping else { continue }
                let key = method.httpMethod == "ANY" ? "x-amazon-apigateway-any-method" : method.httpMethod.lowercased()
                guard var operation = item[key]?.mapping else { continue }
                var ordered = Mapping()
                ordered["operationId"] = .string(name)
                for (k, v) in operation.entries where k.text != "operationId" { ordered.append(key: k, value: v) }
                operation = ordered
                item[key] = .mapping(operation)
                paths[resource.path] = .mapping(item)
            }
            root["paths"] = .mapping(paths)
        }
        return .mapping(root)
    }

    // MARK: - The round trip

    /// The differences of one round trip, sorted into fixes and the rest.
    struct Outcome {
        var fixes: [MigrationFix]
        var unexplained: [(difference: PlanDifference, location: SourceLocation?)]
        /// The CORS faults the doctor still finds in the rebuilt API.
        var keptFaults: [Diagnostic] = []
    }

    /// Converts `files` as `convert` would, reads the output back and sorts each
    /// difference from the source into a fix or an unexplained one.
    /// `diagnostic` with its notes' places in the migrated files (never written) said in words.
    package static func unwrittenPlaces(_ diagnostic: Diagnostic) -> Diagnostic {
        let names = MigratedFiles.defaultNames
        let migrated = [names.openAPI, names.cors, names.options]
        var said = diagnostic
        said.notes = diagnostic.notes.map { note in
            guard let place = note.location, migrated.contains(place.file) else { return note }
            return Diagnostic.Note(
                "\(note.message) (at \(place.line):\(place.column) of the \(place.file) migrate would write; nothing was written)")
        }
        return said
    }

    static func compare(
        _ read: SourceReading, files: MigratedFiles, target: Converter.Request.Target, parameters: [String: String],
        names: MigratedFiles.Names
    ) -> (outcome: Outcome?, diagnostics: [Diagnostic]) {
        var diagnostics = DiagnosticEngine()
        var config = ConvertConfig()
        if let options = files.options {
            do {
                let (settings, problems) = try ConvertConfig.read(Array(options.utf8), file: names.options)
                config = settings
                diagnostics.report(contentsOf: problems)
            } catch let error as DiagnosticError {
                diagnostics.report(contentsOf: error.diagnostics)
            } catch {}
        }
        var reader = InMemorySpecFiles()
        reader.add(names.openAPI, files.openAPI)
        var request = Converter.Request(
            target: target, format: config.format ?? .yaml, cloudFormationStyle: config.cloudFormationStyle ?? .resources,
            integrations: config.integrations())
        config.apply(to: &request)
        let policy = files.cors.map { Converter.PolicyInput(bytes: Array($0.utf8), file: names.cors) }
        let regeneratedName = "regenerated." + request.format.rawValue
        let converted: (output: String?, definition: String?, diagnostics: [Diagnostic])
        if request.writesDefinitionFile {
            // A body-s3 template and the definition it deploys, read back together.
            request.definitionName = Converter.definitionName(of: regeneratedName)
            converted = Converter.convertWithDefinition(entry: names.openAPI, reader: reader, policy: policy, request: request)
        } else {
            let plain = Converter.convert(entry: names.openAPI, reader: reader, policy: policy, request: request)
            converted = (plain.output, nil, plain.diagnostics)
        }
        let problems = converted.diagnostics.filter { $0.severity == .error }
        guard let output = converted.output, problems.isEmpty, !diagnostics.hasErrors else {
            diagnostics.report(
                .error(
                    MigrationCode.roundTripFailed,
                    "the migrated files do not convert, so the round trip cannot be checked; fix the errors that follow",
                    notes: (problems + diagnostics.diagnostics.filter { $0.severity == .error }).map {
                        Diagnostic.Note("[\($0.code)] \($0.message)", at: $0.location)
                    }))
            return (nil, diagnostics.diagnostics)
        }
        let regenerated: GatewayReading
        do {
            let root = try DocumentReader.read(Array(output.utf8), file: regeneratedName)
            let definitionName = request.definitionName
            regenerated = GatewayPlanReader.reading(
                root, file: regeneratedName, parameters: parameters,
                include: converted.definition.map { definition in
                    { name in name == definitionName ? try? DocumentReader.read(Array(definition.utf8), file: name) : nil }
                })
        } catch {
            diagnostics.report(.error(MigrationCode.roundTripFailed, "the converted output cannot be read back: \(error); please report it"))
            return (nil, diagnostics.diagnostics)
        }
        guard let result = regenerated.plan else {
            diagnostics.report(.error(MigrationCode.roundTripFailed, "the converted output holds no API; please report it"))
            return (nil, diagnostics.diagnostics)
        }
        // What the migration does not fix is said, not left for a later doctor run to find.
        let kept = placedInMigratedFiles(Doctor.examine(result), reader: reader, policy: policy, names: names)
        var outcome = Outcome(fixes: [], unexplained: [], keptFaults: kept)
        for difference in PlanFacts.differences(from: read.plan, to: result) {
            if let fix = MigrationFix.explaining(difference, source: read.plan, locations: read.locations) {
                outcome.fixes.append(fix)
            } else {
                outcome.unexplained.append((difference, difference.fact.places.lazy.compactMap { read.locations[$0] }.first))
            }
        }
        return (outcome, diagnostics.diagnostics)
    }

    /// `faults` (found in the rebuilt API, whose places are in a template nobody reads) each
    /// at its place in the migrated files, with the policy edit that removes it: the same
    /// finding of the doctor run over the migrated spec and policy, when it makes it.
    static func placedInMigratedFiles(
        _ faults: [Diagnostic], reader: InMemorySpecFiles, policy: PolicyInput?, names: MigratedFiles.Names
    ) -> [Diagnostic] {
        guard !faults.isEmpty else { return [] }
        let placed = Doctor.examine(source: names.openAPI, reader: reader, policy: policy)
        return faults.map { fault in
            guard var found = placed.first(where: { $0.code == fault.code && $0.message == fault.message }) else { return fault }
            if policy == nil, found.code == DoctorCode.missingPreflight.id {
                found.notes.append(
                    .init(
                        "in the policy: the migration wrote no \(names.cors), as the source answers no preflight here; write one "
                            + "(oas2apigw new-policy > \(names.cors)) and add --cors \(names.cors) to the rebuild command",
                        at: found.location))
            }
            return found
        }
    }
}

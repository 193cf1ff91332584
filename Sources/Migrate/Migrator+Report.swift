import Diagnostics
import YAML
import Plan
import Convert
import Spec

extension Migrator {
    /// The resource types the plan carries; any other API Gateway type is a gap.
    static let carriedTypes: Set<String> = [
        "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method", "AWS::ApiGateway::Authorizer",
        "AWS::ApiGateway::GatewayResponse", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage", "AWS::Serverless::Api",
        "AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::Model", "AWS::ApiGateway::UsagePlan", "AWS::ApiGateway::ApiKey",
        "AWS::ApiGateway::UsagePlanKey",
    ]

    /// What the source defines that the migrated files do not carry, each with its place.
    static func gaps(in read: SourceReading, inference: CORSInference, parameters: [String: String]) -> [MigrationGap] {
        var gaps: [MigrationGap] = []
        let file = read.locations[.api]?.file ?? ""
        func place(_ node: Node?) -> SourceLocation? {
            guard let node, !node.mark.isSynthetic, !file.isEmpty else { return nil }
            return SourceLocation(file: file, mark: node.mark)
        }
        // The reader resolves parameters to values, so the spec holds one stack's values.
        for (key, definition) in read.root["Parameters"]?.mapping?.entries ?? Mapping().entries {
            guard let name = key.text else { continue }
            let value = parameters[name] ?? definition["Default"]?.text
            guard let value else { continue }
            let origin = parameters[name] != nil ? "passed with --parameter" : "its Default"
            gaps.append(
                MigrationGap(
                    message: "parameter \(name) is written into the spec as \"\(value)\" (\(origin)) wherever the API used it; "
                        + "migrate with --parameter \(name)=VALUE for a stack that passes another value",
                    location: place(key)))
        }
        for (key, resource) in read.root["Resources"]?.mapping?.entries ?? Mapping().entries {
            guard let name = key.text, let type = resource["Type"]?.text else { continue }
            if type == "AWS::Lambda::Permission" {
                gaps.append(
                    MigrationGap(
                        message: "\(name) (AWS::Lambda::Permission) is not part of an API definition; keep it in the template that deploys the API",
                        location: place(key)))
            } else if type.hasPrefix("AWS::ApiGatewayV2::") {
                gaps += httpGaps(name: name, type: type, key: key, resource: resource, place: place)
            } else if type.hasPrefix("AWS::ApiGateway::"), !carriedTypes.contains(type) {
                let why = "it sits beside the REST API rather than in it; keep it in the template and point it at the generated API"
                gaps.append(MigrationGap(message: "\(name) (\(type)): \(why)", location: place(key)))
            } else if type == "AWS::ApiGateway::Stage" || type == "AWS::ApiGateway::Deployment", let properties = resource["Properties"] {
                // The stage settings the settings file carries (options.yaml's stage:).
                let carried = ["RestApiId", "StageName", "DeploymentId", "Description"]
                    + (type == "AWS::ApiGateway::Stage" && read.kind == .cloudFormationTemplate
                        ? ["AccessLogSetting", "TracingEnabled", "MethodSettings", "CacheClusterEnabled", "CacheClusterSize", "Variables"] : [])
                for (field, value) in properties.mapping?.entries ?? Mapping().entries {
                    guard let fieldName = field.text, !carried.contains(fieldName) else { continue }
                    gaps.append(
                        MigrationGap(
                            message: "\(fieldName) of \(name) is a stage setting the spec has no place for; set it on the generated stage",
                            location: place(value)))
                }
            }
        }
        if read.kind == .cloudFormationTemplate {
            for problem in StageSettingsReader.written(read.plan.stage).unexpressed {
                gaps.append(MigrationGap(message: problem, location: read.locations[.deployment]))
            }
        }
        if read.plan.api.endpointTypes != ["REGIONAL"], read.kind != .cloudFormationTemplate {
            gaps.append(
                MigrationGap(
                    message: "the endpoint type \(read.plan.api.endpointTypes.joined(separator: ", ")) is not expressed; the generated API is REGIONAL",
                    location: read.locations[.api]))
        }
        for (path, verdict) in inference.verdicts {
            guard case .kept(let reason) = verdict, inference.policy != nil else { continue }
            gaps.append(MigrationGap(message: reason + "; the policy turns CORS off there", location: read.locations[.resource(path)]))
        }
        return gaps
    }

    /// The text of `migration-report.txt`.
    /// `readDiagnostics` are the reader's, for what the source wrote that AWS does not
    /// support and the migration undoes (an HTTP API's `CorsConfiguration` beside its `Body`).
    static func report(
        _ migration: Migration, source: String, plan: GatewayPlan, inference: CORSInference, readDiagnostics: [Diagnostic] = []
    ) -> String {
        var lines: [String] = []
        let methods = plan.methods.filter { $0.method.httpMethod != "OPTIONS" || $0.method.role != .preflight }
        let preflights = plan.methods.count - methods.count
        lines.append("migration of \(source)")
        lines.append("")
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        if plan.kind.answersPreflightsItself {
            lines.append(
                "read: an HTTP API with " + count(methods.count, "route") + ", " + count(preflights, "OPTIONS route")
                    + " for preflights, " + count(plan.authorizers.count, "authorizer"))
        } else {
            lines.append(
                "read: " + count(plan.resources.count, "resource") + ", " + count(methods.count, "method") + ", "
                    + count(preflights, "CORS preflight") + ", " + count(plan.authorizers.count, "authorizer") + ", "
                    + count(plan.gatewayResponses.count, "gateway response"))
        }
        var written = [MigratedFiles.openAPIName]
        if migration.files.cors != nil { written.append(MigratedFiles.corsName) }
        if migration.files.options != nil { written.append(MigratedFiles.optionsName) }
        lines.append("wrote: " + written.joined(separator: ", "))
        let configFlag = migration.files.options != nil ? " --config \(MigratedFiles.optionsName)" : ""
        let corsFlag = migration.files.cors != nil ? " --cors \(MigratedFiles.corsName)" : ""
        lines.append("rebuild: oas2apigw convert \(MigratedFiles.openAPIName)\(corsFlag)\(configFlag) --to \(migration.target.rawValue)")
        lines.append("")
        if plan.kind.answersPreflightsItself {
            lines += corsLines(of: plan, readDiagnostics: readDiagnostics)
        } else {
            lines += corsLines(of: inference)
        }
        lines.append("")
        lines.append("deliberate fixes (\(migration.fixes.count)):")
        if migration.fixes.isEmpty { lines.append("  none") }
        var addedPreflights: Set<String> = []
        for fix in migration.fixes {
            let place = fix.location.map { "\($0): " } ?? ""
            // An added preflight is one line, not one per header: its values are the policy's.
            if fix.kind == .preflightAdded, let path = fix.difference.fact.path {
                guard addedPreflights.insert(path).inserted else { continue }
                lines.append("  \(place)[\(fix.kind.rawValue)] OPTIONS \(path): added, a MOCK that answers with the policy's headers")
                continue
            }
            // Likewise an added OPTIONS route: it is the route it serves, without authorization.
            if fix.kind == .preflightRouteAdded, let path = fix.difference.fact.path {
                guard addedPreflights.insert(path).inserted else { continue }
                lines.append(
                    "  \(place)[\(fix.kind.rawValue)] OPTIONS \(path): added, without authorization, with the integration of the "
                        + "route it lets preflights past")
                continue
            }
            lines.append("  \(place)[\(fix.kind.rawValue)] \(fix.difference)")
        }
        let kinds = MigrationFix.Kind.allCases.filter { kind in migration.fixes.contains { $0.kind == kind } }
        if !kinds.isEmpty {
            lines.append("")
            lines.append("why:")
            for kind in kinds {
                if let reason = migration.fixes.first(where: { $0.kind == kind })?.reason {
                    lines.append("  \(kind.rawValue): \(reason)")
                }
            }
        }
        lines.append("")
        lines.append("CORS faults the rebuilt API keeps (\(migration.keptFaults.count)):")
        if migration.keptFaults.isEmpty { lines.append("  none: oas2apigw doctor finds nothing in the rebuilt API") }
        for fault in migration.keptFaults {
            lines.append("  " + (fault.location.map { "\($0): " } ?? "") + "\(fault.severity.rawValue) [\(fault.code)] \(fault.message)")
            for note in fault.notes where note.message.hasPrefix("in the policy: ") { lines.append("    \(note.message)") }
        }
        lines.append("")
        lines.append("not expressed (\(migration.gaps.count)):")
        if migration.gaps.isEmpty { lines.append("  nothing") }
        for gap in migration.gaps {
            lines.append("  " + (gap.location.map { "\($0): " } ?? "") + gap.message)
        }
        lines.append("")
        lines.append("unexplained differences (\(migration.unexplained.count)):")
        if migration.unexplained.isEmpty { lines.append("  none: converting the files above gives the source API plus the fixes listed") }
        for (difference, location) in migration.unexplained {
            lines.append("  " + (location.map { "\($0): " } ?? "") + difference.description)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The CORS of a REST API as the report says it: each resource's origins, or why it has none.
    static func corsLines(of inference: CORSInference) -> [String] {
        var lines = ["CORS, per resource:"]
        if inference.verdicts.isEmpty { lines.append("  (no methods)") }
        for (path, verdict) in inference.verdicts {
            switch verdict {
            case .cors(let settings, let hasPreflight):
                let origins = settings.origins.joined(separator: ", ")
                lines.append("  \(path): \(origins)" + (hasPreflight ? "" : " (no preflight before; one is added)"))
            case .off: lines.append("  \(path): off (no preflight and no CORS headers)")
            case .kept: lines.append("  \(path): kept as written, off for the policy")
            }
        }
        if let origins = inference.policy?["allowOrigins"]?.sequence, origins.count > 1 {
            lines.append(
                "  gateway responses run no template, so with \(origins.count) origins they send back the request's Origin; "
                    + "each resource keeps its own origins through a rule")
        }
        return lines
    }
}

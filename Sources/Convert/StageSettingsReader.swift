import Diagnostics
import YAML
import Support
import Plan
import Planning

/// The settings file's `stage:` key: how the stage runs (docs/settings.md).
///
/// ```yaml
/// stage:
///   accessLog: true                       # or {destination: arn:aws:logs:…, format: '…', retentionDays: 90}
///   tracing: true
///   throttling: {rateLimit: 100, burstLimit: 200}
///   caching: {size: "0.5", ttl: 300, encrypted: true}
///   logging: ERROR                        # execution logs: OFF, ERROR or INFO
///   metrics: true
///   variables: {backendHost: api.internal.example.com}
///   cloudWatchRole: true                  # create the account's CloudWatch Logs role
///   methods:
///     GET /pets: {throttling: {rateLimit: 10, burstLimit: 20}, caching: {ttl: 60}}
/// ```
public struct StageSettingsReader {
    let file: String

    static let keys = ["accessLog", "tracing", "throttling", "caching", "logging", "metrics", "variables", "cloudWatchRole", "methods"]
    /// The cache sizes API Gateway offers, in GB.
    static let cacheSizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"]
    /// The retention periods CloudWatch Logs takes, in days.
    static let retentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]
    /// How long the template's own access log group keeps lines when the file does not say.
    static let defaultRetentionDays = 90

    func read(_ value: Node, into api: inout APISettings, problems: inout DiagnosticEngine) {
        func problem(_ message: String, at node: Node) {
            problems.report(.error(ConvertConfig.invalid, message, at: SourceLocation(file: file, mark: node.mark)))
        }
        guard let fields = value.mapping else {
            problem("stage takes a mapping of stage settings (accessLog, tracing, throttling, …; docs/settings.md); correct the value", at: value)
            return
        }
        var stage = Stage()
        var all = MethodSetting()
        for (key, field) in fields.entries {
            let name = key.text ?? ""
            if ["tracing", "caching", "logging", "cloudWatchRole"].contains(name) {
                api.restOnlySettings.append(("stage.\(name)", SourceLocation(file: file, mark: key.mark)))
            }
            switch name {
            case "accessLog":
                if let on = bool(field) {
                    stage.accessLog = on ? AccessLog(retentionDays: Self.defaultRetentionDays) : nil
                } else if let log = field.mapping {
                    var accessLog = AccessLog()
                    for (logKey, logValue) in log.entries {
                        switch logKey.text ?? "" {
                        case "destination":
                            if let arn = logValue.string, arn.hasPrefix("arn:") { accessLog.destinationARN = .string(arn) } else {
                                problem("stage.accessLog.destination takes the ARN of a log group or a Firehose stream; correct it", at: logValue)
                            }
                        case "format":
                            if let format = logValue.string, format.utf8.count > GatewayQuotas.accessLogFormatBytes {
                                problems.report(
                                    .error(
                                        PlanError.accessLogFormatTooLarge,
                                        "stage.accessLog.format is \(format.utf8.count) bytes, more than the \(GatewayQuotas.accessLogFormatBytes) "
                                            + "(3 KB) API Gateway takes, which AWS does not raise; log fewer $context variables",
                                        at: SourceLocation(file: file, mark: logValue.mark)))
                            } else if let format = logValue.string, format.contains("$context.requestId") || format.contains("$context.extendedRequestId") {
                                accessLog.format = format
                            } else {
                                problem(
                                    "stage.accessLog.format must contain $context.requestId (or $context.extendedRequestId), as API Gateway requires; add it",
                                    at: logValue)
                            }
                        case "retentionDays":
                            if let days = logValue.scalar?.integerValue, Self.retentionDays.contains(days) { accessLog.retentionDays = days } else {
                                problem("stage.accessLog.retentionDays takes one of CloudWatch's periods: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, …, 3653", at: logValue)
                            }
                        default:
                            problem("unknown accessLog setting \"\(logKey.text ?? "")\"; accessLog takes destination, format and retentionDays", at: logKey)
                        }
                    }
                    if accessLog.destinationARN == nil, accessLog.retentionDays == nil { accessLog.retentionDays = Self.defaultRetentionDays }
                    if accessLog.destinationARN != nil, accessLog.retentionDays != nil {
                        problem("stage.accessLog.retentionDays is for the log group the template creates; with a destination, set it on that group", at: field)
                    }
                    stage.accessLog = accessLog
                } else {
                    problem("stage.accessLog takes true, false or {destination, format, retentionDays}; correct the value", at: field)
                }
            case "tracing":
                if let on = bool(field) { stage.tracingEnabled = on } else { problem("stage.tracing takes true or false", at: field) }
            case "cloudWatchRole":
                if let on = bool(field) { stage.createsCloudWatchRole = on } else { problem("stage.cloudWatchRole takes true or false", at: field) }
            case "throttling", "caching", "logging", "metrics":
                readMethodSetting(name, field, into: &all, stage: &stage, problem: problem)
            case "variables":
                guard let entries = field.mapping?.entries else {
                    problem("stage.variables takes a mapping of names to values; correct the value", at: field)
                    continue
                }
                for (variable, text) in entries {
                    guard let key = variable.text, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), let written = text.text,
                        text.isScalar, !text.isNull
                    else {
                        problem("a stage variable takes a name of letters, digits and _ and a plain value; correct it", at: text)
                        continue
                    }
                    if key.count > GatewayQuotas.stageVariableKeyLength || written.count > GatewayQuotas.stageVariableValueLength {
                        problems.report(
                            .error(
                                PlanError.stageVariableQuota,
                                "stage variable \(key.prefix(40)) has a name of \(key.count) and a value of \(written.count) characters; "
                                    + "API Gateway takes \(GatewayQuotas.stageVariableKeyLength) and \(GatewayQuotas.stageVariableValueLength), "
                                    + "which AWS does not raise; shorten it",
                                at: SourceLocation(file: file, mark: variable.mark)))
                        continue
                    }
                    stage.variables.append(Mapped(key, written))
                }
                if entries.count > GatewayQuotas.stageVariables {
                    problems.report(
                        .error(
                            PlanError.stageVariableQuota,
                            "stage.variables has \(entries.count) variables, more than the \(GatewayQuotas.stageVariables) API Gateway "
                                + "takes, which AWS does not raise; keep the rest in the backend's configuration",
                            at: SourceLocation(file: file, mark: key.mark)))
                }
            case "methods":
                guard let entries = field.mapping?.entries else {
                    problem("stage.methods takes a mapping of routes (GET /pets) to their throttling, caching, logging and metrics", at: field)
                    continue
                }
                for (routeKey, settings) in entries {
                    let route = routeKey.text ?? ""
                    let parts = route.split(separator: " ")
                    guard parts.count == 2, HTTPMethod(rawValue: String(parts[0]).uppercased()) != nil, parts[1].hasPrefix("/") else {
                        problem("a stage.methods key is a route such as GET /pets/{petId}; correct \(route)", at: routeKey)
                        continue
                    }
                    var setting = MethodSetting()
                    for (settingKey, settingValue) in settings.mapping?.entries ?? Mapping().entries {
                        let settingName = settingKey.text ?? ""
                        if ["caching", "logging"].contains(settingName) {
                            api.restOnlySettings.append(("stage.methods \(route) \(settingName)", SourceLocation(file: file, mark: settingKey.mark)))
                        }
                        guard ["throttling", "caching", "logging", "metrics"].contains(settingName) else {
                            problem("unknown setting \"\(settingName)\" of \(route); a method takes throttling, caching, logging and metrics", at: settingKey)
                            continue
                        }
                        readMethodSetting(settingName, settingValue, into: &setting, stage: &stage, problem: problem)
                    }
                    api.methodRoutes.append((route, setting))
                }
            default:
                let hint = Suggestion.closest(to: name, among: Self.keys).map { "; did you mean \($0)?" } ?? "; remove it"
                problem("unknown stage setting \"\(name)\"\(hint)", at: key)
            }
        }
        if all != MethodSetting() { stage.methodSettings.insert(all, at: 0) }
        api.stage = stage
    }

    /// Throttling, caching, execution logs or metrics, for every method or one.
    private func readMethodSetting(
        _ name: String, _ field: Node, into setting: inout MethodSetting, stage: inout Stage, problem: (String, Node) -> Void
    ) {
        switch name {
        case "throttling":
            (setting.throttlingRateLimit, setting.throttlingBurstLimit) = ThrottlingSetting.read(field, problem: problem)
        case "caching":
            if let on = bool(field) {
                setting.cachingEnabled = on
                if on, stage.cacheClusterSize == nil { stage.cacheClusterSize = "0.5" }
                return
            }
            guard let fields = field.mapping else {
                problem("caching takes true, false or {size, ttl, encrypted}; correct the value", field)
                return
            }
            setting.cachingEnabled = true
            for (key, value) in fields.entries {
                switch key.text ?? "" {
                case "size":
                    if let size = value.text, Self.cacheSizes.contains(size) { stage.cacheClusterSize = size } else {
                        problem("caching.size takes one of API Gateway's cache sizes in GB: \(Self.cacheSizes.joined(separator: ", "))", value)
                    }
                case "ttl":
                    if let ttl = value.scalar?.integerValue, (0...3600).contains(ttl) { setting.cacheTtlInSeconds = ttl } else {
                        problem("caching.ttl takes seconds from 0 to 3600", value)
                    }
                case "encrypted":
                    if let on = bool(value) { setting.cacheDataEncrypted = on } else { problem("caching.encrypted takes true or false", value) }
                default:
                    problem("unknown caching setting \"\(key.text ?? "")\"; caching takes size, ttl and encrypted", key)
                }
            }
            if stage.cacheClusterSize == nil { stage.cacheClusterSize = "0.5" }
        case "logging":
            if let level = field.string?.uppercased(), ["OFF", "ERROR", "INFO"].contains(level) { setting.loggingLevel = level } else {
                problem("logging takes OFF, ERROR or INFO (execution logs); correct the value", field)
            }
        case "metrics":
            if let on = bool(field) { setting.metricsEnabled = on } else { problem("metrics takes true or false", field) }
        default:
            break
        }
    }

    private func bool(_ node: Node) -> Bool? { node.boolValue }

    /// The `stage:` settings that give `stage` back, and what of it they cannot say (a
    /// method setting for every method of one path, or one method on every path; an access
    /// log destination that is a CloudFormation function). `nil` when the stage has no settings.
    public static func written(_ stage: Stage) -> (settings: Node?, unexpressed: [String]) {
        guard stage.hasSettings else { return (nil, []) }
        var fields = Mapping()
        var unexpressed: [String] = []
        if let log = stage.accessLog {
            var entries = Mapping()
            if let destination = log.destinationARN {
                if destination.tag == nil, let arn = destination.string {
                    entries["destination"] = .string(arn)
                } else {
                    unexpressed.append("the access log's destination \(destination.text ?? "") is a CloudFormation function; give its ARN in stage.accessLog.destination")
                }
            }
            if log.format != AccessLog.defaultFormat { entries["format"] = .string(log.format) }
            if let days = log.retentionDays, days != defaultRetentionDays || log.destinationARN != nil { entries["retentionDays"] = .int(days) }
            fields["accessLog"] = entries.isEmpty ? .bool(true) : .mapping(entries)
        }
        if stage.tracingEnabled { fields["tracing"] = true }
        var methods = Mapping()
        for setting in stage.methodSettings {
            let written = methodSettingFields(setting, cacheSize: stage.cacheClusterSize)
            if setting.resourcePath == "/*", setting.httpMethod == "*" {
                for (key, value) in written.entries { fields.append(key: key, value: value) }
            } else if setting.resourcePath != "/*", setting.httpMethod != "*" {
                methods[setting.httpMethod + " " + MethodSetting.decodedPath(setting.resourcePath)] = .mapping(written)
            } else {
                unexpressed.append("the method settings of \(setting.httpMethod) \(setting.resourcePath) cover every method of a path, or one method on every path, which stage.methods cannot say")
            }
        }
        if let size = stage.cacheClusterSize, !stage.methodSettings.contains(where: { $0.cachingEnabled != nil }) {
            fields["caching"] = ["size": .string(size)]
        }
        if !stage.variables.isEmpty {
            var variables = Mapping()
            for variable in stage.variables { variables[variable.name] = .string(variable.value) }
            fields["variables"] = .mapping(variables)
        }
        if stage.createsCloudWatchRole { fields["cloudWatchRole"] = true }
        if !methods.isEmpty { fields["methods"] = .mapping(methods) }
        return (.mapping(fields), unexpressed)
    }

    /// A method setting as the file writes it: throttling, caching, logging, metrics.
    private static func methodSettingFields(_ setting: MethodSetting, cacheSize: String?) -> Mapping {
        var fields = Mapping()
        if let throttling = ThrottlingSetting.written(rate: setting.throttlingRateLimit, burst: setting.throttlingBurstLimit) {
            fields["throttling"] = throttling
        }
        if let caching = setting.cachingEnabled {
            if caching, setting.resourcePath == "/*" || setting.cacheTtlInSeconds != nil || setting.cacheDataEncrypted != nil {
                var cache = Mapping()
                if setting.resourcePath == "/*", let size = cacheSize { cache["size"] = .string(size) }
                if let ttl = setting.cacheTtlInSeconds { cache["ttl"] = .int(ttl) }
                if let encrypted = setting.cacheDataEncrypted { cache["encrypted"] = .bool(encrypted) }
                fields["caching"] = cache.isEmpty ? .bool(true) : .mapping(cache)
            } else {
                fields["caching"] = .bool(caching)
            }
        }
        if let level = setting.loggingLevel { fields["logging"] = .string(level) }
        if let metrics = setting.metricsEnabled { fields["metrics"] = .bool(metrics) }
        return fields
    }
}

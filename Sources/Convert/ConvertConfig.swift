import Diagnostics
import YAML
import Support
import Render
import Planning
import Plan

/// The small settings file `convert --config` reads, and a test case's `options.yaml`:
///
/// ```yaml
/// backend: http:https://backend.example.com   # or mock, lambda, lambda:arn:aws:lambda:…
/// stageName: prod
/// cfnStyle: body                              # or resources
/// format: json                                # or yaml
/// repair: true                                # fix path problems that have a safe fix
/// trim: true                                  # leave out of the definition what API Gateway does not use
/// stackResourceLimit: 450                     # split the resource style into nested stacks above this
/// parameters:                                 # values for names the spec leaves open
///   lambda_arn: arn:aws:lambda:eu-west-1:123456789012:function:orders
/// ignore: [GW014]                              # warnings and notes the team has accepted
/// requestValidation: all                       # or none, parameters, body
/// ```
///
/// docs/settings.md describes every key.
///
/// Every key is optional; the command line's own options win over the file's.
public struct ConvertConfig: Sendable, Equatable {
    public var backend: IntegrationSettings.Backend?
    public var stageName: String?
    public var cloudFormationStyle: CloudFormationRenderer.Style?
    public var format: SourceFormat?
    /// `--repair`; `nil` when the file does not say.
    public var repair: Bool?
    /// `--trim`; `nil` when the file does not say.
    public var trim: Bool?
    /// The most resources one template of the resource style holds before it is split into
    /// nested stacks (CloudFormation's 500 when the file does not say).
    public var stackResourceLimit: Int?
    /// Values for the names the spec's values refer to and leave open (`${lambda_arn}`,
    /// `ApiRole.Arn`, `AWS::Region`), as `--parameter NAME=VALUE` gives them.
    public var parameters: [String: String] = [:]
    /// Codes of warnings and notes to leave out, as `--ignore` gives them.
    public var ignore: [String] = []
    /// The API's own settings: request validation, …
    public var api = APISettings()

    public init() {}

    public static let invalid = DiagnosticCode(
        "CONV020", .error,
        "The diagnostic code for a mistake in the file.")

    /// Every key the file takes, in the order docs/settings.md lists them.
    public static let keys = [
        "backend", "stageName", "cfnStyle", "format", "repair", "trim", "stackResourceLimit", "parameters", "ignore", "requestValidation", "stage", "endpoint",
        "binaryMediaTypes", "minimumCompressionSize", "usagePlans", "api", "jwt", "payloadFormatVersion",
    ]

    /// Reads the file; every mistake is reported, with its place and the fix.
    public static func read(_ bytes: [UInt8], file: String) throws -> (ConvertConfig, [Diagnostic]) {
        let root = try DocumentReader.read(bytes, file: file)
        var config = ConvertConfig()
        var problems = DiagnosticEngine()
        func problem(_ message: String, at node: Node) {
            problems.report(.error(invalid, message, at: SourceLocation(file: file, mark: node.mark)))
        }
        guard let mapping = root.mapping else {
            problem("the settings file must be a mapping of settings such as backend, stageName and cfnStyle (docs/settings.md)", at: root)
            return (config, problems.diagnostics)
        }
        for (key, value) in mapping.entries {
            let name = key.text ?? ""
            if ["requestValidation", "usagePlans", "binaryMediaTypes", "minimumCompressionSize"].contains(name) {
                config.api.restOnlySettings.append((name, SourceLocation(file: file, mark: key.mark)))
            }
            switch name {
            case "api":
                if let kind = value.string.flatMap(APIKind.init(rawValue:)) { config.api.kind = kind } else {
                    problem("api takes rest or http; correct the value", at: value)
                }
            case "jwt":
                config.api.jwtAuthorizers = readJWT(value, file: file, problems: &problems)
            case "payloadFormatVersion":
                if let version = value.text, APIKind.http.payloadFormatVersions.contains(version) {
                    config.api.payloadFormatVersion = version
                } else {
                    problem("payloadFormatVersion takes \"1.0\" or \"2.0\" (an HTTP API's Lambda event format); correct the value", at: value)
                }
            case "backend":
                if let backend = value.string.flatMap(backend(from:)) { config.backend = backend } else {
                    problem("backend takes mock, http:URL, lambda or lambda:ARN; \(backendProblem(value.text ?? ""))", at: value)
                }
            case "stageName":
                if let stage = value.text, isStageName(stage) { config.stageName = stage } else {
                    problem("stageName takes 1 to 128 letters, digits, - and _; correct the value", at: value)
                }
            case "cfnStyle":
                if let style = value.string.flatMap(CloudFormationRenderer.Style.init(rawValue:)) {
                    config.cloudFormationStyle = style
                } else {
                    problem("cfnStyle takes resources, body or body-s3; correct the value", at: value)
                }
            case "format":
                if let format = value.string.flatMap(SourceFormat.init(rawValue:)) { config.format = format } else {
                    problem("format takes yaml or json; correct the value", at: value)
                }
            case "stackResourceLimit":
                if let limit = value.scalar?.integerValue, (10...CloudFormationRenderer.maxResources).contains(limit) {
                    config.stackResourceLimit = limit
                } else {
                    problem("stackResourceLimit takes a number of resources from 10 to 500; correct the value", at: value)
                }
            case "trim":
                if let trim = value.boolValue { config.trim = trim } else { problem("trim takes true or false; correct the value", at: value) }
            case "repair":
                if let repair = value.boolValue {
                    config.repair = repair
                } else {
                    problem("repair takes true or false; correct the value", at: value)
                }
            case "parameters":
                guard let entries = value.mapping?.entries else {
                    problem("parameters takes a mapping of names to values (lambda_arn: arn:…); correct the value", at: value)
                    continue
                }
                for (parameter, text) in entries {
                    guard let name = parameter.text, !name.isEmpty, text.isScalar, !text.isNull, text.tag == nil,
                        let written = text.text
                    else {
                        problem("a parameter takes a name and a plain value (lambda_arn: arn:…); correct it", at: text)
                        continue
                    }
                    config.parameters[name] = written
                }
            case "ignore":
                let items = value.sequence ?? (value.string != nil ? [value] : nil)
                guard let items else {
                    problem("ignore takes a list of codes ([GW014, CORS019]); correct the value", at: value)
                    continue
                }
                for item in items {
                    if let code = item.string, code.wholeMatch(of: /[A-Z]{2,4}[0-9]{3}/) != nil {
                        config.ignore.append(code)
                    } else {
                        problem("ignore takes diagnostic codes such as GW014; correct \(item.text ?? "the value")", at: item)
                    }
                }
            case "requestValidation":
                if let setting = value.string.flatMap(RequestValidationSetting.init(rawValue:)) {
                    config.api.requestValidation = setting
                } else {
                    problem("requestValidation takes none, parameters, body or all; correct the value", at: value)
                }
            case "stage":
                StageSettingsReader(file: file).read(value, into: &config.api, problems: &problems)
            case "endpoint":
                guard let fields = value.mapping else {
                    problem("endpoint takes a mapping: {type: REGIONAL, vpcEndpointIds: [vpce-…]}; correct the value", at: value)
                    continue
                }
                for (key, field) in fields.entries {
                    switch key.text ?? "" {
                    case "type":
                        if let type = field.string?.uppercased(), ["EDGE", "REGIONAL", "PRIVATE"].contains(type) {
                            config.api.endpointType = type
                            if !APIKind.http.endpointTypes.contains(type) {
                                config.api.restOnlySettings.append(("endpoint.type \(type)", SourceLocation(file: file, mark: field.mark)))
                            }
                        } else {
                            problem("endpoint.type takes EDGE, REGIONAL or PRIVATE; correct the value", at: field)
                        }
                    case "vpcEndpointIds":
                        let ids = field.sequence?.compactMap(\.string) ?? []
                        if field.sequence == nil || ids.count != field.sequence?.count || ids.contains(where: { !$0.hasPrefix("vpce-") }) {
                            problem("endpoint.vpcEndpointIds takes a list of VPC endpoint ids such as vpce-0123456789abcdef0; correct it", at: field)
                        } else {
                            config.api.vpcEndpointIds = ids
                            config.api.restOnlySettings.append(("endpoint.vpcEndpointIds", SourceLocation(file: file, mark: key.mark)))
                        }
                    default:
                        problem("unknown endpoint setting \"\(key.text ?? "")\"; endpoint takes type and vpcEndpointIds", at: key)
                    }
                }
            case "binaryMediaTypes":
                let types = value.sequence?.compactMap(\.string) ?? []
                if value.sequence == nil || types.count != value.sequence?.count || types.contains(where: { !$0.contains("/") }) {
                    problem("binaryMediaTypes takes a list of media types such as [image/png, \"*/*\"]; correct it", at: value)
                } else {
                    config.api.binaryMediaTypes = types
                }
            case "usagePlans":
                config.api.usagePlans = UsagePlanSettings.read(value, file: file, problems: &problems)
            case "minimumCompressionSize":
                if let size = value.scalar?.integerValue, (0...10_485_760).contains(size) {
                    config.api.minimumCompressionSize = size
                } else {
                    problem("minimumCompressionSize takes a number of bytes from 0 to 10485760; correct the value", at: value)
                }
            default:
                let hint = Suggestion.closest(to: name, among: keys).map { "; did you mean \($0)?" } ?? "; remove it"
                problem("unknown setting \"\(name)\"\(hint)", at: key)
            }
        }
        return (config, problems.diagnostics)
    }

    /// `jwt:`: for each `oauth2` or `openIdConnect` security scheme, who issues its tokens
    /// and for whom (`{issuer: https://…, audience: [CLIENT_ID]}`).
    static func readJWT(_ value: Node, file: String, problems: inout DiagnosticEngine) -> [JWTAuthorizerSetting] {
        func problem(_ message: String, at node: Node) {
            problems.report(.error(invalid, message, at: SourceLocation(file: file, mark: node.mark)))
        }
        guard let schemes = value.mapping?.entries else {
            problem("jwt takes a mapping of security scheme names to {issuer, audience}; correct the value", at: value)
            return []
        }
        var settings: [JWTAuthorizerSetting] = []
        for (name, fields) in schemes {
            guard let scheme = name.text, let entries = fields.mapping?.entries else {
                problem("a jwt entry takes a security scheme's name and {issuer: https://…, audience: [CLIENT_ID]}", at: fields)
                continue
            }
            var setting = JWTAuthorizerSetting(scheme: scheme, location: SourceLocation(file: file, mark: name.mark))
            for (key, field) in entries {
                switch key.text ?? "" {
                case "issuer":
                    if let issuer = field.string, issuer.hasPrefix("https://") { setting.issuer = issuer } else {
                        problem("jwt.\(scheme).issuer takes the issuer's https:// URL; correct the value", at: field)
                    }
                case "audience":
                    let items = field.sequence ?? (field.string != nil ? [field] : [])
                    let audience = items.compactMap(\.string)
                    if audience.isEmpty || audience.count != items.count {
                        problem("jwt.\(scheme).audience takes a list of client IDs; correct the value", at: field)
                    } else {
                        setting.audience = audience
                    }
                default:
                    problem("unknown jwt setting \"\(key.text ?? "")\" of \(scheme); a scheme takes issuer and audience", at: key)
                }
            }
            settings.append(setting)
        }
        return settings
    }

    /// `mock`, `http:URL`, `lambda` or `lambda:ARN`, as `--backend` and the file spell it.
    public static func backend(from text: String) -> IntegrationSettings.Backend? {
        if text == "mock" { return .mock }
        if text == "lambda" { return .lambdaProxy(functionARN: nil) }
        if text.hasPrefix("lambda:arn:") { return .lambdaProxy(functionARN: String(text.dropFirst("lambda:".count))) }
        if text.hasPrefix("http:http://") || text.hasPrefix("http:https://") {
            return .httpProxy(baseURL: String(text.dropFirst("http:".count)))
        }
        return nil
    }

    /// What `--backend` and the settings file say about a value they cannot read: the fix,
    /// with the spelling meant when the value is a bare URL.
    public static func backendProblem(_ text: String) -> String {
        if text.hasPrefix("http://") || text.hasPrefix("https://") {
            return "a backend URL is written with its kind first: http:\(text)"
        }
        return "write mock, http:URL, lambda or lambda:ARN"
    }

    /// API Gateway's rule for stage names.
    public static func isStageName(_ text: String) -> Bool {
        text == APIKind.http.defaultStageName || (1...128).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

extension ConvertConfig: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        invalid,
    ]
}

extension ConvertConfig {
    /// The file's settings that shape a conversion beyond its target, format, style and
    /// backend, which each caller resolves with its own options first: the API's settings,
    /// `repair`, `trim` and `stackResourceLimit`. One place, so that `convert`, `check` and the
    /// golden cases read a settings file alike. A command-line flag can only turn on what
    /// the file leaves off, which its caller does after this.
    public func apply(to request: inout Converter.Request) {
        request.planning.api = api
        if repair == true { request.repairsPaths = true }
        if trim == true { request.trimsDefinition = true }
        if let stackResourceLimit { request.stackResourceLimit = stackResourceLimit }
    }

    /// The integrations of a conversion: the command line's values first, then the file's, then
    /// the defaults (a mock backend; the stage of the API's kind, `v1` or `$default`).
    public func integrations(
        backend: IntegrationSettings.Backend? = nil, stageName: String? = nil, parameterValues: [String: String]? = nil
    ) -> IntegrationSettings {
        IntegrationSettings(
            backend: backend ?? self.backend ?? .mock, stageName: stageName ?? self.stageName ?? api.kind.defaultStageName,
            parameterValues: parameterValues ?? parameters)
    }
}


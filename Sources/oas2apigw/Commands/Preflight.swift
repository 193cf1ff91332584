import ArgumentParser
import Convert
import Intake
import Diagnostics
import YAML
import Plan
import Preflight
import CORS

extension OAS2APIGW {
    /// `oas2apigw preflight`: what a browser and API Gateway do with one cross-origin fetch.
    struct Preflight: ParsableCommand {
        /// How the report is printed.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        static let configuration = CommandConfiguration(
            commandName: "preflight",
            abstract: "Simulate a browser's cross-origin fetch against the API and say whether CORS lets it through.",
            discussion: HelpText.discussion(
                """
                Plays one fetch() from a page on --origin through the API that SOURCE describes: an \
                OpenAPI spec with the CORS policy given by --cors, a CloudFormation template (YAML or \
                JSON; --parameter NAME=VALUE for its parameters), or an OpenAPI document with \
                x-amazon-apigateway extensions, as API Gateway exports it. It prints the OPTIONS request \
                the browser sends when a preflight is needed, the answer API Gateway would give \
                (status and headers, and the integration response, mapping or template behind each \
                header, or the gateway response when API Gateway answers by itself), then the \
                actual request and its answer, and the verdict with the message Chromium prints \
                in its console. Backends are never called: a proxy integration is assumed to send \
                only the headers given with --backend-header.
                """,
                examples: [
                    "oas2apigw preflight openapi.yaml --cors cors.yaml --path /pets/7\n--method PUT --origin https://app.example.com\n--header 'Authorization: Bearer x'",
                    "oas2apigw preflight template.yaml --path /pets --credentials\n--origin https://app.example.com",
                ],
                exitCodes: [
                    (0, "the browser allows the request"),
                    (1, "the browser blocks it"),
                    (2, "SOURCE or the policy has errors, or a file could not be read"),
                ])
        )

        @Argument(help: "The OpenAPI spec, CloudFormation template or exported OpenAPI document (YAML or JSON), or - for standard input.")
        var source: String

        @Option(help: "The CORS policy applied to the spec, as for convert.")
        var cors: String?

        @Option(help: "The path under the stage, such as /pets/7; a path with the stage (/v1/pets/7) or the whole URL is read as the browser's.")
        var path: String

        @Option(help: "The page's origin, such as https://app.example.com.")
        var origin: String

        @Option(help: "The method the page uses; GET unless set.")
        var method: String = "GET"

        @Option(
            name: .customLong("header"),
            help: "A header the page sets, as 'Name: value' or just Name; repeat for more.")
        var headers: [String] = []

        @Flag(help: "The page fetches with credentials: 'include' (cookies).")
        var credentials = false

        @Option(help: "The stage in the URL; the API's stage unless set. Another stage shows what a wrong URL gets.")
        var stage: String?

        @Option(help: "The backend of operations without their own integration, as for convert: mock, http:URL or lambda[:ARN].")
        var backend: String?

        @Option(
            name: .customLong("backend-header"),
            help: "A header a proxy integration's backend sends, as 'Name: value'; repeat for more. None is assumed otherwise.")
        var backendHeaders: [String] = []

        @Flag(help: "Send header names in lower case, as browsers do over HTTP/2; API Gateway's templates then see them so.")
        var http2 = false

        @Option(help: "How to print the report: text or json.")
        var format: Format = .text

        @Flag(name: .customLong("allow-ref-outside"), help: "Let $refs read files outside the spec's folder.")
        var allowsRefsOutsideFolder = false

        @Option(name: .customLong("parameter"), help: TemplateParameterArguments.help)
        var parameters: [String] = []

        @Flag(help: "Plan a spec as convert --repair does, with the path problems that have a safe fix fixed.")
        var repair = false

        @Option(
            help: "The settings file convert --config reads (backend, stageName, repair), to plan a spec as convert does; options given here win.")
        var config: String?

        @Option(
            name: .customLong("api"),
            help: ArgumentHelp(
                APIKind.helpText + " A template says which it is itself; an exported document is read as this kind when it could "
                    + "be either, and naming the other kind than a definition is an error.", valueName: "kind"))
        var apiName: String?

        @OptionGroup var diagnostics: DiagnosticOptions

        /// A header argument as a name and a value; a bare name gets a placeholder value.
        static func header(_ argument: String) -> Mapped? {
            let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).trimmingCharacters(in: " \t")
            guard FetchRules.isToken(name) else { return nil }
            let value = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: " \t") : "example"
            return Mapped(name, value)
        }

        /// Whether `text` is an origin as a browser serialises it: scheme, host, optional
        /// port, nothing after.
        static func isSerialisedOrigin(_ text: String) -> Bool {
            let pieces = text.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return false }
            let scheme = pieces[0]
            let rest = pieces[1]
            return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter && $0.isLowercase }
                && !rest.isEmpty && !rest.contains("/") && !rest.contains("?") && !rest.contains("#")
                && !rest.contains(" ") && rest == rest.lowercased()
        }

        func validate() throws {
            _ = try APIKind.option(apiName)
            guard Self.isSerialisedOrigin(origin) else {
                throw ValidationError("--origin takes an origin as browsers send it, such as https://app.example.com (lower case, no path)")
            }
            guard FetchRules.isToken(method) else { throw ValidationError("--method takes an HTTP method such as PUT") }
            if FetchRules.isForbiddenMethod(method) {
                throw ValidationError("fetch() refuses the method \(method) before sending anything")
            }
            for argument in headers + backendHeaders where Self.header(argument) == nil {
                throw ValidationError("--header and --backend-header take 'Name: value', not \(argument)")
            }
            if let backend, ConvertConfig.backend(from: backend) == nil {
                throw ValidationError("--backend takes mock, http:URL or lambda[:ARN], not \(backend); \(ConvertConfig.backendProblem(backend))")
            }
            if let stage, !ConvertConfig.isStageName(stage) {
                throw ValidationError("--stage takes 1 to 128 letters, digits, - and _")
            }
            let isURL = path.lowercased().hasPrefix("https://") || path.lowercased().hasPrefix("http://")
            guard path.hasPrefix("/") || isURL else {
                throw ValidationError("--path starts with /, such as /pets/7, or is the whole URL, such as https://…/v1/pets/7")
            }
            guard !path.contains("?"), !path.contains("#") else {
                throw ValidationError("--path takes the path alone, without a query string or fragment")
            }
        }

        /// The policy edit that lets a blocked request through, when the policy decides it.
        static func fix(for report: PreflightReport, plan: GatewayPlan, policy file: String, path requested: String) throws -> String? {
            guard let failure = report.verdict.failure else { return nil }
            let duringPreflight = report.verdict.duringPreflight
            let answer = duringPreflight ? report.preflightAnswer : report.actualAnswer
            let (routedPath, method) = reached(by: duringPreflight ? "OPTIONS" : report.request.method, on: requested, in: plan)
            // An HTTP API with a CORS configuration drops the backend's CORS headers and sends
            // the configuration's, so the policy decides even for a proxy.
            let backendDecides = !(plan.kind.answersPreflightsItself && plan.cors != nil)
            let need: CORSPolicy.Need?
            switch failure {
            case .allowOriginMismatch, .missingAllowOrigin:
                if let answer, let type = answer.gatewayResponseType {
                    need = .gatewayResponse(type: type, status: answer.status, origin: report.request.origin)
                } else if method?.role == .existingOptions {
                    need = .ownOptions
                } else if let method, method.integration.kind.isProxy, !duringPreflight, backendDecides {
                    let verb = method.httpMethod
                    return "\(verb) \(routedPath ?? requested) is a proxy integration, whose response API Gateway passes through, "
                        + "so its backend must send Access-Control-Allow-Origin itself (--backend-header shows the answer with it)"
                } else {
                    need = .origin(report.request.origin)
                }
            case .headerNotAllowed(let header): need = .header(header)
            case .methodNotAllowed(let method): need = .method(method)
            case .invalidAllowCredentials: need = .credentials
            case .wildcardOriginWithCredentials: need = .credentialsWithWildcard(origin: report.request.origin)
            default: need = nil
            }
            let reading = try CORSPolicyReader.read(try Files.read(file, limit: ReadLimits.default.maxDocumentBytes), file: file)
            let policy = reading.policy
            let edit = policy.fix(for: need, on: routedPath ?? requested)
            // A URL that reaches no method fails whatever the policy says: that comes first. A
            // REST API answers it with a gateway response; an HTTP API with 404, after
            // answering the preflight from its CORS configuration whatever the path.
            if let answer, answer.route == nil,
                plan.kind.answersPreflightsItself ? !duringPreflight : answer.gatewayResponseType != nil
            {
                return "the URL reaches no \(plan.kind.answersPreflightsItself ? "route" : "method") of the API (\(answer.producedBy)), so call one it has"
                    + (edit.map { "; the browser then reports a CORS error, not the \(answer.status), because \($0)" } ?? "")
            }
            return edit
        }

        /// The path and method a request of `verb` reaches, as the API routes it: a REST API by
        /// its resource tree, then the method or ANY; an HTTP API by its route priority, where
        /// `$default` stands for no path of its own.
        static func reached(by verb: String, on path: String, in plan: GatewayPlan) -> (path: String?, method: PlanMethod?) {
            let simulator = GatewaySimulator(plan: plan)
            if plan.kind == .http {
                guard let route = simulator.httpRoute(method: verb, path: path) else { return (nil, nil) }
                return (route.resource.path == GatewayPlan.defaultRoutePath ? nil : route.resource.path, route.method)
            }
            let resource = simulator.route(path)?.0
            return (resource?.path, resource.flatMap { $0.method(verb) ?? $0.method("ANY") })
        }

        func run() throws {
            var blocked = false
            try diagnostics.run { engine in
                var settings = try ConvertConfig.read(config, reportingTo: &engine)
                let api = try APIKind.option(apiName)
                if let api { settings.api.kind = api }
                guard !diagnostics.stops(engine.diagnostics),
                    let (plan, isPlanned) = try PlanSource.plan(
                        source, cors: cors,
                        backend: backend.flatMap(ConvertConfig.backend(from:)) ?? settings.backend ?? .mock,
                        stageName: settings.stageName, allowsRefsOutsideFolder: allowsRefsOutsideFolder,
                        parameters: try TemplateParameterArguments.values(parameters),
                        repairsPaths: repair || settings.repair == true, api: settings.api, asked: api, ignoring: settings.ignore,
                        into: &engine)
                else { return }
                let target = RequestTarget(path, stage: stage ?? plan.stage.name, plan: plan)
                if let understood = target.understood { diagnostics.summary("understood: \(understood)") }
                var input = PreflightSimulation.Input(
                        plan: plan, path: target.path, origin: origin, method: method, headers: headers.compactMap(Self.header),
                        includesCredentials: credentials, stage: stage ?? target.stage, backendHeaders: backendHeaders.compactMap(Self.header),
                        sendsLowercaseHeaderNames: http2,
                        baseURL: target.baseURL ?? PreflightSimulation.Input.placeholderBaseURL)
                input.urlNamesStage = target.urlNamesStage
                let report = PreflightSimulation.run(input)
                let fix = isPlanned ? try cors.flatMap { try Self.fix(for: report, plan: plan, policy: $0, path: target.path) } : nil
                var text = format == .json ? report.json(fix: fix) : report.text()
                if format == .text, let fix { text += "\nFix: \(fix)\n" }
                try Files.write(text, to: "-")
                blocked = !report.verdict.isAllowed
            }
            // A blocked request is the answer to the question, not an input error.
            if blocked { throw ExitCode(1) }
        }
    }
}

extension String {
    /// The text without leading and trailing characters from `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}

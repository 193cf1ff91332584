import Diagnostics
import YAML
import Support

/// A policy as far as it could be read, and every problem found on the way.
public struct CORSPolicyReading: Sendable {
    /// The policy without the values that were refused.
    public var policy: CORSPolicy
    /// Errors and warnings in the order of the file, then the problems of keys seen together
    /// (the wildcard origin or headers with credentials), top level first, then by rule.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Turns a policy file's node tree into a `CORSPolicy`, checking every value.
///
/// The reader never stops at the first problem: a refused value is reported and left out,
/// and reading goes on, so one run lists everything to fix. Values are written plainly in
/// the file (`*`, `https://app.example.com`); API Gateway's single quotes are the
/// renderer's business, and a value that already carries them gets a warning and is used
/// without them.
public enum CORSPolicyReader {
    /// The keys a policy file may have at its top level, in the order the documentation
    /// lists them (and did-you-mean hints prefer).
    public static let topLevelKeys = [
        "allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders", "allowCredentials", "maxAge",
        "preflightStatus", "gatewayResponses", "gatewayResponseOrigin", "existingOptions", "rules",
    ]

    /// The keys a rule may have.
    public static let ruleKeys = [
        "paths", "methods", "enabled", "allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders",
        "allowCredentials", "maxAge", "preflightStatus", "existingOptions",
    ]

    /// Reads a policy file's bytes (YAML or JSON) and then its tree.
    ///
    /// - Throws: `DiagnosticError` when the file is not YAML or JSON at all; problems with
    ///   the policy itself are in the returned `diagnostics`.
    public static func read(_ bytes: [UInt8], file: String, format: SourceFormat? = nil) throws -> CORSPolicyReading {
        read(try DocumentReader.read(bytes, file: file, format: format), file: file)
    }

    /// Reads a policy from its tree; `file` names it in diagnostics.
    public static func read(_ root: Node, file: String) -> CORSPolicyReading {
        var reader = Reader(file: file)
        let policy = reader.readPolicy(root)
        return CORSPolicyReading(policy: policy, diagnostics: reader.diagnostics.diagnostics)
    }

    /// Problems that only show when keys are seen together, possibly from different rules:
    /// the wildcard origin or wildcard headers with credentials.
    static func combinationProblems(of settings: CORSSettings) -> [Diagnostic] {
        guard let credentials = settings.allowCredentials, credentials.value else { return [] }
        var found = DiagnosticEngine()
        if let star = settings.allowOrigins?.value.first(where: { $0.value == .any }) {
            found.report(
                .error(
                    CORSDiagnosticCode.wildcardWithCredentials,
                    "allowCredentials: true cannot be combined with the origin *, which browsers then refuse; list the allowed origins or remove allowCredentials",
                    at: credentials.location,
                    notes: [.init("the origin * is allowed here", at: star.location)]))
        }
        if let star = settings.allowHeaders?.value.first(where: { $0.value == "*" }) {
            found.report(
                .warning(
                    CORSDiagnosticCode.wildcardHeadersWithCredentials,
                    "with allowCredentials: true, * in allowHeaders is a plain header name and never covers Authorization; list the headers by name",
                    at: star.location))
        }
        if let star = settings.exposeHeaders?.value.first(where: { $0.value == "*" }) {
            found.report(
                .warning(
                    CORSDiagnosticCode.wildcardExposeWithCredentials,
                    "with allowCredentials: true, * in exposeHeaders is a plain header name and exposes nothing else; list the headers by name",
                    at: star.location))
        }
        return found.diagnostics
    }
}

/// The reading state: the file's name and the diagnostics so far.
private struct Reader {
    let file: String
    var diagnostics = DiagnosticEngine()

    init(file: String) { self.file = file }

    func location(_ node: Node) -> SourceLocation? {
        node.mark.isSynthetic ? nil : SourceLocation(file: file, mark: node.mark)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at node: Node, notes: [Diagnostic.Note] = []) {
        diagnostics.report(.error(code, message, at: location(node), notes: notes))
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at node: Node, notes: [Diagnostic.Note] = []) {
        diagnostics.report(.warning(code, message, at: location(node), notes: notes))
    }

    /// Reports each diagnostic not already reported, so a combination found through the
    /// top level and again through a rule is printed once.
    mutating func reportOnce(_ found: [Diagnostic]) {
        for d in found where !diagnostics.diagnostics.contains(d) { diagnostics.report(d) }
    }

    // MARK: the file

    mutating func readPolicy(_ root: Node) -> CORSPolicy {
        var policy = CORSPolicy(file: file)
        guard let mapping = root.mapping else {
            error(
                CORSDiagnosticCode.wrongType,
                "a CORS policy must be a mapping of keys such as allowOrigins, not \(root.kindDescription); start the file with allowOrigins:",
                at: root)
            return policy
        }
        var rulesNode: Node?
        for (keyNode, value) in mapping.entries {
            let key = keyNode.text ?? ""
            if readSetting(key, value, into: &policy.settings) { continue }
            switch key {
            case "gatewayResponses":
                policy.gatewayResponses = readGatewayResponses(value)
            case "gatewayResponseOrigin":
                guard let text = plainString(value, key: key, what: "one origin such as https://app.example.com") else { continue }
                do {
                    let pattern = try OriginPattern.parse(text)
                    guard case .exact(let origin) = pattern else {
                        error(
                            CORSDiagnosticCode.gatewayResponseOriginNotAllowed,
                            "gatewayResponseOrigin names one origin, not the pattern \(pattern); write the origin whose pages should read API Gateway's errors",
                            at: value)
                        continue
                    }
                    policy.gatewayResponseOrigin = CORSLocated(origin, at: location(value))
                } catch {
                    self.error(error.code, error.message, at: value)
                }
            case "rules":
                rulesNode = value
            case "paths", "methods", "enabled":
                error(
                    CORSDiagnosticCode.unknownKey,
                    "\(key) belongs in a rule, not at the top level; write it under rules: as - paths: [...] with the keys it changes",
                    at: keyNode)
            default:
                reportUnknownKey(keyNode, known: CORSPolicyReader.topLevelKeys, place: "a CORS policy")
            }
        }
        if mapping["allowOrigins"] == nil {
            error(
                CORSDiagnosticCode.missingValue,
                "the policy has no allowOrigins; list the origins whose pages may call the API, such as https://app.example.com",
                at: root)
        }
        reportOnce(CORSPolicyReader.combinationProblems(of: policy.settings))
        if let rulesNode {
            policy.rules = readRules(rulesNode)
            for rule in policy.rules where !rule.disables {
                reportOnce(CORSPolicyReader.combinationProblems(of: policy.settings.overlaid(by: rule.settings)))
            }
        }
        return policy
    }

    /// Reads one of the keys the top level and rules share; false for any other key.
    mutating func readSetting(_ key: String, _ value: Node, into settings: inout CORSSettings) -> Bool {
        switch key {
        case "allowOrigins": settings.allowOrigins = readOrigins(value)
        case "allowMethods": settings.allowMethods = readMethods(value, key: key)
        case "allowHeaders": settings.allowHeaders = readHeaders(value, key: key)
        case "exposeHeaders": settings.exposeHeaders = readHeaders(value, key: key)
        case "allowCredentials": settings.allowCredentials = readCredentials(value)
        case "maxAge": settings.maxAge = readMaxAge(value)
        case "preflightStatus": settings.preflightStatus = readPreflightStatus(value)
        case "existingOptions": settings.existingOptions = readExistingOptions(value)
        default: return false
        }
        return true
    }

    mutating func reportUnknownKey(_ keyNode: Node, known: [String], place: String) {
        let key = keyNode.text ?? ""
        let hint = Suggestion.closest(to: key, among: known).map { "did you mean \"\($0)\"?" } ?? "remove it or check the spelling"
        error(CORSDiagnosticCode.unknownKey, "unknown key \"\(key)\" in \(place); \(hint)", at: keyNode)
    }

    // MARK: values

    /// The text of a string scalar, without API Gateway quotes (which get a warning).
    mutating func plainString(_ node: Node, key: String, what: String) -> String? {
        guard let text = node.string else {
            error(CORSDiagnosticCode.wrongType, "each entry of \(key) must be a string, not \(node.kindDescription); write \(what)", at: node)
            return nil
        }
        return unquoted(text, at: node)
    }

    mutating func unquoted(_ text: String, at node: Node) -> String {
        guard text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") else { return text }
        let inner = String(text.dropFirst().dropLast())
        // API Gateway's own form is one quoted, comma-separated value; the policy's is a list.
        let parts = inner.split(separator: ",").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            .filter { !$0.isEmpty }
        let written = parts.count > 1 ? "[\(parts.joined(separator: ", "))], each name its own list item" : inner
        warning(
            CORSDiagnosticCode.quotedValue,
            "remove the single quotes around \(text) and write \(written); the tool adds API Gateway's quotes itself",
            at: node)
        return inner
    }

    /// A list, or a single string standing for a list of one.
    mutating func items(_ node: Node, key: String, what: String) -> [Node]? {
        if let items = node.sequence { return items }
        if node.string != nil { return [node] }
        error(CORSDiagnosticCode.wrongType, "\(key) must be a list, not \(node.kindDescription); write a list of \(what)", at: node)
        return nil
    }

    mutating func readOrigins(_ node: Node) -> CORSLocated<[CORSLocated<OriginPattern>]>? {
        guard let items = items(node, key: "allowOrigins", what: "origins such as https://app.example.com") else {
            return nil
        }
        if items.isEmpty {
            error(
                CORSDiagnosticCode.missingValue,
                "allowOrigins is empty, so no page may call the API; list origins, or use a rule with enabled: false to turn CORS off",
                at: node)
        }
        var origins: [CORSLocated<OriginPattern>] = []
        for item in items {
            guard let text = plainString(item, key: "allowOrigins", what: "an origin such as https://app.example.com")
            else { continue }
            let pattern: OriginPattern
            do {
                pattern = try OriginPattern.parse(text)
            } catch {
                self.error(error.code, error.message, at: item)
                continue
            }
            if isRepeated(
                in: origins, where: { $0.value == pattern }, at: item,
                "origin \(pattern) is listed twice; remove one")
            {
                continue
            }
            if pattern.isInsecure {
                warning(
                    CORSDiagnosticCode.insecureOrigin,
                    "origin \(pattern) uses http, so anyone on the network can change its pages; use https",
                    at: item)
            }
            origins.append(CORSLocated(pattern, at: location(item)))
        }
        if let star = origins.first(where: { $0.value == .any }), origins.count > 1 {
            let others = origins.filter { $0.value != .any }.map(\.value.description).joined(separator: ", ")
            error(
                CORSDiagnosticCode.wildcardMixedWithOrigins,
                "* allows every origin, so listing \(others) beside it has no effect; keep either * or the origins",
                at: locatedNode(star, in: items) ?? node)
        }
        return CORSLocated(origins, at: location(node))
    }

    /// The item node a located value was read from, to point a diagnostic at it.
    func locatedNode<V>(_ value: CORSLocated<V>, in items: [Node]) -> Node? {
        items.first { location($0) == value.location }
    }

    /// Whether `list` already holds the item's value (`where` finds the earlier entry); if so,
    /// reports the repeat as a warning with a note at the first place, so callers skip it.
    mutating func isRepeated<Value>(
        in list: [CORSLocated<Value>], where isEarlier: (CORSLocated<Value>) -> Bool, at item: Node, _ message: String
    ) -> Bool {
        guard let first = list.first(where: isEarlier) else { return false }
        warning(CORSDiagnosticCode.duplicate, message, at: item, notes: [.init("first listed here", at: first.location)])
        return true
    }

    mutating func readHeaders(_ node: Node, key: String) -> CORSLocated<[CORSLocated<String>]>? {
        guard let items = items(node, key: key, what: "header names such as Content-Type") else { return nil }
        var headers: [CORSLocated<String>] = []
        for item in items {
            guard let name = plainString(item, key: key, what: "a header name such as Content-Type") else { continue }
            if name.contains(",") {
                error(
                    CORSDiagnosticCode.invalidHeaderName,
                    "\"\(name)\" in \(key) holds several header names; write each as its own list item", at: item)
                continue
            }
            guard HTTPSyntax.isToken(name) else {
                error(
                    CORSDiagnosticCode.invalidHeaderName,
                    "\"\(name)\" in \(key) is not a valid header name; use letters, digits and hyphens, as in X-Request-Id",
                    at: item)
                continue
            }
            if isRepeated(
                in: headers, where: { $0.value.lowercased() == name.lowercased() }, at: item,
                "header \(name) is listed twice in \(key) (header names ignore case); remove one")
            {
                continue
            }
            headers.append(CORSLocated(name, at: location(item)))
        }
        return CORSLocated(headers, at: location(node))
    }

    mutating func readMethods(_ node: Node, key: String) -> CORSLocated<[CORSLocated<String>]>? {
        guard let items = items(node, key: key, what: "methods such as GET") else { return nil }
        var methods: [CORSLocated<String>] = []
        for item in items {
            guard let text = plainString(item, key: key, what: "a method such as GET") else { continue }
            guard let method = HTTPSyntax.canonicalMethod(text) else {
                let why =
                    text.contains(",")
                    ? "\"\(text)\" in \(key) holds several methods; write each as its own list item"
                    : text.uppercased() == "ANY" || text == "*"
                    ? "\(text) is not a method browsers send; list the methods, or leave \(key) out to take them from the spec"
                    : "unknown method \"\(text)\" in \(key); use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS"
                error(CORSDiagnosticCode.unknownMethod, why, at: item)
                continue
            }
            if isRepeated(
                in: methods, where: { $0.value == method }, at: item,
                "method \(method) is listed twice in \(key); remove one")
            {
                continue
            }
            methods.append(CORSLocated(method, at: location(item)))
        }
        return CORSLocated(methods, at: location(node))
    }

    /// `true` or `false`; other spellings of a truth value are refused but still count as
    /// what they mean, so `"true"` next to `*` also reports the wildcard problem.
    mutating func readCredentials(_ node: Node) -> CORSLocated<Bool>? {
        if let scalar = node.scalar, scalar.kind == .bool {
            return CORSLocated(scalar.text.lowercased() == "true", at: location(node))
        }
        let word = node.text.map { text -> String in
            var t = text.lowercased()
            if t.count >= 2, t.hasPrefix("'"), t.hasSuffix("'") { t = String(t.dropFirst().dropLast()) }
            return t
        }
        let meaning: Bool? =
            switch word {
            case "true", "yes", "on", "1", "y": true
            case "false", "no", "off", "0", "n": false
            default: nil
            }
        guard let meaning, node.isScalar else {
            error(
                CORSDiagnosticCode.wrongType,
                "allowCredentials must be true or false, not \(node.kindDescription); write true or false without quotes",
                at: node)
            return nil
        }
        // A plain `yes` is a string in YAML 1.2 (only true and false are booleans); a
        // quoted "true" is a string because of its quotes. Each needs its own fix.
        let fix = node.scalar?.style == .plain ? "write \(meaning), YAML's boolean" : "write \(meaning) without quotes"
        error(
            CORSDiagnosticCode.wrongType,
            "allowCredentials must be the boolean \(meaning), not \(node.kindDescription) \"\(node.text ?? "")\"; \(fix)",
            at: node)
        return CORSLocated(meaning, at: location(node))
    }

    mutating func readMaxAge(_ node: Node) -> CORSLocated<Int>? {
        guard let scalar = node.scalar, scalar.kind == .int else {
            error(
                CORSDiagnosticCode.wrongType,
                "maxAge must be a whole number of seconds, not \(node.kindDescription); write a number such as 600", at: node)
            return nil
        }
        guard let seconds = scalar.integerValue, seconds <= Int(Int32.max) else {
            error(
                CORSDiagnosticCode.invalidMaxAge,
                "max age \(scalar.text) is too large to be sent; write at most 7200 (browsers cap it anyway)", at: node)
            return nil
        }
        if seconds < 0 {
            error(
                CORSDiagnosticCode.invalidMaxAge,
                "max age \(seconds) is negative; write 0 to make browsers ask every time, or a number of seconds", at: node)
            return nil
        }
        if seconds > 7200 {
            warning(
                CORSDiagnosticCode.maxAgeAboveBrowserCap,
                "max age \(seconds) is above Chromium's cap of 7200 seconds, so Chromium browsers ask again sooner; write 7200 or less",
                at: node)
        }
        return CORSLocated(seconds, at: location(node))
    }

    mutating func readPreflightStatus(_ node: Node) -> CORSLocated<Int>? {
        guard let scalar = node.scalar, scalar.kind == .int, let status = scalar.integerValue else {
            error(
                CORSDiagnosticCode.wrongType,
                "preflightStatus must be the number 204 or 200, not \(node.kindDescription); write 204 without quotes", at: node)
            return nil
        }
        guard status == 204 || status == 200 else {
            error(
                CORSDiagnosticCode.invalidPreflightStatus,
                "preflight status \(status) is not allowed; write 204 (the default) or 200 for old clients that want it",
                at: node)
            return nil
        }
        return CORSLocated(status, at: location(node))
    }

    mutating func readExistingOptions(_ node: Node) -> CORSLocated<ExistingOptionsAction>? {
        let names = ExistingOptionsAction.allCases.map(\.rawValue)
        guard let text = node.string, let action = ExistingOptionsAction(rawValue: text) else {
            let hint = node.string.flatMap { Suggestion.closest(to: $0, among: names) }.map { " (did you mean \"\($0)\"?)" } ?? ""
            error(
                CORSDiagnosticCode.invalidExistingOptions,
                "existingOptions must be keep, replace or error\(hint); write one of them", at: node)
            return nil
        }
        return CORSLocated(action, at: location(node))
    }

    mutating func readGatewayResponses(_ node: Node) -> CORSLocated<[CORSLocated<GatewayResponseType>]>? {
        guard let items = items(node, key: "gatewayResponses", what: "response types such as DEFAULT_4XX") else {
            return nil
        }
        let names = GatewayResponseType.allCases.map(\.rawValue)
        var types: [CORSLocated<GatewayResponseType>] = []
        for item in items {
            guard let text = plainString(item, key: "gatewayResponses", what: "a response type such as DEFAULT_4XX")
            else { continue }
            guard let type = GatewayResponseType(rawValue: text) else {
                let hint =
                    Suggestion.closest(to: text, among: names).map { "did you mean \"\($0)\"?" }
                    ?? "see docs/cors-policy.md for the list"
                error(
                    CORSDiagnosticCode.unknownGatewayResponse,
                    "unknown gateway response type \"\(text)\"; \(hint)", at: item)
                continue
            }
            if isRepeated(
                in: types, where: { $0.value == type }, at: item,
                "gateway response \(type.rawValue) is listed twice; remove one")
            {
                continue
            }
            types.append(CORSLocated(type, at: location(item)))
        }
        return CORSLocated(types, at: location(node))
    }

    // MARK: rules

    mutating func readRules(_ node: Node) -> [CORSRule] {
        guard let items = node.sequence else {
            error(
                CORSDiagnosticCode.wrongType,
                "rules must be a list, not \(node.kindDescription); start each rule with - paths:", at: node)
            return []
        }
        var rules: [CORSRule] = []
        for item in items {
            if let rule = readRule(item) { rules.append(rule) }
        }
        return rules
    }

    mutating func readRule(_ node: Node) -> CORSRule? {
        guard let mapping = node.mapping else {
            error(
                CORSDiagnosticCode.wrongType,
                "each rule must be a mapping with paths and the keys it changes, not \(node.kindDescription)", at: node)
            return nil
        }
        var rule = CORSRule(location: location(node), paths: [])
        var sawPaths = false
        var methodsKey: Node?
        var settingKeys: [Node] = []
        for (keyNode, value) in mapping.entries {
            let key = keyNode.text ?? ""
            if readSetting(key, value, into: &rule.settings) {
                settingKeys.append(keyNode)
                continue
            }
            switch key {
            case "paths":
                sawPaths = true
                rule.paths = readPaths(value)
            case "methods":
                methodsKey = keyNode
                rule.methods = readMethods(value, key: "methods")?.value
            case "enabled":
                rule.enabled = readEnabled(value)
            case "gatewayResponses":
                error(
                    CORSDiagnosticCode.keyNotAllowedInRule,
                    "gatewayResponses applies to the whole API, since API Gateway has one set of gateway responses; move it to the top level",
                    at: keyNode)
            default:
                reportUnknownKey(keyNode, known: CORSPolicyReader.ruleKeys, place: "a rule")
            }
        }
        if !sawPaths {
            error(
                CORSDiagnosticCode.missingValue,
                "this rule has no paths; add paths: with patterns such as /admin/**", at: node)
        }
        if let methodsKey {
            for keyNode in settingKeys {
                error(
                    CORSDiagnosticCode.keyNotAllowedInRule,
                    "a rule with methods can only set enabled: false, as one preflight answers for every method of a path; move \(keyNode.text ?? "") to a rule without methods",
                    at: keyNode)
            }
            if !rule.disables, settingKeys.isEmpty {
                error(
                    CORSDiagnosticCode.keyNotAllowedInRule,
                    "a rule with methods does nothing unless it sets enabled: false; add enabled: false or remove the rule",
                    at: methodsKey)
            }
        }
        return rule
    }

    mutating func readPaths(_ node: Node) -> [CORSLocated<PathGlob>] {
        guard let items = items(node, key: "paths", what: "path patterns such as /admin/**") else { return [] }
        if items.isEmpty {
            error(CORSDiagnosticCode.missingValue, "paths is empty, so this rule applies nowhere; add a pattern such as /admin/**", at: node)
        }
        var globs: [CORSLocated<PathGlob>] = []
        for item in items {
            guard let text = plainString(item, key: "paths", what: "a path pattern such as /admin/**") else { continue }
            do {
                let glob = try PathGlob(text)
                if isRepeated(
                    in: globs, where: { $0.value == glob }, at: item,
                    "path pattern \(text) is listed twice in this rule; remove one")
                {
                    continue
                }
                globs.append(CORSLocated(glob, at: location(item)))
            } catch {
                self.error(CORSDiagnosticCode.invalidPathGlob, error.message, at: item)
            }
        }
        return globs
    }

    mutating func readEnabled(_ node: Node) -> CORSLocated<Bool>? {
        guard let scalar = node.scalar, scalar.kind == .bool else {
            error(
                CORSDiagnosticCode.wrongType,
                "enabled must be the boolean false, not \(node.kindDescription); write enabled: false without quotes", at: node)
            return nil
        }
        let value = scalar.text.lowercased() == "true"
        if value {
            warning(
                CORSDiagnosticCode.enabledHasNoEffect,
                "enabled: true does nothing, as CORS is on wherever no rule sets enabled: false; remove it", at: node)
        }
        return CORSLocated(value, at: location(node))
    }
}

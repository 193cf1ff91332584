import YAML
import Plan

extension VelocityTemplate {
    /// A value during evaluation: Velocity's Java objects, reduced to what templates use.
    indirect enum Value: Sendable {
        case null
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case list([Value])
        /// An ordered map such as `$input.params().header`.
        case map([(String, Value)])
        /// One of API Gateway's objects: `input`, `context`, `responseOverride`, `util`, …
        case object(String)

        /// How Velocity prints the value in text.
        var text: String {
            switch self {
            case .null: ""
            case .string(let s): s
            case .integer(let i): String(i)
            case .boolean(let b): b ? "true" : "false"
            case .list(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
            case .map(let entries): "{" + entries.map { "\($0.0)=\($0.1.text)" }.joined(separator: ", ") + "}"
            case .object(let name): name
            }
        }

        /// Velocity 1.7's truth: only `null` and `false` are false, an empty string is true.
        var isTrue: Bool {
            switch self {
            case .null: false
            case .boolean(let b): b
            default: true
            }
        }

        var isNull: Bool {
            if case .null = self { return true }
            return false
        }

        /// A JSON document's value: mappings become maps in their order, numbers that are
        /// not integers stay text.
        init(_ node: YAML.Node) {
            switch node.content {
            case .scalar(let scalar):
                switch scalar.kind {
                case .null: self = .null
                case .bool: self = .boolean(scalar.text == "true")
                case .int: self = Int(scalar.text).map { .integer($0) } ?? .string(scalar.text)
                default: self = .string(scalar.text)
                }
            case .sequence(let items): self = .list(items.map(Value.init))
            case .mapping(let mapping): self = .map(mapping.entries.compactMap { entry in entry.key.text.map { ($0, Value(entry.value)) } })
            }
        }

        /// The value written as JSON, as `$input.json` gives it.
        var json: String {
            switch self {
            case .null: "null"
            case .string(let s): Self.quoted(s)
            case .integer(let i): String(i)
            case .boolean(let b): b ? "true" : "false"
            case .list(let items): "[" + items.map(\.json).joined(separator: ",") + "]"
            case .map(let entries): "{" + entries.map { Self.quoted($0.0) + ":" + $0.1.json }.joined(separator: ",") + "}"
            case .object(let name): Self.quoted(name)
            }
        }

        private static func quoted(_ text: String) -> String { JSONString.quoted(text) }

        /// Velocity's `==`: equal values of one kind, else equal printed forms; null equals only null.
        func equals(_ other: Value) -> Bool {
            switch (self, other) {
            case (.null, .null): true
            case (.null, _), (_, .null): false
            case (.string(let a), .string(let b)): a == b
            case (.integer(let a), .integer(let b)): a == b
            case (.boolean(let a), .boolean(let b)): a == b
            default: text == other.text
            }
        }
    }

    /// The interpreter: variables, the response overrides, the output and the budget.
    struct Machine {
        let request: Request
        var variables: [String: Value] = [:]
        var output = ""
        var headerOverrides: [Mapped] = []
        var statusOverride: Int?
        var repeatedOverrides: [String] = []
        var iterations = 0
        /// The template's own patterns, compiled with it.
        let regularExpressions: [String: CompiledExpression]

        init(request: Request, regularExpressions: [String: CompiledExpression] = [:]) {
            self.request = request
            self.regularExpressions = regularExpressions
        }

        func fail(_ reason: String) -> CannotEvaluate { CannotEvaluate(reason: reason) }

        /// Runs statements in order, appending text to the output.
        mutating func run(_ statements: [Statement], depth: Int) throws {
            for statement in statements {
                switch statement {
                case .text(let text):
                    try emit(text)
                case .reference(let reference):
                    let value = try resolve(reference, depth: depth)
                    // Velocity prints an undefined reference as written, unless it is quiet.
                    try emit(value.isNull ? (reference.isQuiet ? "" : reference.written) : value.text)
                case .set(let target, let expression):
                    try assign(try evaluate(expression, depth: depth), to: target)
                case .branches(let branches, let otherwise):
                    var taken = false
                    for (condition, body) in branches where try evaluate(condition, depth: depth).isTrue {
                        try run(body, depth: depth + 1)
                        taken = true
                        break
                    }
                    if !taken, let otherwise { try run(otherwise, depth: depth + 1) }
                case .forEach(let variable, let source, let body):
                    let items: [Value]
                    switch try evaluate(source, depth: depth) {
                    case .list(let list): items = list
                    case .map(let entries): items = entries.map(\.1)
                    case .null: items = []
                    default: throw fail("#foreach needs a list or a map")
                    }
                    let saved = variables[variable]
                    for item in items {
                        iterations += 1
                        guard iterations <= VelocityTemplate.maxIterations else {
                            throw fail("the template runs more than \(VelocityTemplate.maxIterations) loop iterations")
                        }
                        variables[variable] = item
                        try run(body, depth: depth + 1)
                    }
                    variables[variable] = saved
                }
            }
        }

        /// Appends to the output, within the output budget.
        mutating func emit(_ text: String) throws {
            output += text
            guard output.utf8.count <= VelocityTemplate.maxOutputBytes else {
                throw fail("the template writes more than \(VelocityTemplate.maxOutputBytes) bytes")
            }
        }

        /// `#set`: a plain variable, or one of the response overrides API Gateway reads.
        mutating func assign(_ value: Value, to target: Reference) throws {
            // Velocity 1.7 skips a #set whose value is null: the target keeps what it had,
            // so a missing header never sets an override to an empty value.
            if value.isNull { return }
            let path = target.parts.map { part -> String? in
                if case .property(let name) = part { return name }
                return nil
            }
            if target.root == "context", path.count == 3, path[0] == "responseOverride", path[1] == "header", let name = path[2] {
                if headerOverrides.contains(where: { $0.name == name }) { repeatedOverrides.append(name) }
                headerOverrides.removeAll { $0.name == name }
                headerOverrides.append(Mapped(name, value.text))
                return
            }
            if target.root == "context", path.count == 2, path[0] == "responseOverride", path[1] == "status" {
                guard let status = Int(value.text) else { throw fail("$context.responseOverride.status set to \(value.text), not a status code") }
                statusOverride = status
                return
            }
            guard target.parts.isEmpty else {
                throw fail("#set(\(target.written) = …) assigns to something other than a variable or a response override")
            }
            variables[target.root] = value
        }

        /// An expression's value; `||` and `&&` evaluate their right side only when needed.
        mutating func evaluate(_ expression: Expression, depth: Int) throws -> Value {
            guard depth < VelocityTemplate.maxDepth * 2 else { throw fail("an expression is nested too deep") }
            switch expression {
            case .string(let text, let interpolates):
                guard interpolates else { return .string(text) }
                // A double-quoted string is itself a small template.
                let inner = try VelocityTemplate(text)
                var machine = Machine(request: request)
                machine.variables = variables
                machine.iterations = iterations
                try machine.run(inner.nodes, depth: depth + 1)
                iterations = machine.iterations
                return .string(machine.output)
            case .integer(let i): return .integer(i)
            case .boolean(let b): return .boolean(b)
            case .null: return .null
            case .list(let items): return .list(try items.map { try evaluate($0, depth: depth + 1) })
            case .reference(let reference): return try resolve(reference, depth: depth)
            case .not(let inner): return .boolean(!(try evaluate(inner, depth: depth + 1).isTrue))
            case .binary(let op, let left, let right):
                let l = try evaluate(left, depth: depth + 1)
                switch op {
                case "||": return l.isTrue ? .boolean(true) : .boolean(try evaluate(right, depth: depth + 1).isTrue)
                case "&&": return l.isTrue ? .boolean(try evaluate(right, depth: depth + 1).isTrue) : .boolean(false)
                case "==": return .boolean(l.equals(try evaluate(right, depth: depth + 1)))
                case "!=": return .boolean(!l.equals(try evaluate(right, depth: depth + 1)))
                default:
                    // Velocity compares numbers only; anything else logs an error and the
                    // comparison is false.
                    guard case .integer(let a) = l, case .integer(let b) = try evaluate(right, depth: depth + 1) else { return .boolean(false) }
                    switch op {
                    case "<": return .boolean(a < b)
                    case "<=": return .boolean(a <= b)
                    case ">": return .boolean(a > b)
                    default: return .boolean(a >= b)
                    }
                }
            }
        }

        /// A reference's value: a variable or one of API Gateway's objects, then each part.
        mutating func resolve(_ reference: Reference, depth: Int) throws -> Value {
            var value: Value
            if let variable = variables[reference.root] {
                value = variable
            } else {
                switch reference.root {
                case "input", "context", "util": value = .object(reference.root)
                case "stageVariables": value = .map(request.stageVariables.map { ($0.name, .string($0.value)) })
                default: value = .null
                }
            }
            for part in reference.parts {
                switch part {
                case .property(let name):
                    value = try property(name, of: value, reference: reference)
                case .call(let name, let arguments):
                    let values = try arguments.map { try evaluate($0, depth: depth + 1) }
                    value = try call(name, on: value, arguments: values, reference: reference)
                }
            }
            return value
        }

        /// `$input.params().header`: the request's headers, names as received.
        func headerMap() -> Value { .map(request.headers.map { ($0.name, .string($0.value)) }) }

        /// The body read as JSON, as `$input.path` sees it: `null` when it is empty or not JSON.
        func bodyValue() -> Value {
            guard !request.body.isEmpty,
                let document = try? DocumentReader.read(Array(request.body.utf8), file: "<body>", format: .json)
            else { return .null }
            return Value(document)
        }

        /// The value at a JSONPath of the plain kind templates use, `$`, `$.a.b` and
        /// `$['a']`; wildcards, filters and indexes are refused by name.
        func jsonPath(_ path: String, in root: Value) throws -> Value {
            guard path.hasPrefix("$") else { throw fail("the JSONPath \(path) does not start with $") }
            var names: [Substring] = []
            var rest = path.dropFirst()
            while !rest.isEmpty {
                let name: Substring
                if rest.hasPrefix("."), !rest.hasPrefix("..") {
                    rest = rest.dropFirst()
                    name = rest.prefix { $0 != "." && $0 != "[" }
                    rest = rest.dropFirst(name.count)
                } else if rest.hasPrefix("['"), let end = rest.firstRange(of: "']") {
                    name = rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]
                    rest = rest[end.upperBound...]
                } else {
                    throw fail("the JSONPath \(path) is outside the subset this tool evaluates")
                }
                guard !name.isEmpty, !name.contains("*") else {
                    throw fail("the JSONPath \(path) is outside the subset this tool evaluates")
                }
                names.append(name)
            }
            var value = root
            for name in names {
                guard case .map(let entries) = value else { return .null }
                value = entries.first { $0.0 == name }?.1 ?? .null
            }
            return value
        }

        /// `.name` on a value: a map's entry, or a property of API Gateway's objects.
        func property(_ name: String, of value: Value, reference: Reference) throws -> Value {
            switch value {
            case .map(let entries):
                return entries.first { $0.0 == name }?.1 ?? .null
            case .object("input"):
                if name == "body" { return .string(request.body) }
                throw fail("$input.\(name) is outside the subset this tool evaluates")
            case .object("context"):
                switch name {
                case "responseOverride": return .object("responseOverride")
                case "httpMethod": return .string(request.httpMethod)
                case "resourcePath": return .string(request.resourcePath)
                case "stage": return .string(request.stage)
                case "identity", "authorizer", "requestOverride", "error":
                    // Objects of the deployed API: their values are unknown, and a template that
                    // only prints them sets the same headers whatever they are.
                    return .map([])
                default:
                    // requestId, requestTimeEpoch, apiId, accountId…: printed, never decisive for
                    // the headers a template sets, so a stand-in lets the rest be evaluated.
                    return .string("<\(name)>")
                }
            case .object("responseOverride"):
                switch name {
                case "header": return .map(headerOverrides.map { ($0.name, .string($0.value)) })
                case "status": return statusOverride.map { .integer($0) } ?? .null
                default: throw fail("$context.responseOverride.\(name) is outside the subset this tool evaluates")
                }
            case .null:
                return .null
            default:
                throw fail("\(reference.written) reads .\(name) of a value that has no such property")
            }
        }

        /// `.name(arguments)` on a value: the Java methods templates use on strings, lists and
        /// maps, and `$input.params`; any other method is refused by name.
        func call(_ name: String, on value: Value, arguments: [Value], reference: Reference) throws -> Value {
            func argument(_ index: Int) throws -> Value {
                guard arguments.indices.contains(index) else { throw fail("\(name)() in \(reference.written) needs an argument") }
                return arguments[index]
            }
            switch value {
            case .object("input") where name == "path" || name == "json":
                // The body is the backend's answer in a response template, which the tool does not
                // call: the answer is assumed empty unless the caller gives one.
                let found = try jsonPath(try argument(0).text, in: bodyValue())
                return name == "path" ? found : .string(found.isNull ? "" : found.json)
            case .object("input"):
                guard name == "params" else { throw fail("$input.\(name)() is outside the subset this tool evaluates") }
                let path: Value = .map(request.pathParameters.map { ($0.name, .string($0.value)) })
                let query: Value = .map(request.queryParameters.map { ($0.name, .string($0.value)) })
                if arguments.isEmpty { return .map([("path", path), ("querystring", query), ("header", headerMap())]) }
                // `$input.params('x')` looks in the path, then the query string, then the headers.
                let wanted = try argument(0).text
                for source in [request.pathParameters, request.queryParameters, request.headers] {
                    if let found = source.first(where: { $0.name == wanted }) { return .string(found.value) }
                }
                return .string("")
            case .object("util"):
                switch name {
                case "escapeJavaScript":
                    var escaped = ""
                    for c in try argument(0).text {
                        switch c {
                        case "\\": escaped += "\\\\"
                        case "\"": escaped += "\\\""
                        case "'": escaped += "\\'"
                        case "\n": escaped += "\\n"
                        default: escaped.append(c)
                        }
                    }
                    return .string(escaped)
                case "parseJson":
                    // The backend's answer is not known: text that does not parse reads as null.
                    let text = try argument(0).text
                    guard let document = try? DocumentReader.read(Array(text.utf8), file: "<parseJson>", format: .json) else {
                        return .null
                    }
                    return Value(document)
                default:
                    throw fail("$util.\(name)() is outside the subset this tool evaluates")
                }
            case .string(let s):
                switch name {
                case "toLowerCase": return .string(s.lowercased())
                case "toUpperCase": return .string(s.uppercased())
                case "trim": return .string(s.trimmingHTTPWhitespace())
                case "length": return .integer(s.utf16.count)
                case "isEmpty": return .boolean(s.isEmpty)
                case "toString": return .string(s)
                case "equals": return .boolean(try argument(0).equals(.string(s)))
                case "equalsIgnoreCase": return .boolean(s.lowercased() == (try argument(0)).text.lowercased())
                case "contains": return .boolean(s.contains(try argument(0).text))
                case "startsWith": return .boolean(s.hasPrefix(try argument(0).text))
                case "endsWith": return .boolean(s.hasSuffix(try argument(0).text))
                case "matches":
                    // Java's String.matches: the whole string must match.
                    let pattern = try argument(0).text
                    guard let regex = regularExpressions[pattern]?.regex ?? (try? Regex(pattern)) else {
                        throw fail("the regular expression \(pattern) cannot be read")
                    }
                    return .boolean((try? regex.wholeMatch(in: s)) != nil)
                default:
                    throw fail("the string method \(name)() is outside the subset this tool evaluates")
                }
            case .list(let items):
                switch name {
                case "contains": return .boolean(items.contains { $0.equals((try? argument(0)) ?? .null) })
                case "size": return .integer(items.count)
                case "isEmpty": return .boolean(items.isEmpty)
                case "get":
                    guard case .integer(let i) = try argument(0), items.indices.contains(i) else { return .null }
                    return items[i]
                default:
                    throw fail("the list method \(name)() is outside the subset this tool evaluates")
                }
            case .map(let entries):
                switch name {
                case "get": return entries.first { $0.0 == (try? argument(0))?.text }?.1 ?? .null
                case "containsKey": return .boolean(entries.contains { $0.0 == (try? argument(0))?.text })
                case "keySet": return .list(entries.map { .string($0.0) })
                case "values": return .list(entries.map(\.1))
                case "size": return .integer(entries.count)
                case "isEmpty": return .boolean(entries.isEmpty)
                default:
                    throw fail("the map method \(name)() is outside the subset this tool evaluates")
                }
            case .null:
                // Velocity leaves a call on an undefined reference unevaluated: null.
                return .null
            default:
                throw fail("\(name)() in \(reference.written) is outside the subset this tool evaluates")
            }
        }
    }
}

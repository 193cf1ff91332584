import Plan

/// A small, bounded evaluator for the part of the Velocity Template Language API Gateway
/// mapping templates use to set CORS headers.
///
/// The preflight simulation must know which `Access-Control-Allow-Origin` a template such
/// as `OriginTemplate`'s would set for one request, so it runs the template: `#set`,
/// `#if`/`#elseif`/`#else`/`#end`, `#foreach`, references into `$input`, `$context`,
/// `$stageVariables` and `$util`, string comparison and the usual string methods. Anything
/// else is refused with the reason (`VelocityTemplate.CannotEvaluate`) rather than guessed,
/// and every loop, nesting level and output is bounded, so a hostile template cannot hang
/// the tool.
public struct VelocityTemplate: Sendable {
    /// Why a template could not be evaluated; the message names the construct.
    public struct CannotEvaluate: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// What the template sees of the request.
    public struct Request: Sendable, Equatable {
        /// Header names as API Gateway received them: its REST mapping templates look them
        /// up case-sensitively.
        public var headers: [Mapped]
        public var pathParameters: [Mapped]
        public var queryParameters: [Mapped]
        public var stageVariables: [Mapped]
        public var httpMethod: String
        public var resourcePath: String
        public var stage: String
        /// The body `$input.body` reads: the request's in a request template, the backend's
        /// answer in a response template.
        public var body: String

        public init(
            headers: [Mapped] = [], pathParameters: [Mapped] = [], queryParameters: [Mapped] = [],
            stageVariables: [Mapped] = [], httpMethod: String = "GET", resourcePath: String = "/", stage: String = "v1",
            body: String = ""
        ) {
            self.headers = headers
            self.pathParameters = pathParameters
            self.queryParameters = queryParameters
            self.stageVariables = stageVariables
            self.httpMethod = httpMethod
            self.resourcePath = resourcePath
            self.stage = stage
            self.body = body
        }
    }

    /// What evaluating the template produced.
    public struct Outcome: Sendable, Equatable {
        /// The rendered body.
        public var output: String
        /// `$context.responseOverride.header.X` assignments, in order.
        public var headerOverrides: [Mapped]
        /// `$context.responseOverride.status`, when set.
        public var statusOverride: Int?
        /// Header names assigned more than once: API Gateway answers 500 for those.
        public var repeatedOverrides: [String]
    }

    /// The longest template accepted, in bytes.
    static let maxTemplateBytes = 65_536
    /// The most loop iterations one evaluation runs.
    static let maxIterations = 10_000
    /// The deepest nesting of blocks and expressions.
    static let maxDepth = 64
    /// The longest output produced, in bytes.
    static let maxOutputBytes = 1 << 20

    let nodes: [Statement]
    /// The regular expressions the template's `.matches("…")` calls spell out, compiled once
    /// with it, so evaluating it again does not parse them again. Only a cache: a pattern not
    /// in it (one built at run time) is compiled where it is used.
    let regularExpressions: [String: CompiledExpression]

    /// A compiled regular expression; `Regex` itself is not `Sendable`, and a template only
    /// reads its own.
    struct CompiledExpression: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>
    }

    /// Parses `text`; throws `CannotEvaluate` for syntax outside the subset.
    public init(_ text: String) throws {
        guard text.utf8.count <= Self.maxTemplateBytes else {
            throw CannotEvaluate(reason: "the template is longer than \(Self.maxTemplateBytes) bytes")
        }
        var parser = Parser(Array(text.unicodeScalars))
        nodes = try parser.parseBlock(depth: 0, terminators: [])
        if parser.position < parser.scalars.count {
            throw CannotEvaluate(reason: "#\(parser.lastDirective ?? "end") without a block to close")
        }
        var expressions: [String: CompiledExpression] = [:]
        var rest = text[...]
        while let call = rest.firstRange(of: ".matches(\""), let end = rest[call.upperBound...].firstIndex(of: "\"") {
            let pattern = String(rest[call.upperBound..<end])
            rest = rest[end...]
            if expressions[pattern] == nil, let regex = try? Regex(pattern) { expressions[pattern] = CompiledExpression(regex: regex) }
        }
        regularExpressions = expressions
    }

    /// Parses and evaluates `text` for `request`.
    public static func evaluate(_ text: String, request: Request) throws -> Outcome {
        try VelocityTemplate(text).evaluate(request)
    }

    /// Evaluates the parsed template for `request`.
    public func evaluate(_ request: Request) throws -> Outcome {
        var machine = Machine(request: request, regularExpressions: regularExpressions)
        try machine.run(nodes, depth: 0)
        return Outcome(
            output: machine.output, headerOverrides: machine.headerOverrides, statusOverride: machine.statusOverride,
            repeatedOverrides: machine.repeatedOverrides)
    }
}

// MARK: - Syntax

extension VelocityTemplate {
    /// One part of a reference after its root: `.name` or `.name(arguments)`.
    enum Part: Sendable {
        case property(String)
        case call(String, [Expression])
    }

    /// `$root.part.part…`, as written (for printing undefined references back).
    struct Reference: Sendable {
        var root: String
        var parts: [Part]
        var isQuiet: Bool
        var written: String
    }

    /// A parsed expression inside a directive or a method's arguments.
    indirect enum Expression: Sendable {
        case string(String, interpolates: Bool)
        case integer(Int)
        case boolean(Bool)
        case null
        case list([Expression])
        case reference(Reference)
        case not(Expression)
        case binary(String, Expression, Expression)
    }

    /// A parsed piece of the template: text, a reference to print, or a directive.
    indirect enum Statement: Sendable {
        case text(String)
        case reference(Reference)
        case set(Reference, Expression)
        case branches([(Expression, [Statement])], otherwise: [Statement]?)
        case forEach(variable: String, Expression, [Statement])
    }

    /// A recursive-descent parser over the template's Unicode scalars.
    struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0
        var lastDirective: String?

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        func peek(_ offset: Int) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }

        func fail(_ reason: String) -> CannotEvaluate { CannotEvaluate(reason: reason) }

        static func isIdentifierStart(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
        }

        static func isIdentifierPart(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return isIdentifierStart(c) || (c >= "0" && c <= "9")
        }

        /// An identifier; a `-` inside one is kept when a letter or digit follows, as in
        /// `$context.responseOverride.header.Access-Control-Allow-Origin`.
        mutating func identifier() -> String? {
            guard Self.isIdentifierStart(current) else { return nil }
            var name = ""
            while let c = current {
                if Self.isIdentifierPart(c) {
                    name.unicodeScalars.append(c)
                    position += 1
                } else if c == "-", Self.isIdentifierPart(peek(1)) {
                    name.unicodeScalars.append(c)
                    position += 1
                } else {
                    break
                }
            }
            return name
        }

        /// A block of statements up to one of `terminators` (a directive name such as `end`),
        /// which is left unread except for its `#` and name.
        mutating func parseBlock(depth: Int, terminators: Set<String>) throws -> [Statement] {
            guard depth < VelocityTemplate.maxDepth else { throw fail("blocks are nested more than \(VelocityTemplate.maxDepth) deep") }
            var statements: [Statement] = []
            var text = ""
            func flush() {
                if !text.isEmpty { statements.append(.text(text)) }
                text = ""
            }
            while let c = current {
                if c == "#" {
                    if peek(1) == "#" {
                        // A line comment runs to the end of the line, newline included.
                        flush()
                        while let d = current, d != "\n" { position += 1 }
                        if current == "\n" { position += 1 }
                        continue
                    }
                    if peek(1) == "*" {
                        flush()
                        position += 2
                        while current != nil, !(current == "*" && peek(1) == "#") { position += 1 }
                        guard current != nil else { throw fail("a #* comment is not closed with *#") }
                        position += 2
                        continue
                    }
                    let start = position
                    position += 1
                    let braced = current == "{"
                    if braced { position += 1 }
                    guard let name = identifier() else {
                        position = start + 1
                        text += "#"
                        continue
                    }
                    if braced {
                        guard current == "}" else { throw fail("#{\(name) is not closed with }") }
                        position += 1
                    }
                    if terminators.contains(name) {
                        flush()
                        lastDirective = name
                        // Velocity 1.7's `#end` and `#else` tokens take the rest of their line.
                        if name == "end" || name == "else" { gobbleLineEnd() }
                        return statements
                    }
                    switch name {
                    case "set":
                        // Velocity 1.7's `#set` token takes the spaces and tabs before it when
                        // nothing else has been written since the previous token.
                        if !text.isEmpty, text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) { text = "" }
                        flush()
                        statements.append(try parseSet(depth: depth))
                        gobbleLineEnd()
                    case "if":
                        flush()
                        statements.append(try parseIf(depth: depth))
                    case "foreach":
                        flush()
                        statements.append(try parseForEach(depth: depth))
                    case "else", "elseif", "end":
                        throw fail("#\(name) without an #if or #foreach to close")
                    case "macro", "include", "parse", "define", "evaluate", "break", "stop":
                        throw fail("the #\(name) directive is outside the subset this tool evaluates")
                    default:
                        // Velocity prints an unknown `#word` as text.
                        position = start + 1
                        text += "#"
                    }
                } else if c == "$", Self.isIdentifierStart(peek(1)) || peek(1) == "{" || (peek(1) == "!" && (Self.isIdentifierStart(peek(2)) || peek(2) == "{")) {
                    flush()
                    statements.append(.reference(try parseReference(depth: depth)))
                } else if c == "\\", peek(1) == "$" || peek(1) == "#" {
                    // An escaped `$` or `#` is printed as written, backslash dropped.
                    text.unicodeScalars.append(peek(1)!)
                    position += 2
                } else {
                    text.unicodeScalars.append(c)
                    position += 1
                }
            }
            flush()
            guard terminators.isEmpty else {
                throw fail("#\(terminators.contains("end") ? "end" : terminators.sorted()[0]) is missing at the end of the template")
            }
            return statements
        }

        /// Velocity 1.7's whitespace rule ("gobbling"): the `)` that closes a directive
        /// (`#set`, `#if`, `#elseif`, `#foreach`), and `#end` and `#else`, take the spaces and
        /// tabs after them and one line end, but only when a line end follows; otherwise
        /// nothing is taken. Its grammar writes the tokens so (`RPAREN`, `END`, `ELSE_DIRECTIVE`
        /// in `Parser.jjt`), which is why a template of directive lines writes no blank lines on
        /// API Gateway.
        mutating func gobbleLineEnd() {
            var look = position
            while look < scalars.count, scalars[look] == " " || scalars[look] == "\t" { look += 1 }
            guard look < scalars.count else { return }
            if scalars[look] == "\r" {
                position = look + 1
                if current == "\n" { position += 1 }
            } else if scalars[look] == "\n" {
                position = look + 1
            }
        }

        /// Skips spaces, tabs and line ends inside a directive.
        mutating func skipSpaces() {
            while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
        }

        /// Consumes `c` after optional spaces, or fails naming what it closes.
        mutating func expect(_ c: Unicode.Scalar, _ what: String) throws {
            skipSpaces()
            guard current == c else { throw fail("expected \(c) \(what)") }
            position += 1
        }

        /// `#set($target = expression)`.
        mutating func parseSet(depth: Int) throws -> Statement {
            try expect("(", "after #set")
            skipSpaces()
            guard current == "$" else { throw fail("#set must assign to a $reference") }
            let target = try parseReference(depth: depth)
            try expect("=", "in #set")
            let value = try parseExpression(depth: depth + 1)
            try expect(")", "to close #set")
            return .set(target, value)
        }

        /// `#if(…)` with any `#elseif(…)` and `#else`, up to `#end`.
        mutating func parseIf(depth: Int) throws -> Statement {
            var branches: [(Expression, [Statement])] = []
            try expect("(", "after #if")
            var condition = try parseExpression(depth: depth + 1)
            try expect(")", "to close #if")
            gobbleLineEnd()
            while true {
                let body = try parseBlock(depth: depth + 1, terminators: ["elseif", "else", "end"])
                branches.append((condition, body))
                switch lastDirective {
                case "elseif":
                    try expect("(", "after #elseif")
                    condition = try parseExpression(depth: depth + 1)
                    try expect(")", "to close #elseif")
                    gobbleLineEnd()
                case "else":
                    let otherwise = try parseBlock(depth: depth + 1, terminators: ["end"])
                    return .branches(branches, otherwise: otherwise)
                default:
                    return .branches(branches, otherwise: nil)
                }
            }
        }

        /// `#foreach($item in expression)` up to `#end`.
        mutating func parseForEach(depth: Int) throws -> Statement {
            try expect("(", "after #foreach")
            skipSpaces()
            guard current == "$" else { throw fail("#foreach needs a $variable") }
            position += 1
            guard let name = identifier() else { throw fail("#foreach needs a $variable") }
            skipSpaces()
            guard current == "i", peek(1) == "n" else { throw fail("#foreach needs `in`") }
            position += 2
            let source = try parseExpression(depth: depth + 1)
            try expect(")", "to close #foreach")
            gobbleLineEnd()
            let body = try parseBlock(depth: depth + 1, terminators: ["end"])
            return .forEach(variable: name, source, body)
        }

        /// `$name`, `$!name`, `${name}`, followed by `.property` and `.method(arguments)`.
        mutating func parseReference(depth: Int) throws -> Reference {
            let start = position
            position += 1
            let quiet = current == "!"
            if quiet { position += 1 }
            let braced = current == "{"
            if braced { position += 1 }
            guard let root = identifier() else { throw fail("a $ reference needs a name") }
            var parts: [Part] = []
            while current == ".", Self.isIdentifierStart(peek(1)) {
                position += 1
                let name = identifier() ?? ""
                if current == "(" {
                    position += 1
                    var arguments: [Expression] = []
                    skipSpaces()
                    if current == ")" {
                        position += 1
                    } else {
                        while true {
                            arguments.append(try parseExpression(depth: depth + 1))
                            skipSpaces()
                            if current == "," {
                                position += 1
                                continue
                            }
                            try expect(")", "to close the arguments of \(name)")
                            break
                        }
                    }
                    parts.append(.call(name, arguments))
                } else {
                    parts.append(.property(name))
                }
            }
            if current == "[" { throw fail("index access with [ ] is outside the subset this tool evaluates") }
            if braced {
                guard current == "}" else { throw fail("${\(root) is not closed with }") }
                position += 1
            }
            let written = String(String.UnicodeScalarView(scalars[start..<position]))
            return Reference(root: root, parts: parts, isQuiet: quiet, written: written)
        }

        // Expressions, loosest first: `||`, `&&`, comparisons, `!`, primaries.

        /// An expression: `||` (or `or`) of `&&` (or `and`) of comparisons.
        mutating func parseExpression(depth: Int) throws -> Expression {
            guard depth < VelocityTemplate.maxDepth else { throw fail("an expression is nested more than \(VelocityTemplate.maxDepth) deep") }
            var left = try parseAnd(depth: depth + 1)
            while true {
                skipSpaces()
                if current == "|", peek(1) == "|" {
                    position += 2
                } else if word("or") {
                } else {
                    return left
                }
                left = .binary("||", left, try parseAnd(depth: depth + 1))
            }
        }

        /// `&&` (or `and`) of comparisons.
        mutating func parseAnd(depth: Int) throws -> Expression {
            var left = try parseComparison(depth: depth + 1)
            while true {
                skipSpaces()
                if current == "&", peek(1) == "&" {
                    position += 2
                } else if word("and") {
                } else {
                    return left
                }
                left = .binary("&&", left, try parseComparison(depth: depth + 1))
            }
        }

        /// `==`/`!=` (or `eq`/`ne`), and the ordering comparisons `<`, `<=`, `>`, `>=` (or
        /// `lt`, `le`, `gt`, `ge`); the two-character spellings are tried first.
        mutating func parseComparison(depth: Int) throws -> Expression {
            let left = try parseUnary(depth: depth + 1)
            skipSpaces()
            let operators: [(String, String)] = [
                ("==", "=="), ("!=", "!="), ("<=", "<="), (">=", ">="), ("<", "<"), (">", ">"),
                ("eq", "=="), ("ne", "!="), ("le", "<="), ("ge", ">="), ("lt", "<"), ("gt", ">"),
            ]
            for (spelling, meaning) in operators {
                if spelling.first!.isLetter ? word(spelling) : literal(spelling) {
                    return .binary(meaning, left, try parseUnary(depth: depth + 1))
                }
            }
            return left
        }

        /// `!` or `not` before a primary.
        mutating func parseUnary(depth: Int) throws -> Expression {
            skipSpaces()
            if current == "!", peek(1) != "=" {
                position += 1
                return .not(try parseUnary(depth: depth + 1))
            }
            if word("not") { return .not(try parseUnary(depth: depth + 1)) }
            return try parsePrimary(depth: depth + 1)
        }

        /// Consumes `text` when it comes next.
        mutating func literal(_ text: String) -> Bool {
            let wanted = Array(text.unicodeScalars)
            guard position + wanted.count <= scalars.count, Array(scalars[position..<position + wanted.count]) == wanted else {
                return false
            }
            position += wanted.count
            return true
        }

        /// Consumes the keyword `text` when it comes next as a whole word.
        mutating func word(_ text: String) -> Bool {
            let save = position
            guard literal(text), !Self.isIdentifierPart(current) else {
                position = save
                return false
            }
            return true
        }

        /// A string, number, boolean, null, list, parenthesised expression or reference.
        mutating func parsePrimary(depth: Int) throws -> Expression {
            skipSpaces()
            guard let c = current else { throw fail("an expression is cut off at the end of the template") }
            switch c {
            case "\"", "'":
                position += 1
                var text = ""
                while let d = current, d != c {
                    // Velocity 1.7 has no escapes in string literals: a backslash stays,
                    // which is what a Java regular expression such as `\.example` needs.
                    // A `\"` ends the string there, which is never what its author meant.
                    if d == "\\", peek(1) == c { throw fail("a \\\(c) inside a string literal, which Velocity does not read as an escape") }
                    text.unicodeScalars.append(d)
                    position += 1
                }
                guard current == c else { throw fail("a string is not closed with \(c)") }
                position += 1
                return .string(text, interpolates: c == "\"" && text.unicodeScalars.contains("$"))
            case "(":
                position += 1
                let inner = try parseExpression(depth: depth + 1)
                try expect(")", "to close (")
                return inner
            case "[":
                position += 1
                var items: [Expression] = []
                skipSpaces()
                if current == "]" {
                    position += 1
                    return .list(items)
                }
                while true {
                    items.append(try parseExpression(depth: depth + 1))
                    skipSpaces()
                    if current == "," {
                        position += 1
                        continue
                    }
                    if current == "." { throw fail("ranges such as [1..3] are outside the subset this tool evaluates") }
                    try expect("]", "to close a list")
                    return .list(items)
                }
            case "$":
                return .reference(try parseReference(depth: depth + 1))
            case "-", "0"..."9":
                var digits = ""
                if c == "-" {
                    digits = "-"
                    position += 1
                }
                while let d = current, d >= "0" && d <= "9" {
                    digits.unicodeScalars.append(d)
                    position += 1
                }
                if current == "." { throw fail("decimal numbers are outside the subset this tool evaluates") }
                guard let value = Int(digits) else { throw fail("\(digits) is not a number") }
                return .integer(value)
            default:
                if word("true") { return .boolean(true) }
                if word("false") { return .boolean(false) }
                if word("null") { return .null }
                throw fail("unexpected \(c) in an expression")
            }
        }
    }
}

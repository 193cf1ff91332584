import Diagnostics
import YAML
import Plan
import Support

/// Who fills the `${…}` placeholders and CloudFormation functions in the values a plan
/// carries as they are written (integration URIs, credentials, VPC link IDs, authorizer
/// URIs and credentials).
public enum PlaceholderResolution: Sendable, Equatable {
    /// CloudFormation, at deployment: a value with `${AWS::Region}` becomes a `!Sub`, and a
    /// name the template does not define becomes a template parameter.
    case cloudFormation
    /// Nobody after the tool: API Gateway's import takes `${AWS::Region}` and `!GetAtt` as
    /// text, so every placeholder needs a value from `--parameter`. `${stageVariables.x}`
    /// is API Gateway's own and stays.
    case beforeImport
}

/// One placeholder a value uses: `${lambda_arn}`, `${AWS::Region}`, `!GetAtt ApiRole.Arn`,
/// `!Ref VpcLink`, in the order the planner meets them.
package struct PlaceholderUse: Sendable, Equatable {
    /// The name as the spec writes it (`lambda_arn`, `AWS::Region`, `ApiRole.Arn`): what
    /// `--parameter` fills.
    package var name: String
    /// How the spec writes it, for messages (`${lambda_arn}`, `!GetAtt ApiRole.Arn`).
    package var written: String
    /// The template parameter that stands for it; `nil` for a pseudo parameter, which
    /// CloudFormation fills by itself, and for a name the template already defines.
    package var parameter: String?
    /// Whether `--parameter` gave it a value, so it was written out.
    package var isFilled: Bool
    package var location: SourceLocation?
}

/// Rewrites one value so the output it ends in can take it, and records each placeholder
/// it uses.
///
/// For CloudFormation a plain string with `${AWS::Region}` or `${lambda_arn}` becomes a
/// `!Sub` (CloudFormation substitutes only inside one; cfn-lint E1029), and every name the
/// template does not define (`${OrdersFunction.Arn}`, `!GetAtt ApiRole.Arn`, `!Ref VpcLink`,
/// Terraform's `${lambda_arn}`) becomes a template parameter with an alphanumeric name
/// (`OrdersFunctionArn`, `ApiRoleArn`, `VpcLink`, `LambdaArn`). Long forms (`Fn::Sub:`)
/// become short forms first, so both spellings are treated alike. Before an import every
/// name needs a value; the ones given are written out, the others are reported.
///
/// Names are derived from the spec's spelling alone, so values can be rewritten on any
/// thread and the planner joins the uses in order afterwards.
package struct Placeholders: Sendable {
    package var resolution: PlaceholderResolution
    /// `--parameter` values, by the spec's name or by the parameter's.
    package var values: [String: String]
    /// The template's own parameters a value may refer to as they are (`StageName`,
    /// `FunctionArn` for a Lambda backend without an ARN).
    package var defined: Set<String>

    package init(resolution: PlaceholderResolution, values: [String: String], defined: Set<String>) {
        self.resolution = resolution
        self.values = values
        self.defined = defined
    }

    /// Names the template gives to its own resources and parameters: a derived name that
    /// would take one of them gets a suffix instead.
    package static let reserved: Set<String> = ["Api", "Stage", "StageName"]

    /// A node of `value` rewritten; every placeholder met is appended to `uses`, located in
    /// `file`.
    package func resolve(_ value: Node, file: String, uses: inout [PlaceholderUse]) -> Node {
        // Nearly every value is a plain string with no placeholder: say so before any copy.
        if value.tag == nil, let text = value.string, !text.contains("${") { return value }
        var node = value
        if node.mapping != nil || node.tag != nil { node = IntrinsicFunctions.collapsingLongForms(node) }
        return rewrite(node, file: file, uses: &uses)
    }

    private func rewrite(_ node: Node, file: String, uses: inout [PlaceholderUse]) -> Node {
        let location = node.mark.isSynthetic ? nil : SourceLocation(file: file, mark: node.mark)
        switch node.tag {
        case nil:
            switch node.content {
            case .scalar:
                guard let text = node.string, text.contains("${") else { return node }
                return substituted(text, isSub: false, locals: [:], mark: node.mark, location: location, uses: &uses)
                    ?? node
            case .sequence(let items):
                var copy = node
                copy.content = .sequence(items.map { rewrite($0, file: file, uses: &uses) })
                return copy
            case .mapping(let mapping):
                var rewritten = Mapping()
                for (key, item) in mapping.entries { rewritten.append(key: key, value: rewrite(item, file: file, uses: &uses)) }
                var copy = node
                copy.content = .mapping(rewritten)
                return copy
            }
        case "!Sub":
            if let text = node.string {
                return substituted(text, isSub: true, locals: [:], mark: node.mark, location: location, uses: &uses) ?? node
            }
            guard let items = node.sequence, items.count == 2, let text = items[0].string, let map = items[1].mapping else {
                return node
            }
            var locals: [String: Node] = [:]
            var rewrittenMap = Mapping()
            for (key, item) in map.entries {
                let value = rewrite(item, file: file, uses: &uses)
                if let name = key.text { locals[name] = value }
                rewrittenMap.append(key: key, value: value)
            }
            let result = substituted(text, isSub: true, locals: locals, mark: items[0].mark, location: location, uses: &uses)
            if resolution == .beforeImport, let result { return result }
            var textNode = items[0]
            if let result {
                // Every variable was written out: the text is all there is.
                if result.tag == nil { return result }
                textNode.content = .scalar(Scalar(text: result.text ?? text, kind: .string))
            }
            return Node(.sequence([textNode, .mapping(rewrittenMap)]), tag: "!Sub", mark: node.mark)
        case "!Ref":
            guard let name = node.string else { return node }
            return reference(name, written: "!Ref \(name)", node: node, location: location, uses: &uses)
        case "!GetAtt":
            let target = node.string ?? node.sequence.flatMap { items in
                items.count == 2 ? items.compactMap(\.string).joined(separator: ".") : nil
            }
            guard let target, target.contains(".") else { return node }
            return reference(target, written: "!GetAtt \(target)", node: node, location: location, uses: &uses)
        case "!Join":
            var copy = node
            guard let items = node.sequence, items.count == 2, let parts = items[1].sequence else { return node }
            let rewrittenParts = parts.map { rewrite($0, file: file, uses: &uses) }
            if resolution == .beforeImport, let separator = items[0].string {
                let strings = rewrittenParts.compactMap { $0.tag == nil ? $0.string : nil }
                if strings.count == rewrittenParts.count {
                    return .string(strings.joined(separator: separator), mark: node.mark)
                }
            }
            copy.content = .sequence([items[0], .sequence(rewrittenParts, mark: items[1].mark)])
            return copy
        default:
            // Other functions (`!If`, `!Select`, `!ImportValue`) stay; what they refer to is
            // rewritten. An OpenAPI output refuses them where it writes them (CONV002).
            var copy = node
            switch node.content {
            case .scalar: return node
            case .sequence(let items): copy.content = .sequence(items.map { rewrite($0, file: file, uses: &uses) })
            case .mapping(let mapping):
                var rewritten = Mapping()
                for (key, item) in mapping.entries { rewritten.append(key: key, value: rewrite(item, file: file, uses: &uses)) }
                copy.content = .mapping(rewritten)
            }
            return copy
        }
    }

    /// `!Ref Name` or `!GetAtt Name.Attribute`: the value given, the name as it is when the
    /// template has it, or a `!Ref` of the parameter that stands for it.
    private func reference(
        _ name: String, written: String, node: Node, location: SourceLocation?, uses: inout [PlaceholderUse]
    ) -> Node {
        if let value = value(of: name) {
            uses.append(PlaceholderUse(name: name, written: written, isFilled: true, location: location))
            return .string(value, mark: node.mark)
        }
        if name.hasPrefix("AWS::") || (node.tag == "!Ref" && defined.contains(name)) {
            uses.append(PlaceholderUse(name: name, written: written, isFilled: false, location: location))
            return node
        }
        let parameter = parameterName(for: name)
        uses.append(PlaceholderUse(name: name, written: written, parameter: parameter, isFilled: false, location: location))
        guard resolution == .cloudFormation else { return node }
        return Node(.scalar(Scalar(text: parameter, kind: .string)), tag: "!Ref", mark: node.mark)
    }

    /// The value `--parameter` gives a name, by the spec's spelling or the parameter's.
    private func value(of name: String) -> String? {
        values[name] ?? (name.hasPrefix("AWS::") ? nil : values[parameterName(for: name)])
    }

    /// A string's `${…}` variables rewritten: `nil` when nothing changes.
    ///
    /// In a `!Sub` (or a string about to become one) `${stageVariables.x}` must be written
    /// `${!stageVariables.x}`, since it is API Gateway's and CloudFormation would look for a
    /// resource called stageVariables; a string that needs no `!Sub` keeps it as it is.
    private func substituted(
        _ text: String, isSub: Bool, locals: [String: Node], mark: Mark, location: SourceLocation?,
        uses: inout [PlaceholderUse]
    ) -> Node? {
        enum Piece {
            case literal(String)
            /// A variable CloudFormation fills: the text inside `${…}`.
            case variable(String)
            /// `${stageVariables.x}`, written as it is outside a `!Sub` and escaped inside one.
            case stageVariable(String)
            /// `${!Text}` inside a `!Sub`: the literal `${Text}`.
            case escaped(String)
        }
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            pieces.append(.literal(String(rest[..<start.lowerBound])))
            guard let close = rest[start.upperBound...].firstIndex(of: "}") else {
                rest = rest[start.lowerBound...]
                break
            }
            let inner = String(rest[start.upperBound..<close])
            rest = rest[rest.index(after: close)...]
            if inner.hasPrefix("!") {
                pieces.append(isSub ? .escaped(String(inner.dropFirst())) : .literal("${\(inner)}"))
                continue
            }
            if inner.hasPrefix("stageVariables.") {
                pieces.append(.stageVariable(inner))
                continue
            }
            // Anything else that is not a name (a VTL expression, spaces) is text.
            guard Self.isPlaceholderName(inner) else {
                pieces.append(.literal("${\(inner)}"))
                continue
            }
            if let local = locals[inner] {
                if local.tag == nil, let value = local.string, resolution == .beforeImport {
                    pieces.append(.literal(value))
                } else {
                    pieces.append(.variable(inner))
                }
                continue
            }
            let written = "${\(inner)}"
            if let value = value(of: inner) {
                uses.append(PlaceholderUse(name: inner, written: written, isFilled: true, location: location))
                pieces.append(.literal(value))
            } else if inner.hasPrefix("AWS::") || defined.contains(inner) {
                uses.append(PlaceholderUse(name: inner, written: written, isFilled: false, location: location))
                pieces.append(.variable(inner))
            } else {
                let parameter = parameterName(for: inner)
                uses.append(PlaceholderUse(name: inner, written: written, parameter: parameter, isFilled: false, location: location))
                if resolution == .cloudFormation {
                    pieces.append(.variable(parameter))
                } else {
                    pieces.append(.variable(inner))
                }
            }
        }
        pieces.append(.literal(String(rest)))

        let hasVariables = pieces.contains { if case .variable = $0 { true } else { false } }
        let isSubstitution = resolution == .cloudFormation && hasVariables
        var result = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): result += text
            case .variable(let name): result += "${\(name)}"
            case .stageVariable(let name): result += isSubstitution ? "${!\(name)}" : "${\(name)}"
            case .escaped(let text): result += isSubstitution ? "${!\(text)}" : "${\(text)}"
            }
        }
        if result == text && isSubstitution == isSub { return nil }
        return Node(.scalar(Scalar(text: result, kind: .string)), tag: isSubstitution ? "!Sub" : nil, mark: mark)
    }

    /// Whether the text inside `${…}` names something CloudFormation, or a template
    /// language such as Terraform's, would fill: `Name`, `Name.Attribute`, `AWS::Region`,
    /// `lambda_arn`.
    package static func isPlaceholderName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.:".unicodeScalars.contains($0)) }
    }

    /// The template parameter for a name the template does not define: alphanumeric, as
    /// CloudFormation requires, each word capitalised (`OrdersFunction.Arn` →
    /// `OrdersFunctionArn`, `lambda_arn` → `LambdaArn`), with `Value` added when it would
    /// take a name of the template's own.
    package func parameterName(for name: String) -> String {
        var result = ""
        for word in name.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) {
            result += word.prefix(1).uppercased() + word.dropFirst()
        }
        if result.isEmpty || result.first!.isNumber { result = "P" + result }
        return Self.reserved.contains(result) || defined.contains(result) ? result + "Value" : result
    }
}

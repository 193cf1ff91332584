/// Canonical spellings of numbers for each output format.
///
/// The readers keep a number's text as written, in any spelling the YAML 1.2 core schema
/// allows (`0x1F`, `0o17`, `007`, `+5`, `.5`, `1e3`). JSON allows fewer, and YAML 1.1
/// readers (PyYAML, so cfn-lint; many CloudFormation tools) read some of them differently:
/// `0777` as octal 511, `0o17` and `1e3` as strings. Writers therefore spell every number
/// in a form all of them read as the same value.
enum NumberSpelling {
    struct Problem: Error {
        var message: String
    }

    /// A YAML int as a JSON integer: `+5` → `5`, `007` → `7`, `0x1F` → `31`, `0o17` → `15`.
    static func json(integer text: String) -> Result<String, Problem> {
        if text.hasPrefix("0x") || text.hasPrefix("0o") {
            guard let value = Int(text.dropFirst(2), radix: text.hasPrefix("0x") ? 16 : 8) else {
                return .failure(
                    Problem(message: "integer \(text) does not fit in 64 bits; write it as a decimal or a string"))
            }
            return .success(String(value))
        }
        var body = Substring(text)
        var sign = ""
        if body.first == "+" || body.first == "-" {
            sign = body.first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .failure(Problem(message: "'\(text)' is not an integer; write a decimal integer"))
        }
        // JSON forbids leading zeros; YAML's core schema reads "007" as 7.
        let digits = body.drop { $0 == "0" }
        return .success(sign + (digits.isEmpty ? "0" : digits))
    }

    /// A YAML float as a JSON number: `.5` → `0.5`, `1.` → `1.0`, `+1e3` → `1e3`. `.inf` and
    /// `.nan` have no JSON form.
    static func json(float text: String) -> Result<String, Problem> {
        var body = Substring(text)
        var sign = ""
        if body.first == "+" || body.first == "-" {
            sign = body.first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        if body.lowercased() == ".inf" || body.lowercased() == ".nan" {
            return .failure(
                Problem(
                    message: "\(text) has no JSON form; use a finite number, or quote it to keep it as a string"))
        }
        let isDigit: (Character) -> Bool = { $0 >= "0" && $0 <= "9" }
        let integerPart = body.prefix(while: isDigit)
        var rest = body.dropFirst(integerPart.count)
        var fraction: Substring?
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit)
            rest = rest.dropFirst(fraction!.count)
        }
        var exponent = ""
        if let e = rest.first, e == "e" || e == "E" {
            rest = rest.dropFirst()
            var exponentSign = ""
            if let s = rest.first, s == "+" || s == "-" {
                exponentSign = String(s)
                rest = rest.dropFirst()
            }
            let digits = rest.prefix(while: isDigit)
            guard !digits.isEmpty else {
                return .failure(Problem(message: "'\(text)' is not a number; write a number such as 1.5 or 1e3"))
            }
            rest = rest.dropFirst(digits.count)
            exponent = "e" + exponentSign + digits
        }
        guard rest.isEmpty, !integerPart.isEmpty || !(fraction ?? "").isEmpty else {
            return .failure(Problem(message: "'\(text)' is not a number; write a number such as 1.5 or 1e3"))
        }
        let trimmed = integerPart.drop { $0 == "0" }
        var out = sign + (trimmed.isEmpty ? "0" : trimmed)
        if let fraction {
            out += "." + (fraction.isEmpty ? "0" : fraction)
        } else if exponent.isEmpty {
            // Keep it a float when it is read back: "3" alone would be an integer.
            out += ".0"
        }
        return .success(out + exponent)
    }

    /// A YAML int in a form YAML 1.1 and 1.2 read alike: a plain decimal (`0777` → `777`,
    /// `0x1F` → `31`). A hex or octal integer too large for 64 bits keeps its text.
    static func yaml(integer text: String) -> String {
        (try? json(integer: text).get()) ?? text
    }

    /// A YAML float in a form YAML 1.1 and 1.2 read alike: a point in the mantissa and a
    /// sign on the exponent (`1e3` → `1.0e+3`, `.5` → `0.5`); `.inf` and `.nan` in lower case.
    static func yaml(float text: String) -> String {
        var body = Substring(text)
        var sign = ""
        if body.first == "+" || body.first == "-" {
            sign = body.first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case ".inf": return sign + ".inf"
        case ".nan": return ".nan"
        default: break
        }
        guard let spelled = try? json(float: text).get() else { return text }
        guard let e = spelled.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return spelled }
        var mantissa = spelled[..<e]
        var exponent = spelled[spelled.index(after: e)...]
        if !mantissa.contains(".") { mantissa += ".0" }
        if exponent.first != "-" && exponent.first != "+" { exponent = "+" + exponent }
        return mantissa + "e" + exponent
    }
}

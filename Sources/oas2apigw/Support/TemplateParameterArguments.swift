import ArgumentParser

/// `--parameter NAME=VALUE` arguments, as `doctor` and `preflight` take them for the
/// parameters (and pseudo parameters) of a CloudFormation template they read.
enum TemplateParameterArguments {
    static let help: ArgumentHelp =
        "A template parameter's value, NAME=VALUE; repeat for more. Pseudo parameters too (AWS::Region=eu-west-1)."

    /// The values by name; a later argument for the same name wins, as on a command line.
    static func values(_ arguments: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw ValidationError("--parameter takes NAME=VALUE, not \(argument)")
            }
            values[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
        }
        return values
    }
}

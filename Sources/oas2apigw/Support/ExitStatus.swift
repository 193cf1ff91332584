import ArgumentParser

/// The exit codes `oas2apigw --help` and the README document.
enum ExitStatus {
    /// A check found differences.
    static let differences = ExitCode(1)
    /// The input has errors, or a file could not be read or written.
    static let inputErrors = ExitCode(2)
}

import Foundation

/// Runs a tool the test suite depends on (cfn-lint, openapi-spec-validator), which
/// `scripts/bootstrap.sh` installs; a missing tool fails the test rather than skipping it.
public enum ExternalTool {
    public struct Result {
        public var status: Int32
        public var output: String
    }

    public static func run(_ name: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}

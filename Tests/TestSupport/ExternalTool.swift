import Foundation

/// Runs a tool the test suite depends on (cfn-lint, openapi-spec-validator), which
/// `scripts/bootstrap.sh` installs; a missing tool fails the test rather than skipping it.
public enum ExternalTool {
    public struct Result {
        public var status: Int32
        public var output: String
    }

    /// Tools `scripts/bootstrap.sh` installs in a virtual environment of their own, because
    /// they pin packages other tools need newer (checkov's boto3).
    static let ownEnvironments = ["checkov": ".cache/oas2apigw/checkov/bin/checkov"]

    public static func run(_ name: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        if let relative = ownEnvironments[name] {
            let path = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(relative).path
            if FileManager.default.isExecutableFile(atPath: path) { process.arguments = [path] + arguments }
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}

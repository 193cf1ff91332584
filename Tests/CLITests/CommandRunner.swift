import Foundation

/// Runs the built `oas2apigw` binary the way a user or a build step does.
struct CommandRunner {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The binary SwiftPM built beside this test bundle.
    static var binary: URL {
        let products = Bundle.main.bundleURL
        let beside = products.appendingPathComponent("oas2apigw")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return products.deletingLastPathComponent().appendingPathComponent("oas2apigw")
    }

    static func run(_ arguments: [String], input: Data? = nil, in directory: URL? = nil) throws -> Result {
        try run([], then: arguments, input: input, in: directory)
    }

    /// Runs the binary behind a wrapper command such as `/usr/bin/time -f …`.
    static func run(_ wrapper: [String], then arguments: [String], input: Data? = nil, in directory: URL? = nil) throws -> Result {
        let process = Process()
        if let tool = wrapper.first {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = Array(wrapper.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot fill a pipe and block.
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
            standardError: String(decoding: err, as: UTF8.self))
    }

    /// A fresh empty folder for one test's files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oas2apigw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

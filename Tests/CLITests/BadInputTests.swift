import Foundation
import TestSupport
import Testing

/// Hostile and broken input through the whole `convert` command: each case must end with
/// exit code 2 and a located diagnostic, write no output and leave an existing one as it
/// was, and stay within the time and memory bounds `docs/limits.md` states.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Files to create in the case's folder, by name; `spec.yaml` is the spec.
        var files: [String: [UInt8]]
        var arguments: [String] = []
        var testDescription: String { name }
    }

    static let petStore = try! Data(contentsOf: ConvertCommandTests.root.appendingPathComponent("specs/petstore/openapi.yaml"))

    static func spec(_ text: String) -> [String: [UInt8]] { ["spec.yaml": Array(text.utf8)] }

    static let head = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n"

    static var cases: [Case] {
        var random = SplitMix64(seed: 7)
        let junk = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let wrongTypes = """
            allowOrigins: 5
            allowMethods: {a: b}
            allowHeaders: true
            exposeHeaders: 1
            allowCredentials: [yes]
            maxAge: soon
            preflightStatus: []
            gatewayResponses: 7
            existingOptions: 3
            rules: everything
            """
        return [
            Case(name: "truncated spec", files: ["spec.yaml": Array(petStore.prefix(petStore.count / 2 + 7))]),
            Case(name: "binary junk", files: ["spec.yaml": junk]),
            Case(name: "invalid UTF-8", files: ["spec.yaml": Array(head.utf8) + [0xC3, 0x28] + Array(": x\n".utf8)]),
            Case(name: "alias bomb", files: spec(bomb)),
            Case(name: "100,000-deep nesting", files: spec(String(repeating: "[", count: 100_000))),
            Case(name: "50 MB scalar", files: spec(head + "x-big: " + String(repeating: "y", count: 50_000_000) + "\n")),
            Case(
                name: "$ref loop",
                files: spec(head + "paths:\n  /a:\n    $ref: '#/x-a'\nx-a: {$ref: '#/x-b'}\nx-b: {$ref: '#/x-a'}\n")),
            Case(
                name: "$ref to itself",
                files: spec(
                    head + "paths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/R'}\n"
                        + "components:\n  responses:\n    R: {$ref: '#/components/responses/R'}\n")),
            Case(name: "$ref to a missing file", files: spec(head + "paths:\n  /a: {$ref: 'nowhere.yaml'}\n")),
            Case(
                name: "$ref to a directory",
                files: spec(head + "paths:\n  /a: {$ref: 'folder'}\n").merging(["folder/keep.yaml": Array("a: 1\n".utf8)]) { a, _ in a }),
            Case(
                name: "$ref to /dev/zero", files: spec(head + "paths:\n  /a: {$ref: '/dev/zero'}\n"),
                arguments: ["--allow-ref-outside"]),
            Case(name: "spec is /dev/zero", files: [:], arguments: ["/dev/zero"]),
            Case(
                name: "policy of the wrong type at every key",
                files: ["spec.yaml": Array(petStore), "cors.yaml": Array(wrongTypes.utf8)], arguments: ["--cors", "cors.yaml"]),
            Case(name: "policy that is binary junk", files: ["spec.yaml": Array(petStore), "cors.yaml": junk], arguments: ["--cors", "cors.yaml"]),
        ]
    }

    @Test(arguments: cases)
    func failsCleanlyWithinBounds(_ testCase: Case) throws {
        let folder = try CommandRunner.temporaryDirectory()
        for (name, bytes) in testCase.files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let output = folder.appendingPathComponent("out.yaml")
        try Data("previous\n".utf8).write(to: output)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let spec = testCase.arguments.first == "/dev/zero" ? [] : ["spec.yaml"]
        let start = Date()
        let result = try CommandRunner.run(
            ["/usr/bin/time", "-f", "peak-kb=%M"], then: ["convert"] + spec + testCase.arguments + ["-o", "out.yaml"], in: folder)
        let seconds = Date().timeIntervalSince(start)
        #expect(result.status == 2, "\(result.standardError.prefix(400))")
        #expect(result.standardError.range(of: #":[0-9]+:[0-9]+: error: \[[A-Z]+[0-9]+\]"#, options: .regularExpression) != nil,
            "no located error in: \(result.standardError.prefix(400))")
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        #expect(seconds < 20)
        let peak = result.standardError.split(separator: "\n").last { $0.hasPrefix("peak-kb=") }.flatMap { Int($0.dropFirst(8)) }
        #expect((peak ?? .max) < 1_000_000, "peak memory \(peak ?? -1) KB")
    }

    @Test func reportsEveryWrongTypeInThePolicy() throws {
        let testCase = try #require(Self.cases.first { $0.name == "policy of the wrong type at every key" })
        let folder = try CommandRunner.temporaryDirectory()
        for (name, bytes) in testCase.files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        let result = try CommandRunner.run(["convert", "spec.yaml", "--cors", "cors.yaml"], in: folder)
        let lines = Set(result.standardError.split(separator: "\n").filter { $0.hasPrefix("cors.yaml:") && $0.contains(": error: ") }
            .map { $0.split(separator: ":")[1] })
        #expect(lines.count == 10, "\(result.standardError)")
    }
}


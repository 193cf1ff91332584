import Foundation

/// One row of `Tests/EndToEnd/expectations.tsv`: a cross-origin `fetch()` against the API
/// generated from a spec case, and whether a browser lets the page read the answer.
///
/// The end-to-end tier checks each row in headless Chromium against LocalStack; this reader
/// lets Swift tests check the same rows another way (the table's shape in
/// `BrowserExpectationTableTests`, the preflight simulator's verdicts in
/// `SimulatorMatchesBrowserTests`), so the browser and the tool's own predictions cannot drift.
public struct BrowserExpectation: Sendable, CustomStringConvertible {
    /// The table, relative to the repository's top level.
    public static let tablePath = "Tests/EndToEnd/expectations.tsv"
    public static let columns = ["case", "output", "backend", "origin", "method", "path", "headers", "credentials", "expected"]

    /// A line of the table that cannot be read, with its number.
    public struct FormatError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(BrowserExpectation.tablePath):\(line): \(message)" }
    }

    public var line: Int
    public var caseName: String
    /// `cloudformation`, `openapi`, or both for a row written `both`.
    public var outputs: [String]
    /// `mock` (convert's default backend), `http-cors` or `http-bare` (a proxy to the test's server).
    public var backend: String
    public var origin: String
    public var method: String
    public var path: String
    public var headers: [(name: String, value: String)]
    /// The `fetch()` credentials mode: `same-origin`, `include` or `omit`.
    public var credentials: String
    /// Whether the browser must let the page read the answer.
    public var isAllowed: Bool

    /// Whether cookies go with the request: only `include` sends them cross-origin.
    public var sendsCredentials: Bool { credentials == "include" }

    public var description: String { "\(Self.tablePath):\(line) \(caseName) \(origin) \(method) \(path)" }

    /// Every row of the table, in file order.
    public static func loadAll() throws -> [BrowserExpectation] {
        let text = String(decoding: try SpecCorpus.bytes(tablePath), as: UTF8.self)
        var rows: [BrowserExpectation] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rows.append(try parse(trimmed, line: index + 1))
        }
        return rows
    }

    /// One non-comment line: nine fields separated by spaces.
    public static func parse(_ text: String, line: Int) throws -> BrowserExpectation {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == columns.count else {
            throw FormatError(line: line, message: "\(fields.count) fields; want \(columns.joined(separator: " "))")
        }
        func oneOf(_ value: String, _ allowed: [String], _ column: String) throws -> String {
            guard allowed.contains(value) else {
                throw FormatError(line: line, message: "\(column) is \(value); write one of \(allowed.joined(separator: ", "))")
            }
            return value
        }
        let output = try oneOf(fields[1], ["cloudformation", "openapi", "both"], "output")
        var headers: [(name: String, value: String)] = []
        if fields[6] != "-" {
            for item in fields[6].split(separator: ",") {
                guard let colon = item.firstIndex(of: ":") else {
                    throw FormatError(line: line, message: "header \(item) must be written Name:value")
                }
                headers.append((String(item[..<colon]), String(item[item.index(after: colon)...])))
            }
        }
        return BrowserExpectation(
            line: line, caseName: fields[0], outputs: output == "both" ? ["cloudformation", "openapi"] : [output],
            backend: try oneOf(fields[2], ["mock", "http-cors", "http-bare"], "backend"),
            origin: fields[3], method: fields[4], path: fields[5], headers: headers,
            credentials: try oneOf(fields[7], ["same-origin", "include", "omit"], "credentials"),
            isAllowed: try oneOf(fields[8], ["allowed", "blocked"], "expected") == "allowed")
    }
}

import YAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measurements of the `oas2apigw` command itself, run as a separate process the way a
/// build step runs it: wall time, CPU time and peak resident memory of each run.
///
/// The binary must be built beside the runner: `swift build -c release` first.
enum ProcessBenchmark {
    /// What one run of the command cost.
    struct Run {
        var status: Int32
        var seconds: Double
        var cpuSeconds: Double
        /// Peak resident set size, in bytes.
        var peakBytes: Int
    }

    /// The release `oas2apigw` binary next to this runner, if it was built.
    static var binary: String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let me = count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        guard let slash = me.lastIndex(of: "/") else { return nil }
        let path = String(me[..<slash]) + "/oas2apigw"
        return access(path, X_OK) == 0 ? path : nil
    }

    /// Runs `binary arguments` with its output thrown away and waits for it.
    ///
    /// The run goes through `/usr/bin/time`, which reports the command's own peak memory and
    /// CPU time. Linux carries a process's peak memory across `exec` and counts pages shared
    /// after `fork`, so a command started straight from this runner, which holds hundreds
    /// of megabytes of test data, would report the runner's peak as its own.
    static func run(_ binary: String, _ arguments: [String]) -> Run {
        let report = "/tmp/oas2apigw-bench-time.txt"
        defer { unlink(report) }
        let (status, seconds) = spawn("/usr/bin/time", ["-f", "%M %U %S", "-o", report, binary] + arguments)
        let fields = (readFile(report).map { String(decoding: $0, as: UTF8.self) } ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).suffix(3).compactMap { Double($0) }
        guard fields.count == 3 else { return Run(status: status, seconds: seconds, cpuSeconds: 0, peakBytes: 0) }
        return Run(status: status, seconds: seconds, cpuSeconds: fields[1] + fields[2], peakBytes: Int(fields[0]) * 1024)
    }

    /// Starts a program with its output thrown away and waits for it: its exit status and
    /// the wall time it took.
    @discardableResult
    static func spawn(_ program: String, _ arguments: [String]) -> (status: Int32, seconds: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = now()
        guard posix_spawn(&pid, program, &actions, nil, argv, environ) == 0 else { return (-1, 0) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return ((status >> 8) & 0xFF, now() - start)
    }

    /// The median run of `iterations` after one warm-up, and the largest peak memory seen.
    static func medianRun(_ iterations: Int, _ binary: String, _ arguments: [String]) -> Run {
        _ = run(binary, arguments)
        var runs = (0..<iterations).map { _ in run(binary, arguments) }
        runs.sort { $0.seconds < $1.seconds }
        var middle = runs[runs.count / 2]
        middle.peakBytes = runs.map(\.peakBytes).max() ?? 0
        return middle
    }

    /// `--version` and the README's first conversion, which must each take well under 50 ms.
    static func startup(iterations: Int) -> [String] {
        guard let binary else { return ["oas2apigw is not built beside the runner: run `swift build -c release` first"] }
        var rows = ["| command | median ms | peak MB |", "|---|---|---|"]
        let output = "/tmp/oas2apigw-bench-startup.yaml"
        defer { unlink(output) }
        let commands: [[String]] = [
            ["--version"],
            ["convert", "specs/petstore/openapi.yaml", "--cors", "specs/petstore/cors.yaml", "-o", output],
        ]
        for arguments in commands {
            let run = medianRun(iterations, binary, arguments)
            let shown = "oas2apigw " + arguments.map { $0 == output ? "OUT" : $0 }.joined(separator: " ")
            let status = run.status == 0 ? "" : " (exit \(run.status))"
            rows.append("| `\(shown)`\(status) | \(formatted(run.seconds * 1000, 1)) | \(formatted(Double(run.peakBytes) / 1e6, 1)) |")
        }
        return rows
    }

    /// The whole command on one spec file, to each output, against libyaml's raw parse of
    /// the same file in the same run: time, peak memory and both as multiples.
    static func endToEnd(name: String, path: String, bytes: [UInt8], iterations: Int) -> [String] {
        guard let binary else { return [] }
        let policy = "/tmp/oas2apigw-bench-cors.yaml"
        writeText("allowOrigins: [https://app.example.com, https://*.preview.example.com]\nmaxAge: 600\n", to: policy)
        let format = SourceFormat(fileName: path) ?? .yaml
        let output = "/tmp/oas2apigw-bench-out." + format.rawValue
        defer {
            unlink(policy)
            unlink(output)
        }
        var rows: [String] = []
        for (target, extra) in [("openapi", [String]()), ("cloudformation", ["--cfn-style", "body"])] {
            // --repair, so that a real spec with conflicting path variables (Stripe's) converts;
            // it changes nothing in a spec without them.
            let arguments =
                ["convert", path, "--cors", policy, "--to", target, "--format", format.rawValue, "--repair", "-o", output] + extra
            // Each run of the command right after a raw parse of the same bytes, and the ratio
            // of the pair: this machine's speed drifts by a quarter within minutes, and a pair
            // is measured under the same conditions.
            _ = run(binary, arguments)
            var raws: [Double] = []
            var runs: [Run] = []
            var ratios: [Double] = []
            for _ in 0..<iterations {
                let start = now()
                let events = LibYAMLEventScan.countEvents(bytes)
                let raw = max(0.000_001, now() - start)
                if events == nil { return ["| \(name) | libyaml cannot parse it |"] }
                let run = run(binary, arguments)
                raws.append(raw)
                runs.append(run)
                ratios.append(run.seconds / raw)
            }
            let raw = raws.sorted()[raws.count / 2]
            let seconds = runs.map(\.seconds).sorted()[runs.count / 2]
            let ratio = ratios.sorted()[ratios.count / 2]
            // The fastest command over the fastest raw parse: the host's other load only ever
            // adds time, so the fastest runs are the nearest to the work itself. Given beside
            // the median of the pairs, which a minute of contention moves by half a ratio.
            let fastest = (runs.map(\.seconds).min() ?? 0) / (raws.min() ?? 1)
            let peakBytes = runs.map(\.peakBytes).max() ?? 0
            let status = runs.first { $0.status != 0 }?.status ?? 0
            // A template over CloudFormation's 1 MB (CFN002), or a document over the 6 MB
            // API Gateway imports (CONV015), is refused after it is made (exit 2): every step
            // ran, so the time counts; the row says so.
            let limit = target == "openapi" ? "over API Gateway's 6 MB import" : "over CloudFormation's 1 MB"
            let note = status == 0 ? "" : " (exit \(status): \(limit))"
            rows.append(
                "| \(name) | \(formatted(Double(bytes.count) / 1e6, 2)) | \(target)\(note) | \(formatted(raw * 1000, 1)) | "
                    + "\(formatted(seconds * 1000, 1)) | \(formatted(ratio, 2))x | \(formatted(fastest, 2))x | "
                    + "\(formatted(Double(peakBytes) / 1e6, 1)) | \(formatted(Double(peakBytes) / Double(bytes.count), 1))x |")
        }
        return rows
    }

    static let endToEndHeader = [
        "| input | MB | output | raw parse ms | convert ms | × raw parse | fastest × fastest | peak MB | × input |",
        "|---|---|---|---|---|---|---|---|---|",
    ]

    static let checkCasesHeader = [
        "| cases | workers | median wall s | CPU s | cores busy (CPU ÷ wall) |", "|---|---|---|---|---|",
    ]

    /// `check --cases` over `count` copies of the repository's own cases, with one worker
    /// and with one per processor: wall time, CPU time, and how many cores were busy.
    static func checkRepositoryCases(count: Int, iterations: Int) -> [String] {
        let sources = folders(in: "specs").filter { access("golden/\($0)", F_OK) == 0 }
        guard !sources.isEmpty else { return ["run the runner from the repository's root to measure check --cases"] }
        return checkCases(label: "\(count) copies of the repository's cases", iterations: iterations) { root in
            for index in 0..<count {
                let source = sources[index % sources.count]
                let name = threeDigits(index) + "-" + source
                spawn("/bin/cp", ["-R", "specs/" + source, "\(root)/specs/\(name)"])
                spawn("/bin/cp", ["-R", "golden/" + source, "\(root)/golden/\(name)"])
            }
        }
    }

    /// The same over `count` generated service-sized specs (2 to 13 resources, 15 to 100 kB
    /// each) with a two-origin policy: enough work per case for the cores to matter.
    static func checkGeneratedCases(count: Int, iterations: Int) -> [String] {
        var bytes = 0
        let rows = checkCases(label: "{label}", iterations: iterations) { root in
            bytes = writeGeneratedCases(count: count, to: root)
        }
        let label = "\(count) generated service specs, \(formatted(Double(bytes) / 1e6, 1)) MB in all"
        return rows.map { $0.replacing("{label}", with: label) }
    }

    /// Writes the generated service cases under `ROOT/specs` (and empty `ROOT/golden`
    /// folders); returns the specs' bytes. `--write-specs` writes them too, so two builds'
    /// `check --cases` can be timed against each other on the same cases.
    static func writeGeneratedCases(count: Int, to root: String) -> Int {
        var bytes = 0
        mkdir(root + "/specs", 0o755)
        mkdir(root + "/golden", 0o755)
        for index in 0..<count {
            let name = threeDigits(index) + "-service"
            mkdir("\(root)/specs/\(name)", 0o755)
            mkdir("\(root)/golden/\(name)", 0o755)
            let spec = YAMLWriter.write(SyntheticSpec.tree(resources: 2 + index % 12))
            bytes += spec.utf8.count
            writeText(spec, to: "\(root)/specs/\(name)/openapi.yaml")
            writeText(
                "allowOrigins: [https://app.example.com, https://*.preview.example.com]\n",
                to: "\(root)/specs/\(name)/cors.yaml")
        }
        return bytes
    }

    /// Times `check --cases` over the tree `make` fills (`ROOT/specs`, `ROOT/golden`), whose
    /// goldens are recorded first, with one worker and with one per processor.
    private static func checkCases(label: String, iterations: Int, make: (String) -> Void) -> [String] {
        guard let binary else { return [] }
        var template = Array("/tmp/oas2apigw-bench-cases-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return [] }
        let root = String(cString: made)
        defer { spawn("/bin/rm", ["-rf", root]) }
        mkdir(root + "/specs", 0o755)
        mkdir(root + "/golden", 0o755)
        make(root)
        // Diagnostics name files by path, so the goldens are recorded in place first.
        let check = ["check", "--cases", root + "/specs", "--golden", root + "/golden"]
        spawn(binary, check + ["--update"])
        var rows: [String] = []
        let processors = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        for workers in Array(Set([1, processors])).sorted() {
            let run = medianRun(iterations, binary, check + ["--jobs", String(workers)])
            let status = run.status == 0 ? "" : " (exit \(run.status))"
            rows.append(
                "| \(label)\(status) | \(workers) | \(formatted(run.seconds, 2)) | \(formatted(run.cpuSeconds, 2)) | "
                    + "\(formatted(run.cpuSeconds / run.seconds, 2)) |")
        }
        return rows
    }

    private static func folders(in path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}

/// Writes `text` to `path`, replacing it.
func writeText(_ text: String, to path: String) {
    guard let f = fopen(path, "wb") else { return }
    _ = text.utf8CString.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count - 1, f) }
    fclose(f)
}

/// `7` → `"007"`.
func threeDigits(_ value: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
}

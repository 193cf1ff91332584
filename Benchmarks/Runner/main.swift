import Convert
import YAML
import Render
import CORS
import Spec
import Planning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The benchmark runner: `swift run -c release oas2apigw-bench [--size-mb N] [--iterations N] [FILE...]`.
// It times the YAML layer against libyaml's raw event parse of the same bytes, in the same run,
// and prints a Markdown table for docs/benchmarks.md.

/// Parsed command line: how large a synthetic spec to make, how often to repeat, extra files.
struct Options {
    var sizeMB = 4.0
    var iterations = 9
    var files: [String] = []
    /// Only repeat one step, for a profiler: `yaml-read`, `json-read`, `yaml-write`, `raw`; or
    /// `read-ratio` and `read-threshold`, which time the YAML reader's two paths and stop.
    var profileStep: String?
    /// Only the conversion rows and their stages (`--only convert`), for quick before/after runs.
    var only: String?
    /// Write the generated specs to this folder and stop (`--write-specs DIR`), so the
    /// command itself can be run under a profiler on the same bytes the runner times.
    var writeSpecsTo: String?

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--size-mb": sizeMB = rest.popFirst().flatMap(Double.init) ?? sizeMB
            case "--iterations": iterations = rest.popFirst().flatMap(Int.init) ?? iterations
            case "--profile": profileStep = rest.popFirst()
            case "--only": only = rest.popFirst()
            case "--write-specs": writeSpecsTo = rest.popFirst()
            default: files.append(argument)
            }
        }
    }
}

/// Monotonic time in seconds.
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// The median wall time of `body` over `iterations` runs, after one warm-up run.
///
/// What `body` returns is freed after the clock stops: a conversion reads a tree and exits
/// without ever freeing it, so tearing the tree down is not part of reading it.
func median<Result>(_ iterations: Int, _ body: () -> Result) -> Double {
    _ = body()
    var times: [Double] = []
    for _ in 0..<iterations {
        let start = now()
        let result = body()
        times.append(now() - start)
        withExtendedLifetime(result) {}
    }
    times.sort()
    return times[times.count / 2]
}

/// Times `body` and the `baseline` it is compared with alternately, so both see the same
/// machine: the median of `body`, and the median of the per-pair ratios.
///
/// On a machine shared with other work, medians of separate runs drift apart by more than
/// the changes being measured; a ratio taken from back-to-back runs does not. What either
/// returns is freed after both clocks stop, as `median` does.
func pairedMedian<Base, Result>(_ iterations: Int, baseline: () -> Base, _ body: () -> Result) -> (seconds: Double, ratio: Double) {
    _ = baseline()
    _ = body()
    var times: [Double] = []
    var ratios: [Double] = []
    for _ in 0..<iterations {
        var start = now()
        let kept = baseline()
        let base = now() - start
        start = now()
        let result = body()
        let seconds = now() - start
        withExtendedLifetime((kept, result)) {}
        times.append(seconds)
        ratios.append(seconds / base)
    }
    times.sort()
    ratios.sort()
    return (times[times.count / 2], ratios[ratios.count / 2])
}

/// A row of the results table; `baseline` is the raw libyaml parse of the same input.
func row(_ input: String, _ step: String, bytes: Int, seconds: Double, baseline: Double?) -> String {
    let mb = Double(bytes) / 1_000_000
    let ratio = baseline.map { formatted(seconds / $0, 2) + "x" } ?? "–"
    return "| \(input) | \(step) | \(formatted(mb, 2)) | \(formatted(seconds * 1000, 1)) | \(formatted(mb / seconds, 1)) | \(ratio) |"
}

func formatted(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if have < decimals { text += String(repeating: "0", count: decimals - have) }
    }
    return text
}

func readFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&chunk, 1, chunk.count, f)
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return bytes
}

/// Times reading and writing one YAML input and, when given, the same content as JSON.
func measure(name: String, yaml: [UInt8], json: [UInt8]?, iterations: Int) -> [String] {
    var rows: [String] = []
    let raw = median(iterations) { LibYAMLEventScan.countEvents(yaml) }
    rows.append(row(name, "libyaml raw event parse (floor)", bytes: yaml.count, seconds: raw, baseline: raw))
    guard let tree = try? YAMLReader.read(yaml, file: name) else {
        rows.append("| \(name) | YAMLReader.read | failed to read | | | |")
        return rows
    }
    let read = median(iterations) { try? YAMLReader.read(yaml, file: name) }
    rows.append(row(name, "YAMLReader.read → Node", bytes: yaml.count, seconds: read, baseline: raw))
    let write = median(iterations) { YAMLWriter.write(tree) }
    rows.append(row(name, "YAMLWriter.write", bytes: yaml.count, seconds: write, baseline: raw))
    if let json {
        let rawJSON = median(iterations) { LibYAMLEventScan.countEvents(json) }
        rows.append(row(name + " (JSON)", "libyaml raw event parse (floor)", bytes: json.count, seconds: rawJSON, baseline: rawJSON))
        let readJSON = median(iterations) { try? JSONReader.read(json, file: name) }
        rows.append(row(name + " (JSON)", "JSONReader.read → Node", bytes: json.count, seconds: readJSON, baseline: rawJSON))
        if let jsonTree = try? JSONReader.read(json, file: name) {
            let writeJSON = median(iterations) { try? JSONWriter.write(jsonTree) }
            rows.append(row(name + " (JSON)", "JSONWriter.write", bytes: json.count, seconds: writeJSON, baseline: rawJSON))
        }
    }
    return rows
}

let options = Options(Array(CommandLine.arguments.dropFirst()))

/// A synthetic spec of at least `megabytes` of YAML: the tree, its YAML and its resource count.
func syntheticSpec(megabytes: Double) -> (tree: Node, yaml: String, resources: Int) {
    // About 7 kB of YAML per resource; grow until the YAML reaches the requested size.
    var resources = max(1, Int(megabytes * 1_000_000 / 7_200))
    var tree = SyntheticSpec.tree(resources: resources)
    var yaml = YAMLWriter.write(tree)
    while Double(yaml.utf8.count) < megabytes * 1_000_000 {
        resources += max(1, resources / 50)
        tree = SyntheticSpec.tree(resources: resources)
        yaml = YAMLWriter.write(tree)
    }
    return (tree, yaml, resources)
}

let (tree, yamlText, resources) = syntheticSpec(megabytes: options.sizeMB)
let jsonText = (try? JSONWriter.write(tree)) ?? "{}"
let syntheticName = "synthetic, \(resources) resources"

if let folder = options.writeSpecsTo {
    let large = syntheticSpec(megabytes: 20)
    mkdir(folder, 0o755)
    writeText(yamlText, to: folder + "/synthetic-4mb.yaml")
    writeText(jsonText, to: folder + "/synthetic-4mb.json")
    writeText(large.yaml, to: folder + "/synthetic-20mb.yaml")
    writeText(YAMLWriter.write(SyntheticSpec.swagger2Tree(resources: resources)), to: folder + "/synthetic-4mb-swagger2.yaml")
    writeText((try? JSONWriter.write(large.tree)) ?? "{}", to: folder + "/synthetic-20mb.json")
    writeText("allowOrigins: [https://app.example.com, https://*.preview.example.com]\nmaxAge: 600\n", to: folder + "/cors.yaml")
    mkdir(folder + "/service-cases", 0o755)
    _ = ProcessBenchmark.writeGeneratedCases(count: 500, to: folder + "/service-cases")
    print("wrote the synthetic specs (the 4 MB one in Swagger 2.0 too) and their policy (the one the command rows use), and the 500 service cases of the check rows (service-cases/specs, goldens not recorded), to \(folder)")
    exit(0)
}

if let step = options.profileStep {
    // Run one step in a loop and nothing else, so `perf record` sees only that step.
    let yamlBytes = Array(yamlText.utf8)
    let jsonBytes = Array(jsonText.utf8)
    if step == "read-ratio" {
        // YAMLReader.read against the raw parse, run back to back, without the rest of the
        // runner: the quick before-and-after number for a change to the reader, on each path.
        let paths: [(String, YAMLReader.Threading)] = [
            ("YAMLReader.read", .automatic), ("YAMLReader.read, one thread", .singleThread),
            ("YAMLReader.read, pipelined", .pipelined), ("YAMLReader.read, halves", .halves),
        ]
        for (name, threading) in paths {
            let (seconds, ratio) = pairedMedian(options.iterations, baseline: { _ = LibYAMLEventScan.countEvents(yamlBytes) }) {
                try? YAMLReader.read(yamlBytes, file: "p", threading: threading)
            }
            print("| \(syntheticName) | \(name) | \(formatted(Double(yamlBytes.count) / 1e6, 2)) MB | \(formatted(seconds * 1000, 1)) ms | \(formatted(ratio, 2))x |")
        }
        exit(0)
    }
    if step == "read-threshold" {
        /// One way of reading against another on the same bytes, at each size: a table row per
        /// size with both times and their ratio.
        func compare(_ baseline: YAMLReader.Threading, _ contender: YAMLReader.Threading, names: (String, String), kilobytes sizes: [Int]) {
            print("| KB | \(names.0) ms | \(names.1) ms | \(names.1) / \(names.0) |")
            print("|---|---|---|---|")
            for kilobytes in sizes {
                let bytes = Array(syntheticSpec(megabytes: Double(kilobytes) / 1000).yaml.utf8)
                // Enough reads per sample that each sample takes about 40 ms.
                let repeats = max(1, 4_000_000 / bytes.count)
                // The trees are kept until the clocks stop: a conversion never frees its tree,
                // and one made on two threads is freed across malloc's arenas.
                let (seconds, ratio) = pairedMedian(options.iterations, baseline: {
                    (0..<repeats).map { _ in try? YAMLReader.read(bytes, file: "p", threading: baseline) }
                }) {
                    (0..<repeats).map { _ in try? YAMLReader.read(bytes, file: "p", threading: contender) }
                }
                let time = seconds / Double(repeats)
                print("| \(bytes.count / 1000) | \(formatted(time / ratio * 1000, 3)) | \(formatted(time * 1000, 3)) | \(formatted(ratio, 2)) |")
            }
        }
        // Where the second thread starts to pay is YAMLReader.pipelineThreshold; where the
        // halves start to pay over the pipelined read, YAMLReader.halvesThreshold.
        compare(.singleThread, .pipelined, names: ("one thread", "pipelined"), kilobytes: [16, 32, 64, 128, 192, 256, 384, 512, 1024])
        print("")
        compare(.pipelined, .halves, names: ("pipelined", "halves"), kilobytes: [256, 384, 512, 768, 1024, 2048])
        exit(0)
    }
    var sink = 0
    // The stages of a conversion one at a time, each fed what the stage before produced.
    let stagePolicy = try! CORSPolicyReader.read(
        Array("allowOrigins: [https://app.example.com, https://*.preview.example.com]\n".utf8), file: "cors.yaml"
    ).policy
    let loaded = try! SpecLoader.load(entry: "spec.yaml", reader: InMemorySpecFiles(bytes: ["spec.yaml": yamlBytes])).spec
    let model = APIModelBuilder.build(from: loaded).0
    let bundled = SpecBundler.bundle(loaded)
    let plan = GatewayPlanner().plan(model, document: bundled, cors: stagePolicy).0
    if step == "memory" {
        // Bytes malloc holds after each stage of one conversion, for finding what peaks.
        func inUse() -> String {
            let fields = (readFile("/proc/self/statm").map { String(decoding: $0, as: UTF8.self) } ?? "").split(separator: " ")
            let pages = fields.count > 1 ? Double(fields[1]) ?? 0 : 0
            let status = readFile("/proc/self/status").map { String(decoding: $0, as: UTF8.self) } ?? ""
            let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
            return formatted(pages * 4096 / 1e6, 1) + " MB resident, " + peak.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") + " peak"
        }
        print("before: \(inUse()) (the spec's YAML, tree and JSON are held by the runner)")
        let output = DiscardingSink()
        _ = Converter.convert(
            entry: "spec.yaml", reader: InMemorySpecFiles(bytes: ["spec.yaml": yamlBytes]),
            policy: Converter.PolicyInput(bytes: Array("allowOrigins: [https://a.example.com, https://*.b.example.com]\n".utf8), file: "cors.yaml"),
            request: Converter.Request(target: .openapi), into: output
        ) { stage in print("after \(stage.rawValue): \(inUse())") }
        print("returned: \(inUse()), output \(output.count) bytes streamed")
        exit(0)
    }
    for _ in 0..<options.iterations {
        switch step {
        case "load":
            sink &+= (try? SpecLoader.load(entry: "spec.yaml", reader: InMemorySpecFiles(bytes: ["spec.yaml": yamlBytes])))?.spec.documents.count ?? 0
        case "model": sink &+= APIModelBuilder.build(from: loaded).0.resources.count
        case "bundle": sink &+= SpecBundler.bundle(loaded).mapping?.count ?? 0
        case "prepare": sink &+= DocumentPreparation.prepare(bundled, file: "spec.yaml").0.mapping?.count ?? 0
        case "plan": sink &+= GatewayPlanner().plan(model, document: bundled, cors: stagePolicy).0.resources.count
        case "render-openapi": sink &+= OpenAPIRenderer().render(plan).mapping?.count ?? 0
        case "stream-openapi":
            // Render and write in parts on this thread only, as one worker of a conversion does.
            let output = DiscardingSink()
            _ = DocumentWriter.write(OpenAPIRenderer().renderInParts(plan), format: .yaml, to: output, workers: 1)
            sink &+= output.count
        case "stream-cloudformation":
            // The body style's template in parts on this thread only, with each path item's digest.
            let output = DiscardingSink()
            if case .inParts(let document) = CloudFormationRenderer(style: .body).renderForWriting(plan).template {
                _ = DocumentWriter.write(document, format: .yaml, to: output, workers: 1)
            }
            sink &+= output.count
        case "render-cloudformation": sink &+= CloudFormationRenderer(style: .body).render(plan).template.mapping?.count ?? 0
        case "raw": sink &+= LibYAMLEventScan.countEvents(yamlBytes) ?? 0
        case "yaml-read": sink &+= (try? YAMLReader.read(yamlBytes, file: "p"))?.mapping?.count ?? 0
        case "json-read": sink &+= (try? JSONReader.read(jsonBytes, file: "p"))?.mapping?.count ?? 0
        case "yaml-write": sink &+= YAMLWriter.write(tree).utf8.count
        case "convert-openapi", "convert-cloudformation":
            let target: Converter.Request.Target = step == "convert-openapi" ? .openapi : .cloudformation
            let result = Converter.convert(
                entry: "spec.yaml", reader: InMemorySpecFiles(bytes: ["spec.yaml": yamlBytes]), policy: nil,
                request: Converter.Request(target: target, cloudFormationStyle: .body))
            sink &+= result.output?.utf8.count ?? 0
        default:
            print(
                "unknown step \(step): use read-ratio, read-threshold, raw, yaml-read, json-read, yaml-write, load, model, "
                    + "bundle, prepare, plan, render-openapi, stream-openapi, stream-cloudformation, render-cloudformation, convert-openapi or convert-cloudformation")
            exit(64)
        }
    }
    print("ran \(step) \(options.iterations) times (\(sink))")
    exit(0)
}

if options.only == "process" || options.only == nil {
    // The command as a build step runs it: startup, whole conversions with their peak
    // memory, and check --cases on every core.
    print("## The command\n")
    for line in ProcessBenchmark.startup(iterations: max(options.iterations, 21)) { print(line) }
    print("")
    var inputs: [(name: String, path: String, bytes: [UInt8])] = []
    let large = syntheticSpec(megabytes: 20)
    let largeJSON = (try? JSONWriter.write(large.tree)) ?? "{}"
    for (name, text, suffix) in [
        ("synthetic 4 MB", yamlText, "yaml"), ("synthetic 20 MB", large.yaml, "yaml"), ("synthetic 20 MB", largeJSON, "json"),
    ] {
        let path = "/tmp/oas2apigw-bench-spec-\(inputs.count).\(suffix)"
        writeText(text, to: path)
        inputs.append(("\(name) \(suffix == "json" ? "JSON" : "YAML")", path, Array(text.utf8)))
    }
    for file in options.files {
        if let bytes = readFile(file) { inputs.append((file, file, bytes)) }
    }
    for line in ProcessBenchmark.endToEndHeader { print(line) }
    for input in inputs {
        let iterations = input.bytes.count > 10_000_000 ? max(3, options.iterations / 2) : options.iterations
        for line in ProcessBenchmark.endToEnd(name: input.name, path: input.path, bytes: input.bytes, iterations: iterations) {
            print(line)
        }
        if input.path.hasPrefix("/tmp/oas2apigw-bench-spec-") { unlink(input.path) }
    }
    print("")
    for line in ProcessBenchmark.checkCasesHeader { print(line) }
    for line in ProcessBenchmark.checkRepositoryCases(count: 500, iterations: 3) { print(line) }
    for line in ProcessBenchmark.checkGeneratedCases(count: 500, iterations: 3) { print(line) }
    print("")
    if options.only == "process" { exit(0) }
}

var rows: [String] = []
var stageRows: [String] = []
let everything = options.only == nil
if everything {
    rows += measure(name: syntheticName, yaml: Array(yamlText.utf8), json: Array(jsonText.utf8), iterations: options.iterations)
    rows += measureModel(name: syntheticName, yaml: Array(yamlText.utf8), iterations: options.iterations)
}
rows += measureConvert(name: syntheticName, yaml: Array(yamlText.utf8), iterations: options.iterations, stages: &stageRows)
for file in options.files where everything {
    guard let bytes = readFile(file) else {
        print("cannot read \(file)")
        continue
    }
    let isJSON = SourceFormat(fileName: file) == .json
    rows += measure(name: file, yaml: bytes, json: isJSON ? bytes : nil, iterations: options.iterations)
}
if everything {
    rows += MultiFileSpec.measure(count: 2_000, iterations: options.iterations)
}

print("| input | step | MB | median ms | MB/s | × raw parse |")
print("|---|---|---|---|---|---|")
for line in rows { print(line) }
print("\n| input | output | stage | median ms | × raw parse |")
print("|---|---|---|---|---|")
for line in stageRows { print(line) }
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print("\npeak RSS of the whole run: \(usage.ru_maxrss / 1024) MB; \(options.iterations) timed runs per row (median) after one warm-up")

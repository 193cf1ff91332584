import Convert
import Planning
import YAML
import Diagnostics
import Render
import Spec

/// Times the whole conversion of one spec, bytes in, text out, to each target, against
/// libyaml's raw event parse of the same bytes in the same run.
///
/// The spec comes from memory through `InMemorySpecFiles`, so the row measures the tool's
/// own work (read, model, bundle, plan with a CORS policy, render, write), not the disk.
func measureConvert(name: String, yaml: [UInt8], iterations: Int, stages: inout [String]) -> [String] {
    let files = InMemorySpecFiles(bytes: ["spec.yaml": yaml])
    let policy = Converter.PolicyInput(
        bytes: Array("allowOrigins: [https://app.example.com, https://*.preview.example.com]\nmaxAge: 600\n".utf8),
        file: "cors.yaml")
    var rows: [String] = []
    // A spec this size has more than CloudFormation's 500 resources as Resource and Method
    // resources, so the template is the body style, as a user of such a spec would choose.
    for target in Converter.Request.Target.allCases {
        for format in SourceFormat.allCases {
            let request = Converter.Request(target: target, format: format, cloudFormationStyle: .body)
            let first = Converter.convert(entry: "spec.yaml", reader: files, policy: policy, request: request)
            // Timed as the command runs it: the output streams into a sink, here one that only
            // counts, so the rows measure the library's work and not a destination's.
            // Over CloudFormation's 1 MB the template is refused after it is written, so the
            // run still did every step; it is timed and marked.
            let tooLarge = first.diagnostics.contains { $0.code == RenderError.templateTooLarge }
            guard first.output != nil || tooLarge else {
                let error = first.diagnostics.first { $0.severity == .error }
                rows.append("| \(name) | convert --to \(target.rawValue) | failed: \(error?.message ?? "no output") | | | |")
                continue
            }
            let (seconds, ratio) = pairedMedian(iterations, baseline: { _ = LibYAMLEventScan.countEvents(yaml) }) {
                Converter.convert(entry: "spec.yaml", reader: files, policy: policy, request: request, into: DiscardingSink())
            }
            stages += measureStages(
                name: name, entry: "spec.yaml", files: files, policy: policy, request: request, raw: yaml,
                iterations: iterations)
            let style = target == .cloudformation ? " --cfn-style body" : ""
            let note = tooLarge ? ", over CloudFormation's 1 MB: CFN002" : ""
            rows.append(
                row(
                    name, "convert --to \(target.rawValue)\(style) --format \(format.rawValue)\(note)",
                    bytes: yaml.count, seconds: seconds, baseline: seconds / ratio))
        }
    }
    return rows
}

/// Counts the bytes of an output and keeps none of them.
final class DiscardingSink: ByteSink {
    private(set) var count = 0

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        count += bytes.count
    }
}

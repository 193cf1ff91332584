import Convert
import Planning
import YAML
import Spec

/// Where one conversion spends its time: each stage's median over the runs, in
/// milliseconds and as a multiple of libyaml's raw parse of the same bytes.
///
/// The converter reports each stage as it ends; the time after the last stage, until
/// `convert` returns, is freeing the trees the stages built ("free" below).
func measureStages(
    name: String, entry: String, files: InMemorySpecFiles, policy: Converter.PolicyInput?,
    request: Converter.Request, raw bytes: [UInt8], iterations: Int
) -> [String] {
    var samples: [String: [Double]] = [:]
    var order: [String] = []
    var raws: [Double] = []
    for run in 0...iterations {
        // The raw parse right before each run, as the baseline of that run.
        let rawStart = now()
        _ = LibYAMLEventScan.countEvents(bytes)
        let raw = now() - rawStart
        var last = now()
        var times: [(String, Double)] = []
        let result = Converter.convert(
            entry: entry, reader: files, policy: policy, request: request, into: DiscardingSink()
        ) { stage in
            let t = now()
            times.append((stage.rawValue, t - last))
            last = t
        }
        times.append(("free", now() - last))
        withExtendedLifetime(result) {}
        guard run > 0 else { continue }  // the first run warms up
        raws.append(raw)
        for (stage, seconds) in times {
            if samples[stage] == nil { order.append(stage) }
            samples[stage, default: []].append(seconds)
        }
    }
    raws.sort()
    let raw = raws[raws.count / 2]
    let target = "\(request.target.rawValue) \(request.format.rawValue)"
    return order.map { stage in
        let sorted = samples[stage, default: [0]].sorted()
        let seconds = sorted[sorted.count / 2]
        return "| \(name) | \(target) | \(stage) | \(formatted(seconds * 1000, 1)) | \(formatted(seconds / raw, 2))x |"
    }
}

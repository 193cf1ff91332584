import YAML
import Spec

/// Times building the API model from a parsed spec, against libyaml's raw event parse of
/// the same bytes (the floor any YAML-based tool pays).
///
/// The model is built from a tree read once, so the row shows the model's own cost; a
/// second row adds the read, which is what `inspect` pays for a single-file spec.
func measureModel(name: String, yaml: [UInt8], iterations: Int) -> [String] {
    let raw = median(iterations) { LibYAMLEventScan.countEvents(yaml) }
    guard let tree = try? YAMLReader.read(yaml, file: name) else {
        return ["| \(name) | APIModelBuilder.build | failed to read | | | |"]
    }
    let spec = LoadedSpec(entryFile: name, root: tree)
    let (model, diagnostics) = APIModelBuilder.build(from: spec)
    let operations = model.operations.count
    var rows: [String] = []
    if !diagnostics.isEmpty {
        rows.append("| \(name) | APIModelBuilder.build | \(diagnostics.count) unexpected diagnostics | | | |")
    }
    let build = median(iterations) { APIModelBuilder.build(from: spec) }
    rows.append(
        row(name, "APIModelBuilder.build (\(model.resources.count) resources, \(operations) operations)", bytes: yaml.count,
            seconds: build, baseline: raw))
    // The tree is returned with the model so that, as in the other rows, freeing it
    // happens after the clock stops.
    let readAndBuild = median(iterations) { () -> (Node, APIModel)? in
        guard let tree = try? YAMLReader.read(yaml, file: name) else { return nil }
        return (tree, APIModelBuilder.build(from: LoadedSpec(entryFile: name, root: tree)).0)
    }
    rows.append(row(name, "YAMLReader.read + APIModelBuilder.build", bytes: yaml.count, seconds: readAndBuild, baseline: raw))
    return rows
}

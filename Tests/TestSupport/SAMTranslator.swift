import Foundation

/// SAM's own transform (`aws-sam-translator`, through `scripts/sam_translate.py`), the oracle
/// the SAM readers are checked against.
public enum SAMTranslator {
    /// `template` translated: the script's exit status and messages, and the translation
    /// when there is one. `name` names the scratch folder, so tests running at once do not
    /// share one.
    public static func translate(_ template: String, name: String) throws -> (status: Int32, output: String, translation: String?) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("template.yaml").path
        let translated = folder.appendingPathComponent("out.json").path
        try Data(template.utf8).write(to: URL(fileURLWithPath: file))
        let script = SpecCorpus.root.appendingPathComponent("scripts/sam_translate.py").path
        let run = try ExternalTool.run("python3", [script, file, translated])
        let translation = run.status == 0 ? try? String(contentsOfFile: translated, encoding: .utf8) : nil
        return (run.status, run.output, translation)
    }
}

import YAML
import Foundation
import GoldenCases

/// The repository's test cases: one folder under `specs/` per case, its expected outputs
/// in the folder of the same name under `golden/`.
public enum SpecCorpus {
    /// The repository's top level, found from this file's place in `Tests/TestSupport`.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The names of the conversion case folders, sorted: every folder but the doctor's.
    public static let caseNames: [String] = folders(in: "specs").filter { !$0.hasPrefix(doctorPrefix) && !$0.hasPrefix(migratePrefix) }

    /// Doctor cases (`specs/doctor-<fault>/`) hold a hand-written template or gateway
    /// document instead of a spec, and only a `doctor.txt` golden.
    public static let doctorPrefix = "doctor-"
    public static let migratePrefix = "migrate-"
    /// The migration cases: a hand-written definition each, migrated by `oas2apigw migrate`.
    public static let migrateCaseNames: [String] = folders(in: "specs").filter { $0.hasPrefix(migratePrefix) }
    public static let doctorCaseNames: [String] = folders(in: "specs").filter { $0.hasPrefix(doctorPrefix) }

    public static func folders(in top: String) -> [String] {
        let url = root.appendingPathComponent(top)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// The spec of a case: the one file named `openapi.yaml`, `openapi.yml` or `openapi.json`,
    /// as a path relative to the top level (the way diagnostics name it).
    public static func specPath(of caseName: String) -> String? {
        for name in GoldenCase.specNames {
            let relative = "specs/\(caseName)/\(name)"
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path) { return relative }
        }
        return nil
    }

    /// The case's CORS policy, `cors.yaml` or `cors.json`, if it has one.
    public static func policyPath(of caseName: String) -> String? {
        GoldenCase.policyNames.map { "specs/\(caseName)/\($0)" }.first(where: Golden.exists)
    }

    /// Whether the case is converted as an HTTP API (`api: http` in its options.yaml).
    public static func isHTTPAPI(_ caseName: String) -> Bool {
        let path = "specs/\(caseName)/options.yaml"
        guard Golden.exists(path), let root = try? YAMLReader.read(try bytes(path), file: path) else { return false }
        return root["api"]?.text == "http"
    }

    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }
}

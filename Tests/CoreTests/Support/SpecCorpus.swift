import Foundation

/// The repository's test cases: one folder under `specs/` per case, its expected outputs
/// in the folder of the same name under `golden/`.
enum SpecCorpus {
    /// The repository's top level, found from this file's place in `Tests/CoreTests/Support`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The names of the conversion case folders, sorted: every folder but the doctor's.
    static let caseNames: [String] = folders(in: "specs").filter { !$0.hasPrefix(doctorPrefix) }

    /// Doctor cases (`specs/doctor-<fault>/`) hold a hand-written template or gateway
    /// document instead of a spec, and only a `doctor.txt` golden.
    static let doctorPrefix = "doctor-"
    static let doctorCaseNames: [String] = folders(in: "specs").filter { $0.hasPrefix(doctorPrefix) }

    static func folders(in top: String) -> [String] {
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
    static func specPath(of caseName: String) -> String? {
        for name in ["openapi.yaml", "openapi.yml", "openapi.json"] {
            let relative = "specs/\(caseName)/\(name)"
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path) { return relative }
        }
        return nil
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }
}

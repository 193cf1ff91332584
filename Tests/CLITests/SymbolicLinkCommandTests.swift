import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files reached through symbolic links on a real disk: a `$ref` or a case's file that a
/// link leads out of its folder is refused like any other escape, one that stays is read.
@Suite struct SymbolicLinkCommandTests {
    /// `api/openapi.yaml` referring to `schemas/pet.yaml`, with `shared/pet.yaml` beside
    /// `api/` and `api/v1/pet.yaml` inside it; the links are each test's own.
    func makeSpec() throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        let files = [
            "api/openapi.yaml": """
                openapi: 3.0.3
                info: {title: Pets, version: '1'}
                paths: {}
                components:
                  schemas:
                    Pet: {$ref: schemas/pet.yaml}
                """,
            "api/v1/pet.yaml": "type: object\n",
            "shared/pet.yaml": "type: object\n",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    /// Where `url` really is, as the tool's own `realpath` sees it (the temporary folder may
    /// itself be reached through a link).
    func realPath(_ url: URL) -> String {
        guard let resolved = realpath(url.path, nil) else { return url.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    func link(_ name: String, to destination: String, in folder: URL) throws {
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent(name).path, withDestinationPath: destination)
    }

    @Test func refusesAFolderLinkOutOfTheSpecFolderAtTheRef() throws {
        let folder = try makeSpec()
        try link("api/schemas", to: "../shared", in: folder)
        let result = try CommandRunner.run(["bundle", "api/openapi.yaml", "-o", "out.yaml"], in: folder)
        let destination = realPath(folder.appendingPathComponent("shared/pet.yaml"))
        #expect(result.status == 2)
        #expect(
            result.standardError == """
                api/openapi.yaml:6:17: error: [OAS008] $ref "schemas/pet.yaml" leads to api/schemas/pet.yaml, which goes through the symbolic link api/schemas to \(destination), outside api where the spec starts; copy the file into that folder instead of linking to it or pass --allow-ref-outside (--repair cannot fix this)
                1 error

                """)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.yaml").path))
        let allowed = try CommandRunner.run(["bundle", "api/openapi.yaml", "--allow-ref-outside"], in: folder)
        #expect(allowed.status == 0, "\(allowed.standardError)")
    }

    @Test func refusesAFileLinkOutOfTheSpecFolder() throws {
        let folder = try makeSpec()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("api/schemas"), withIntermediateDirectories: true)
        try link("api/schemas/pet.yaml", to: realPath(folder.appendingPathComponent("shared/pet.yaml")), in: folder)
        let result = try CommandRunner.run(["convert", "api/openapi.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("api/openapi.yaml:6:17: error: [OAS008] $ref \"schemas/pet.yaml\" leads to api/schemas/pet.yaml, which is a symbolic link to "))
    }

    @Test func readsThroughALinkThatStaysInsideTheFolder() throws {
        let folder = try makeSpec()
        try link("api/schemas", to: "v1", in: folder)
        let result = try CommandRunner.run(["bundle", "api/openapi.yaml"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("    Pet:\n      type: object\n"))
    }

    /// A case's policy is read because it sits in the case folder: a link out of it (here to
    /// a file one folder up) is refused before it is read, and the case fails.
    @Test func refusesACaseFileThatLinksOutOfTheCase() throws {
        let folder = try CheckCommandTests.copyOfCases(["cors-multi-origin"])
        let policy = folder.appendingPathComponent("specs/cors-multi-origin/cors.yaml")
        try FileManager.default.moveItem(at: policy, to: folder.appendingPathComponent("cors.yaml"))
        try link("specs/cors-multi-origin/cors.yaml", to: "../../cors.yaml", in: folder)
        let result = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden"], in: folder)
        let destination = realPath(folder.appendingPathComponent("cors.yaml"))
        #expect(result.status == 1)
        #expect(
            result.standardOutput.contains(
                "+cors.yaml:1:1: error: [IO004] cors.yaml is a symbolic link to \(destination), outside the case folder specs/cors-multi-origin; copy the file into the case instead of linking to it\n"))
        // A link to a file inside the case reads as the file itself.
        try FileManager.default.removeItem(at: policy)
        try FileManager.default.moveItem(
            at: folder.appendingPathComponent("cors.yaml"), to: folder.appendingPathComponent("specs/cors-multi-origin/policy.yaml"))
        try link("specs/cors-multi-origin/cors.yaml", to: "policy.yaml", in: folder)
        let inside = try CommandRunner.run(["check", "--cases", "specs", "--golden", "golden"], in: folder)
        #expect(inside.status == 0, "\(inside.standardOutput)")
        #expect(inside.standardOutput == "1 case matches, 0 differ\n")
    }
}

import Support
import Diagnostics
import Testing
import Spec

/// `$ref`s that stay inside the spec's folder by name and leave it through a symbolic link,
/// on files held in memory with the links a disk would have.
@Suite struct SymbolicLinkTests {
    /// Files in memory under `/work`, where the names in `links` lead elsewhere, as
    /// `realpath` would say: a link's own name, and everything below it, resolve to its target.
    struct LinkedFiles: SpecFileReader {
        var files: [String: String]
        var links: [String: String]

        func read(_ path: String) throws -> [UInt8] {
            try InMemorySpecFiles(files).read(path)
        }

        func resolvedPath(_ path: String) -> String? {
            var real = path == "." ? "/work" : "/work/" + path
            for (link, target) in links.sorted(by: { $0.key.count > $1.key.count }) {
                let name = "/work/" + link
                if real == name || real.hasPrefix(name + "/") {
                    real = target + real.dropFirst(name.count)
                    break
                }
            }
            return real
        }
    }

    static let entry = SpecLoaderTests.header + "components:\n  schemas:\n    Pet:\n      $ref: "

    func printed(_ reference: String, links: [String: String], options: LoadOptions = LoadOptions()) -> String {
        let reader = LinkedFiles(
            files: [
                "api/openapi.yaml": Self.entry + reference + "\n", "api/schemas/pet.yaml": "type: object\n",
                "api/pet.yaml": "type: object\n", "api/current/pet.yaml": "type: object\n",
            ],
            links: links)
        do {
            return "loaded \(try SpecLoader.load(entry: "api/openapi.yaml", reader: reader, options: options).spec.fileOrder)"
        } catch let error as DiagnosticError {
            return DiagnosticFormatter(format: .text).render(error.diagnostics)
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func refusesAFolderLinkThatLeadsOutAtTheRef() {
        #expect(
            printed("schemas/pet.yaml", links: ["api/schemas": "/home/me/secrets"]) == """
                api/openapi.yaml:6:13: error: [OAS008] $ref "schemas/pet.yaml" leads to api/schemas/pet.yaml, which goes through the symbolic link api/schemas to /home/me/secrets/pet.yaml, outside api where the spec starts; copy the file into that folder instead of linking to it or pass --allow-ref-outside (--repair cannot fix this)
                1 error

                """)
    }

    @Test func refusesAFileLinkThatLeadsOut() {
        #expect(
            printed("pet.yaml", links: ["api/pet.yaml": "/etc/pet.yaml"]) == """
                api/openapi.yaml:6:13: error: [OAS008] $ref "pet.yaml" leads to api/pet.yaml, which is a symbolic link to /etc/pet.yaml, outside api where the spec starts; copy the file into that folder instead of linking to it or pass --allow-ref-outside (--repair cannot fix this)
                1 error

                """)
    }

    @Test func allowsALinkThatStaysInsideAndAFolderThatIsItselfALink() {
        // `api/current` is `api/v2`; and the whole of /work is really /private/work (as /tmp
        // is /private/tmp on macOS), which must not put every file outside.
        #expect(printed("current/pet.yaml", links: ["api/current": "/work/api/v2"]) == "loaded [\"api/openapi.yaml\", \"api/current/pet.yaml\"]")
        #expect(printed("schemas/pet.yaml", links: ["api": "/private/work/api"]) == "loaded [\"api/openapi.yaml\", \"api/schemas/pet.yaml\"]")
    }

    @Test func allowsALinkOutWhenRefsOutsideAreAllowed() {
        let allowed = printed("schemas/pet.yaml", links: ["api/schemas": "/home/me/secrets"], options: LoadOptions(allowsRefsOutsideFolder: true))
        #expect(allowed == "loaded [\"api/openapi.yaml\", \"api/schemas/pet.yaml\"]")
    }
}

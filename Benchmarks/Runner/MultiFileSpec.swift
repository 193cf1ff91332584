import Diagnostics
import YAML
import Spec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Generates a spec spread over many files, shaped like DigitalOcean's (about 2,900 files
/// joined by relative `$ref`s), and times loading and bundling it.
///
/// Each resource has a path item file, a schema file and a response file (every fourth
/// one in JSON); the schemas refer to shared definitions in `common/` and to each other,
/// so the loader meets the same files again and again. The content is a pure function of
/// the file count, and nothing third-party is copied in.
enum MultiFileSpec {
    /// Relative path and text of every file, entry (`openapi.yaml`) first.
    static func files(count: Int) -> [(path: String, text: String)] {
        let resources = max(1, (count - 5) / 3)
        var paths = ""
        var files: [(String, String)] = []
        for r in 0..<resources {
            let json = r % 4 == 3
            let response = "responses/resource\(r).\(json ? "json" : "yaml")"
            paths += "  /v1/resource\(r)/{id}:\n    $ref: paths/resource\(r).yaml\n"
            files.append((
                "paths/resource\(r).yaml",
                """
                parameters:
                  - $ref: ../common/parameters.yaml#/Id
                get:
                  operationId: getResource\(r)
                  summary: Retrieve resource \(r)
                  parameters:
                    - $ref: ../common/parameters.yaml#/Expand
                  responses:
                    "200":
                      $ref: ../\(response)
                    default:
                      $ref: ../common/responses.yaml#/Error
                put:
                  operationId: updateResource\(r)
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          $ref: ../schemas/resource\(r).yaml
                  responses:
                    "200":
                      $ref: ../\(response)
                    default:
                      $ref: ../common/responses.yaml#/Error

                """
            ))
            let related = r == 0 ? "../common/schemas.yaml#/Metadata" : "resource\(r - 1).yaml"
            files.append((
                "schemas/resource\(r).yaml",
                """
                type: object
                description: Resource \(r), with a link to the one before it.
                required: [id, name]
                properties:
                  id:
                    type: string
                    maxLength: 64
                  name:
                    type: string
                    description: A name people read; unique within the account.
                  metadata:
                    $ref: ../common/schemas.yaml#/Metadata
                  previous:
                    $ref: \(related)
                  status:
                    type: string
                    enum: [active, suspended, deleted]

                """
            ))
            let schemaRef = "../schemas/resource\(r).yaml"
            files.append((
                response,
                json
                    ? """
                    {
                      "description": "Resource \(r)",
                      "headers": {"X-Request-Id": {"$ref": "../common/headers.yaml#/RequestId"}},
                      "content": {"application/json": {"schema": {"$ref": "\(schemaRef)"}}}
                    }

                    """
                    : """
                    description: Resource \(r)
                    headers:
                      X-Request-Id:
                        $ref: ../common/headers.yaml#/RequestId
                    content:
                      application/json:
                        schema:
                          $ref: \(schemaRef)

                    """
            ))
        }
        let common: [(String, String)] = [
            (
                "common/parameters.yaml",
                "Id:\n  name: id\n  in: path\n  required: true\n  schema: {type: string}\nExpand:\n  name: expand\n  in: query\n  schema: {type: array, items: {type: string}}\n"
            ),
            ("common/responses.yaml", "Error:\n  description: Something went wrong\n  content:\n    application/json:\n      schema: {$ref: schemas.yaml#/Error}\n"),
            ("common/headers.yaml", "RequestId:\n  description: The request's identifier\n  schema: {type: string}\n"),
            (
                "common/schemas.yaml",
                "Error:\n  type: object\n  properties:\n    code: {type: integer}\n    message: {type: string}\nMetadata:\n  type: object\n  additionalProperties: {type: string}\n"
            ),
        ]
        let entry = "openapi: 3.0.3\ninfo:\n  title: Many files\n  version: 1.0.0\npaths:\n" + paths
        return [("openapi.yaml", entry)] + files + common
    }

    /// Reads the generated files from the disk, as the command line does.
    struct DiskReader: SpecFileReader {
        func read(_ path: String) throws -> [UInt8] {
            guard let bytes = readFile(path) else {
                throw DiagnosticError(.error(FileCode.unreadable, "cannot open \(path); check the path"))
            }
            return bytes
        }
    }

    /// Writes the files under a fresh temporary folder and returns the entry's path.
    static func write(_ files: [(path: String, text: String)]) -> String? {
        var template = Array("/tmp/oas2apigw-bench-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return nil }
        let folder = String(cString: made)
        for sub in ["paths", "schemas", "responses", "common"] { mkdir(folder + "/" + sub, 0o755) }
        for (path, text) in files {
            guard let f = fopen(folder + "/" + path, "wb") else { return nil }
            _ = text.utf8CString.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count - 1, f) }
            fclose(f)
        }
        return folder + "/openapi.yaml"
    }

    /// Deletes what `write` made.
    static func remove(_ files: [(path: String, text: String)], entry: String) {
        let folder = String(entry.dropLast("/openapi.yaml".count))
        for (path, _) in files { unlink(folder + "/" + path) }
        for sub in ["paths", "schemas", "responses", "common"] { rmdir(folder + "/" + sub) }
        rmdir(folder)
    }

    /// The rows for the results table: raw libyaml over every file, then load and bundle.
    static func measure(count: Int, iterations: Int) -> [String] {
        let files = files(count: count)
        let name = "multi-file, \(files.count) files"
        guard let entry = write(files) else { return ["| \(name) | writing the files | failed | | | |"] }
        defer { remove(files, entry: entry) }
        let contents = files.map { Array($0.text.utf8) }
        let bytes = contents.reduce(0) { $0 + $1.count }
        let raw = median(iterations) { contents.reduce(0) { $0 + (LibYAMLEventScan.countEvents($1) ?? 0) } }
        var rows = [row(name, "libyaml raw event parse, all files (floor)", bytes: bytes, seconds: raw, baseline: raw)]
        let folder = String(entry.dropLast("/openapi.yaml".count))
        var memory: [String: [UInt8]] = [:]
        for (file, content) in zip(files, contents) { memory[folder + "/" + file.path] = content }
        do {
            let loaded = try SpecLoader.load(entry: entry, reader: DiskReader())
            guard loaded.spec.fileOrder.count == files.count else {
                return rows + ["| \(name) | SpecLoader.load | reached \(loaded.spec.fileOrder.count) files | | | |"]
            }
        } catch {
            return rows + ["| \(name) | SpecLoader.load | failed: \(error) | | | |"]
        }
        let fromMemory = median(iterations) { try? SpecLoader.load(entry: entry, reader: InMemorySpecFiles(bytes: memory)) }
        rows.append(row(name, "SpecLoader.load, files in memory", bytes: bytes, seconds: fromMemory, baseline: raw))
        let fromDisk = median(iterations) { try? SpecLoader.load(entry: entry, reader: DiskReader()) }
        rows.append(row(name, "SpecLoader.load, files on disk", bytes: bytes, seconds: fromDisk, baseline: raw))
        // Both results are returned so they are freed after the clock stops, as `median` does for every row.
        let both = median(iterations) { () -> (LoadResult, Node)? in
            guard let loaded = try? SpecLoader.load(entry: entry, reader: DiskReader()) else { return nil }
            return (loaded, SpecBundler.bundle(loaded.spec))
        }
        rows.append(row(name, "load + SpecBundler.bundle, files on disk", bytes: bytes, seconds: both, baseline: raw))
        return rows
    }
}

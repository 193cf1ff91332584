import Convert
import Diagnostics
import Testing
import Spec

/// A spec with a few dozen paths has its import document made on another thread while the
/// loader reads on (`Converter.preparedDocument`). That document must be the one the
/// one-thread way makes, with the same diagnostics, and must not be used when the spec
/// turns out to span several files.
@Suite struct EarlyDocumentTests {
    /// `count` paths, each GET with a Swagger 2.0 style header (rewritten by the 3.0 walk,
    /// CONV012) and, when `shared` is given, a response schema in that other file.
    static func spec(paths count: Int, shared: String?) -> String {
        var text = """
            openapi: 3.0.3
            info:
              title: Many
              version: "1"
            paths:

            """
        for index in 0..<count {
            let schema = shared.map { "$ref: \"\($0)#/Item\"" } ?? "type: object"
            text += """
                  /items\(index):
                    get:
                      parameters:
                        - name: X-Trace
                          in: header
                          type: string
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema:
                                \(schema)
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates:
                          application/json: '{"statusCode": 200}'
                        responses:
                          default:
                            statusCode: "200"

                """
        }
        return text
    }

    @Test(arguments: [nil, "shared.yaml"])
    func oneThreadAndSeveralMakeTheSameDocument(shared: String?) throws {
        var files = InMemorySpecFiles(["api.yaml": Self.spec(paths: 40, shared: shared)])
        if let shared { files.add(shared, "Item:\n  type: object\n  properties:\n    id:\n      type: string\n") }
        var outputs: [String] = []
        var diagnostics: [[String]] = []
        for workers in [1, 2] {
            let request = Converter.Request(target: .openapi, workers: workers)
            let result = Converter.convert(entry: "api.yaml", reader: files, policy: nil, request: request)
            outputs.append(try #require(result.output))
            diagnostics.append(result.diagnostics.map { "\($0.code) \($0.message) \(String(describing: $0.location))" })
        }
        #expect(outputs[0] == outputs[1])
        #expect(diagnostics[0] == diagnostics[1])
        // The walk ran on what was written: the header has a schema, and the warning says so.
        #expect(outputs[1].contains("X-Trace") && !outputs[1].contains("type: string\n          in:"))
        #expect(diagnostics[1].contains { $0.hasPrefix("CONV012") })
        if shared != nil {
            // Bundled: the other file's schema is in the document, not a $ref to the file.
            #expect(!outputs[1].contains("shared.yaml"))
            #expect(outputs[1].contains("Item:"))
        }
    }
}

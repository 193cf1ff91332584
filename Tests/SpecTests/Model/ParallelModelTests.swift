import Diagnostics
import Testing
import YAML
import Spec

/// A large spec's operations are read on several threads; the model and every diagnostic
/// must come out as they do on one, whatever the number of workers.
@Suite struct ParallelModelTests {
    /// A spec of `count` path items with problems spread over all of it: an operationId the
    /// first and the last path items share (so the two sit in different workers' slices), a
    /// shared parameter with an error used everywhere, unsupported method keys, glued
    /// variables the repair renames, and a path item behind a `$ref`.
    static func spec(pathItems count: Int) -> String {
        var text = """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:

            """
        for index in 0..<count {
            let id = index == count - 1 ? "op0" : "op\(index)"
            text += """
                  /r\(index)/{id}.json:
                    parameters: [{$ref: '#/components/parameters/Bad'}]
                    get:
                      operationId: \(id)
                      parameters: [{name: q\(index % 7), in: query, schema: {type: string}}]
                      responses: {'200': {description: ok}}
                    post:
                      operationId: post\(index % 50)
                      responses: {'201': {description: made}}
                    \(index % 9 == 0 ? "GET" : "x-note"): {}

                """
            if index % 40 == 0 {
                text += "  /shared\(index): {$ref: '#/components/pathItems/Shared'}\n"
            }
        }
        text += """
            components:
              parameters:
                Bad: {name: id, in: path, required: yes-please, schema: {type: string}}
              pathItems:
                Shared:
                  get:
                    operationId: shared
                    responses: {'200': {description: ok}}

            """
        return text
    }

    @Test(arguments: [false, true])
    func anyNumberOfWorkersGivesTheSameModel(repairing: Bool) throws {
        let count = 3 * 128
        let root = try YAMLReader.read(Array(Self.spec(pathItems: count).utf8), file: "spec.yaml")
        let spec = LoadedSpec(entryFile: "spec.yaml", root: root)
        let (model, diagnostics) = APIModelBuilder.build(from: spec, repairingPaths: repairing, workers: 1)
        // The spec is large enough to be read on several threads, and its problems are found.
        #expect(count >= 128)
        let printed = ModelFixtures.printed(diagnostics)
        #expect(printed.contains("operationId \"op0\" of GET /r\(count - 1)/{id}.json is already used by GET /r0/{id}.json"))
        #expect(printed.contains("operationId \"post0\" of POST /r50/{id}.json is already used by POST /r0/{id}.json"))
        #expect(printed.contains("operationId \"shared\""))
        #expect(printed.contains("\"GET\" in path item"))
        #expect(model.resources.count > count)
        for workers in [2, 3, 8] {
            let (other, otherDiagnostics) = APIModelBuilder.build(from: spec, repairingPaths: repairing, workers: workers)
            #expect(other == model, "workers: \(workers)")
            #expect(ModelFixtures.printed(otherDiagnostics) == printed, "workers: \(workers)")
        }
    }
}

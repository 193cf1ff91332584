import Normalize
import Diagnostics
import Testing
import YAML
import Support

@Suite struct IntrinsicFunctionsTests {
    @Test func expandsShortFormsAtAnyDepth() throws {
        let tree = try YAMLReader.read(
            Array(
                """
                A: !Ref Param
                B: !GetAtt Fn.Arn
                C: [!GetAtt [Role, Arn], !Sub "${X}"]
                D: !If [IsProd, !Ref Big, !Ref Small]
                E: !Custom kept
                F: !GetAtt Nested.Attr.Name
                """.utf8), file: "t.yaml")
        let expanded = IntrinsicFunctions.expandingShortForms(tree)
        #expect(expanded["A"] == ["Ref": "Param"])
        #expect(expanded["B"] == ["Fn::GetAtt": ["Fn", "Arn"]])
        #expect(expanded["C"]?[0] == ["Fn::GetAtt": ["Role", "Arn"]])
        #expect(expanded["C"]?[1] == ["Fn::Sub": "${X}"])
        #expect(expanded["D"] == ["Fn::If": ["IsProd", ["Ref": "Big"], ["Ref": "Small"]]])
        // Not CloudFormation's: left for the writer to refuse with a located error.
        #expect(expanded["E"]?.tag == "!Custom")
        // Only the first dot splits: the attribute name may hold dots.
        #expect(expanded["F"] == ["Fn::GetAtt": ["Nested", "Attr.Name"]])
    }

    @Test func refusesTagsJSONCannotHold() throws {
        let tree = try YAMLReader.read(Array("a: !Custom x\n".utf8), file: "t.yaml")
        #expect(tree["a"]?.tag == "!Custom")
        let error = #expect(throws: DiagnosticError.self) {
            try Normalizer.normalize(Array("a: !Custom x\n".utf8), file: "t.yaml", outputFormat: .json)
        }
        #expect(error?.diagnostics.map(\.code) == ["YAML012"])
        #expect(error?.diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 1, column: 4))
    }
}

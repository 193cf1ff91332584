import GoldenCases
import Testing
import YAML
import Plan
import Spec

@Suite struct SemanticDiffTests {
    func yaml(_ text: String) throws -> Node { try YAMLReader.read(Array(text.utf8), file: "a.yaml") }
    func json(_ text: String) throws -> Node { try JSONReader.read(Array(text.utf8), file: "b.json") }

    @Test func ignoresKeyOrderFormatQuotingAndShortForms() throws {
        let old = try yaml(
            """
            Resources:
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Name: !Sub "${AWS::StackName}-api"
                  MinimumCompressionSize: 0x400
                  Arn: !GetAtt Fn.Arn
            """)
        let new = try json(
            """
            {"Resources": {"Api": {"Properties": {"Arn": {"Fn::GetAtt": ["Fn", "Arn"]},
              "MinimumCompressionSize": 1024, "Name": {"Fn::Sub": "${AWS::StackName}-api"}},
              "Type": "AWS::ApiGateway::RestApi"}}}
            """)
        #expect(SemanticDiff.differences(from: old, to: new).isEmpty)
    }

    @Test func reportsChangesAsPaths() throws {
        let old = try yaml(
            """
            Resources:
              PetsGetMethod:
                Properties:
                  Integration:
                    Type: MOCK
                  AuthorizationType: NONE
            paths:
              /pets:
                get: {}
            list: [a, b, c]
            """)
        let new = try yaml(
            """
            Resources:
              PetsGetMethod:
                Properties:
                  Integration:
                    Type: HTTP_PROXY
                    Uri: https://backend.example.com/pets
              Extra: {Type: AWS::ApiGateway::Resource}
            paths:
              /pets:
                get:
                  security: []
            list: [a, B]
            """)
        let lines = SemanticDiff.differences(from: old, to: new).map(\.description)
        #expect(
            lines == [
                "Resources.PetsGetMethod.Properties.Integration.Type: MOCK → HTTP_PROXY",
                "Resources.PetsGetMethod.Properties.Integration.Uri: added https://backend.example.com/pets",
                "Resources.PetsGetMethod.Properties.AuthorizationType: removed NONE",
                "Resources.Extra: added {1 key: Type}",
                "paths[\"/pets\"].get.security: added [0 items]",
                "list[1]: b → B",
                "list[2]: removed c",
            ])
    }

    @Test func keepsTypesApart() throws {
        let lines = SemanticDiff.differences(from: try yaml("a: 80\nb: 'true'\nc: x"), to: try yaml("a: '80'\nb: true\nc: [x]"))
            .map(\.description)
        #expect(lines == ["a: 80 → \"80\"", "b: \"true\" → true", "c: x → [1 item]"])
    }

    /// An added or removed mapping names its keys, the first five of a larger one.
    @Test func aMappingThatComesOrGoesIsNamedByItsKeys() throws {
        let old = try yaml("a: {x: 1, y: 2}\nb: {k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7}\n")
        let lines = SemanticDiff.differences(from: old, to: try yaml("c: 1\n")).map(\.description)
        #expect(lines.contains("a: removed {2 keys: x, y}"), "\(lines)")
        #expect(lines.contains("b: removed {7 keys: k1, k2, k3, k4, k5, …}"), "\(lines)")
    }
}

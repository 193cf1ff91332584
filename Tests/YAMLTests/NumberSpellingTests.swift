import Testing

@testable import YAML

/// Numbers must mean the same to YAML 1.2, YAML 1.1 (PyYAML, cfn-lint) and JSON readers.
@Suite struct NumberSpellingTests {
    @Test(arguments: [
        ("0", "0"), ("+5", "5"), ("-7", "-7"), ("007", "7"), ("0777", "777"), ("0x1F", "31"), ("0o17", "15"),
        ("-0", "-0"), ("12345678901234567890123", "12345678901234567890123"),
        ("0x1FFFFFFFFFFFFFFFFFFFF", "0x1FFFFFFFFFFFFFFFFFFFF"),
    ])
    func spellsIntegersAsPlainDecimals(text: String, expected: String) {
        #expect(NumberSpelling.yaml(integer: text) == expected)
    }

    @Test(arguments: [
        ("1.5", "1.5"), (".5", "0.5"), ("-.5", "-0.5"), ("1.", "1.0"), ("1e3", "1.0e+3"), ("1E-3", "1.0e-3"),
        ("+2.5e10", "2.5e+10"), ("1.e2", "1.0e+2"), ("007.5", "7.5"), (".inf", ".inf"), ("-.Inf", "-.inf"),
        ("+.INF", ".inf"), (".NaN", ".nan"),
    ])
    func spellsFloatsSoYAML11ReadsThemAsFloats(text: String, expected: String) {
        #expect(NumberSpelling.yaml(float: text) == expected)
        // Every spelling is still the same core-schema float, so a YAML 1.2 reader agrees.
        #expect(ScalarKind.resolve(plain: expected) == .float)
    }

    @Test(arguments: [("1e3", "1e3"), (".5", "0.5"), ("1.", "1.0"), ("+1.5E+2", "1.5E+2")])
    func spellsFloatsAsRFC8259Numbers(text: String, expected: String) throws {
        #expect(try NumberSpelling.json(float: text).get().lowercased() == expected.lowercased())
    }

    @Test func refusesNonFiniteNumbersInJSON() {
        #expect(throws: NumberSpelling.Problem.self) { try NumberSpelling.json(float: ".inf").get() }
        #expect(throws: NumberSpelling.Problem.self) { try NumberSpelling.json(float: ".nan").get() }
    }
}

import Testing

@testable import YAML

/// Long strings of a large document are kept once; every text still reads back as written.
@Suite struct StringTableTests {
    /// The address of a string's UTF-8 storage, to tell a shared string from an equal copy.
    static func storage(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test func anEqualStringIsTheOneKeptAndADifferentOneIsNot() {
        var table = StringTable()
        var kept: [String] = []
        // Enough strings to grow the table several times; pairs that differ in one byte
        // anywhere, and lengths on both sides of eight-byte words.
        for n in 0..<5000 {
            let text = "a description of item \(n) " + String(repeating: "x", count: n % 19)
            kept.append(Array(text.utf8).withUnsafeBufferPointer { table.string(for: $0) })
        }
        for n in 0..<5000 {
            let text = "a description of item \(n) " + String(repeating: "x", count: n % 19)
            let again = Array(text.utf8).withUnsafeBufferPointer { table.string(for: $0) }
            #expect(again == text)
            #expect(Self.storage(again) == Self.storage(kept[n]), "\(text) was not kept once")
        }
        let other = Array("a description of item 1 y".utf8).withUnsafeBufferPointer { table.string(for: $0) }
        #expect(other == "a description of item 1 y")
    }

    @Test func aLargeDocumentSharesItsRepeatedScalars() throws {
        var text = "items:\n"
        while text.utf8.count < StringTable.inputSize {
            text += "  - {description: A description long enough to need storage, ref: '#/components/schemas/Shared'}\n"
        }
        let root = try YAMLReader.read(Array(text.utf8), file: "big.yaml")
        let items = try #require(root["items"]?.sequence)
        let first = try #require(items.first?["description"]?.text)
        let last = try #require(items.last?["description"]?.text)
        #expect(first == "A description long enough to need storage")
        #expect(Self.storage(first) == Self.storage(last))
        // A small document builds every string afresh: the table is not worth it there.
        let small = try YAMLReader.read(Array("a: A description long enough to need storage\nb: A description long enough to need storage\n".utf8), file: "s.yaml")
        #expect(small["a"]?.text == small["b"]?.text)
    }
}

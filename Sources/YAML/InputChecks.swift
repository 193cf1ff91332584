import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks both readers make on the raw bytes before parsing, and position arithmetic on them.
enum InputChecks {
    static func utf8BOMLength(_ bytes: [UInt8]) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Rejects input that is too large, empty of bytes, or not UTF-8 at all.
    ///
    /// UTF-16 and UTF-32 are refused up front with their own message: libyaml would read
    /// UTF-16 but the JSON reader would not, and a spec's encoding should not decide
    /// whether it loads. A NUL byte means binary data, which no spec holds.
    static func checkSizeAndEncoding(_ bytes: [UInt8], file: String, limits: ReadLimits) throws {
        let start = Mark(line: 1, column: 1)
        if bytes.count > limits.maxDocumentBytes {
            throw DiagnosticError(
                ReadError.error(
                    ReadError.documentTooLarge,
                    "the file has \(bytes.count) bytes, more than the limit of \(limits.maxDocumentBytes); "
                        + "split it into several files joined by $ref",
                    file: file, at: start))
        }
        let boms: [(bytes: [UInt8], name: String)] = [
            ([0x00, 0x00, 0xFE, 0xFF], "UTF-32"), ([0xFF, 0xFE, 0x00, 0x00], "UTF-32"),
            ([0xFE, 0xFF], "UTF-16"), ([0xFF, 0xFE], "UTF-16"),
        ]
        for bom in boms where bytes.starts(with: bom.bytes) {
            throw DiagnosticError(
                ReadError.error(
                    ReadError.encoding, "the file is \(bom.name) (it starts with a byte-order mark); save it as UTF-8",
                    file: file, at: start))
        }
        let nulOffset: Int? = bytes.withUnsafeBufferPointer { buffer in
            // memchr: this runs over every byte of every input.
            guard let base = buffer.baseAddress, let hit = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        if let nul = nulOffset {
            let at = bytes.withUnsafeBufferPointer { mark(ofByteOffset: nul, in: $0, bomLength: 0) }
            throw DiagnosticError(
                ReadError.error(
                    ReadError.encoding, "NUL byte in the file (binary data, or UTF-16 without a byte-order mark); "
                        + "save the file as UTF-8 text",
                    file: file, at: at))
        }
    }

    /// The 1-based line and column of a byte offset, counting CRLF and lone CR as one break
    /// and columns in Unicode scalars. Used on error paths only: it walks from the start.
    ///
    /// - Parameters:
    ///   - offset: a byte offset into the whole file, including any byte-order mark.
    ///   - input: the bytes after the byte-order mark.
    static func mark(ofByteOffset offset: Int, in input: UnsafeBufferPointer<UInt8>, bomLength: Int) -> Mark {
        var line = 1
        var column = 1
        var i = 0
        let end = min(max(offset - bomLength, 0), input.count)
        while i < end {
            let c = input[i]
            if c == 0x0A || (c == 0x0D && (i + 1 >= input.count || input[i + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if c == 0x0D {
                // The LF that follows ends the line.
            } else if c & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return Mark(line: line, column: column)
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for ASCII and stray bytes).
    static func utf8Length(leadByte b: UInt8) -> Int {
        switch b {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `j`, or `nil` if it is not
    /// one, by Unicode's table of well-formed sequences: no overlong forms, no surrogates,
    /// nothing above U+10FFFF.
    static func wellFormedUTF8Length(in b: UnsafeBufferPointer<UInt8>, at j: Int) -> Int? {
        let n = b.count
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            k < n && b[k] >= low && b[k] <= high
        }
        switch b[j] {
        case 0x00...0x7F:
            return 1
        case 0xC2...0xDF:
            return continuation(j + 1) ? 2 : nil
        case 0xE0:
            return continuation(j + 1, 0xA0) && continuation(j + 2) ? 3 : nil
        case 0xED:
            return continuation(j + 1, 0x80, 0x9F) && continuation(j + 2) ? 3 : nil
        case 0xE1...0xEF:
            return continuation(j + 1) && continuation(j + 2) ? 3 : nil
        case 0xF0:
            return continuation(j + 1, 0x90) && continuation(j + 2) && continuation(j + 3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(j + 1) && continuation(j + 2) && continuation(j + 3) ? 4 : nil
        case 0xF4:
            return continuation(j + 1, 0x80, 0x8F) && continuation(j + 2) && continuation(j + 3) ? 4 : nil
        default:
            return nil
        }
    }

    /// The offset of the first byte that does not start a well-formed UTF-8 sequence.
    /// Used on error paths to point at the offending byte itself.
    static func firstIllFormedUTF8(in b: UnsafeBufferPointer<UInt8>) -> Int? {
        var j = 0
        while j < b.count {
            guard let length = wellFormedUTF8Length(in: b, at: j) else { return j }
            j += length
        }
        return nil
    }
}

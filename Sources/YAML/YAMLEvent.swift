internal import CLibYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libyaml event as the composer sees it: what happened, where, and borrowed views of
/// its bytes.
///
/// Both ways of reading produce this view: the single-thread path straight from libyaml's
/// event, the pipelined path from a copied `YAMLEventBatch` record. The composer therefore
/// has one body of code for both, and it never touches libyaml's types. The buffers borrow
/// memory owned by the event or the batch and are valid only until the next event.
struct YAMLEvent {
    /// The kinds of event the composer acts on; the rest (stream start, document end) are `other`.
    enum Kind: UInt8 {
        case scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd, alias, documentStart, streamEnd, other
    }

    var kind: Kind
    /// A scalar's style as written; `.plain` for every other kind.
    var style: ScalarStyle
    /// Where the event starts, already 1-based.
    var mark: Mark
    /// A scalar's UTF-8 bytes. Empty when the scalar is larger than the limit: a pipelined
    /// producer does not copy what the composer will refuse by `valueLength` alone.
    var value: UnsafeBufferPointer<UInt8>
    /// A scalar's length in bytes as libyaml read it; 0 for every other kind.
    var valueLength: Int
    /// The tag of a scalar or collection as libyaml resolved it, if it has one.
    var tag: UnsafeBufferPointer<UInt8>?
    /// The anchor of a scalar or collection, or the name an alias refers to.
    var anchor: UnsafeBufferPointer<UInt8>?

    init(
        kind: Kind, style: ScalarStyle = .plain, mark: Mark, value: UnsafeBufferPointer<UInt8> = .init(start: nil, count: 0),
        valueLength: Int = 0, tag: UnsafeBufferPointer<UInt8>? = nil, anchor: UnsafeBufferPointer<UInt8>? = nil
    ) {
        self.kind = kind
        self.style = style
        self.mark = mark
        self.value = value
        self.valueLength = valueLength
        self.tag = tag
        self.anchor = anchor
    }

    /// A view of libyaml's event, borrowing its strings until `yaml_event_delete`.
    ///
    /// Tags, anchors and alias names are C strings (libyaml gives them no length), so they end
    /// at their first NUL exactly as `String(cString:)` would end them. `lineOffset` is added to
    /// the line of a part parsed apart from the lines before it (`HalvedRead`).
    @inline(__always)
    init(_ event: yaml_event_t, lineOffset: Int = 0) {
        let mark = Mark(line: Int(event.start_mark.line) + 1 + lineOffset, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            self.init(
                kind: .scalar, style: Self.style(data.style), mark: mark,
                value: UnsafeBufferPointer(start: data.value, count: Int(data.length)), valueLength: Int(data.length),
                tag: Self.cString(data.tag), anchor: Self.cString(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            self.init(kind: .sequenceStart, mark: mark, tag: Self.cString(data.tag), anchor: Self.cString(data.anchor))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            self.init(kind: .mappingStart, mark: mark, tag: Self.cString(data.tag), anchor: Self.cString(data.anchor))
        case YAML_SEQUENCE_END_EVENT:
            self.init(kind: .sequenceEnd, mark: mark)
        case YAML_MAPPING_END_EVENT:
            self.init(kind: .mappingEnd, mark: mark)
        case YAML_ALIAS_EVENT:
            self.init(kind: .alias, mark: mark, anchor: Self.cString(event.data.alias.anchor))
        case YAML_DOCUMENT_START_EVENT:
            self.init(kind: .documentStart, mark: mark)
        case YAML_STREAM_END_EVENT:
            self.init(kind: .streamEnd, mark: mark)
        default:
            self.init(kind: .other, mark: mark)
        }
    }

    private static func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer else { return nil }
        let length = strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        return UnsafeBufferPointer(start: pointer, count: length)
    }

    private static func style(_ s: yaml_scalar_style_t) -> ScalarStyle {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}

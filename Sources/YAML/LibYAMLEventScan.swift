internal import CLibYAML

/// libyaml's raw event parse with nothing built: the floor any YAML reader on libyaml can
/// reach.
///
/// Benchmarks time `YAMLReader` against this in the same run, on the same bytes, so their
/// ratio means something on a noisy machine where absolute milliseconds do not.
public enum LibYAMLEventScan {
    /// The number of events libyaml produces for `bytes`, or `nil` when it stops on an error.
    public static func countEvents(_ bytes: [UInt8]) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            var count = 0
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                let type = event.type
                yaml_event_delete(&event)
                count += 1
                if type == YAML_STREAM_END_EVENT { return count }
            }
        }
    }
}

/// API Gateway's rules for one part of a resource path, which `CreateResource` enforces one
/// resource at a time: the plan owns them, and the spec model and the template readers ask
/// here.
public enum PathPart {
    /// Whether API Gateway accepts `c` in a path part: letters, digits and `. _ - , :`.
    @inlinable
    public static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", ",", ":": true
        default: false
        }
    }
}

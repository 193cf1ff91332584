import Diagnostics

/// The stable diagnostic codes of reading inputs and writing outputs, whoever reads them
/// (the loader through a `SpecFileReader`, the command line's files).
public enum FileCode {
    public static let unreadable = DiagnosticCode(
        "IO001", .error,
        "A file that cannot be opened or read (missing, no permission).")
    public static let directory = DiagnosticCode(
        "IO002", .error,
        "A directory where a file was expected.")
    public static let unwritable = DiagnosticCode(
        "IO003", .error,
        "An output that cannot be written (a folder that cannot be made, no permission, disk full).")
    public static let linkOutsideFolder = DiagnosticCode(
        "IO004", .error,
        "A file read because it sits in a case folder that a symbolic link leads outside the folder.")
}

extension FileCode: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        unreadable,
        directory,
        unwritable,
        linkOutsideFolder,
    ]
}

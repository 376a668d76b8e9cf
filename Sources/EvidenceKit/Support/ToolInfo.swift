/// The tool's name and version, as written into JSON output and bundles.
public enum ToolInfo {
    /// The program name.
    public static let name = "evidence"
    /// The version of EvidenceKit.
    public static let version = "0.1.0"
}

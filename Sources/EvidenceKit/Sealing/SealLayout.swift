/// Where seals live in a bag, in harvard-lil/bag-nabit's layout: `signatures/` beside the tag
/// manifest, holding `tagmanifest-sha256.txt.tsr` (the RFC 3161 TimeStampResp over the
/// SHA-256 of `tagmanifest-sha256.txt`) and `tagmanifest-sha256.txt.tsr.crt` (the authority's
/// certificate chain, PEM). A second authority's seal is `tagmanifest-sha256.txt.2.tsr` (and
/// `.2.tsr.crt`), a third `.3.tsr`, and so on. These files are tag files that the tag manifest
/// does not list: the tag manifest is what is stamped, so it cannot list its own seal.
public enum SealLayout {
    /// The folder of seals, relative to the bag root.
    public static let folder = "signatures"
    /// What is stamped: the tag manifest.
    public static let stampedFile = "tagmanifest-sha256.txt"
    /// The most seals one bag may carry (more are not read).
    public static let maxSeals = 16

    /// The token file of the `index`-th seal (1-based): `signatures/tagmanifest-sha256.txt.tsr`
    /// for the first, `signatures/tagmanifest-sha256.txt.N.tsr` for the N-th after it.
    public static func tokenPath(_ index: Int) -> String {
        index <= 1 ? "\(folder)/\(stampedFile).tsr" : "\(folder)/\(stampedFile).\(index).tsr"
    }

    /// The certificate chain file beside a token: the token's path + `.crt`.
    public static func chainPath(_ index: Int) -> String { tokenPath(index) + ".crt" }

    /// The seal number of a token path (1 for `….tsr`, N for `….N.tsr`), nil for other paths.
    public static func tokenIndex(_ path: String) -> Int? {
        let base = "\(folder)/\(stampedFile)"
        if path == base + ".tsr" { return 1 }
        guard path.hasPrefix(base + "."), path.hasSuffix(".tsr"), path.utf8.count > base.utf8.count + 5 else { return nil }
        let middle = String(path.dropFirst(base.count + 1).dropLast(4))
        guard let number = Int(middle), number >= 2, number <= maxSeals, String(number) == middle else { return nil }
        return number
    }

    /// Whether `path` is one of the seal files a sealed bundle may add to what `pack` writes:
    /// a token, or the chain file of a token that is present in `tagFiles`.
    public static func isSealFile(_ path: String, tagFiles: Set<String>) -> Bool {
        if tokenIndex(path) != nil { return true }
        guard path.hasSuffix(".tsr.crt") else { return false }
        let token = String(path.dropLast(4))
        return tokenIndex(token) != nil && tagFiles.contains(token)
    }
}

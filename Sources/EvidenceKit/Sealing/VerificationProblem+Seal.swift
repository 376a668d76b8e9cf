extension VerificationProblem {
    /// The messages of the `seal.*` codes (Docs/sealing.md).
    var sealMessage: LocalizedText {
        let e = entry.map { "“\($0)”" } ?? ""
        let d = detail ?? ""
        switch code {
        case .sealMismatch:
            return LocalizedText(zh: "时间戳 \(e) 与本证据包不符（\(d)）：证据包或时间戳在盖章后被改过，或时间戳来自别的证据包。",
                                 en: "The seal \(e) does not match this bundle (\(d)): the bundle or the seal was changed after sealing, or the seal comes from another bundle.")
        case .sealInvalid:
            return LocalizedText(zh: "时间戳 \(e) 无效（\(d)）：已损坏或被篡改。",
                                 en: "The seal \(e) is not valid (\(d)): it is damaged or was tampered with.")
        case .sealUntrusted:
            return LocalizedText(zh: "时间戳 \(e) 与本证据包相符，但其签发机构在此不受信任（\(d)）。若信任该机构，请用 --tsa-ca 给出其根证书。",
                                 en: "The seal \(e) matches this bundle, but its authority is not trusted here (\(d)). If you trust it, give its root certificate with --tsa-ca.")
        case .sealRequired:
            return LocalizedText(zh: "要求可信时间戳（--require-seal），但证据包中没有有效的时间戳（\(found ?? "none")）。",
                                 en: "A trusted seal is required (--require-seal), but the bundle has no valid one (\(found ?? "none")).")
        default:
            return LocalizedText(zh: code.rawValue, en: code.rawValue)
        }
    }
}

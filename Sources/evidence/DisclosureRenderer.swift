import EvidenceKit
import Foundation

/// The "what this bundle shows" (这份证据包会透露的信息) section of `pack`'s human summary.
struct DisclosureRenderer: Bilingual {
    let language: Language

    /// The section, starting with a newline; a one-line all-clear when nothing personal was found.
    func section(_ disclosure: Disclosure?) -> String {
        guard let d = disclosure else { return "" }
        var lines = ["", t("这份证据包会透露的信息（发送前请确认）：", "What this bundle shows (check before sending it):")]
        if d.isEmpty {
            lines.append(t("  未发现个人信息（投诉人信息、照片位置、相机序列号、手机号、地址）。",
                           "  No personal data found (complainant details, photo positions, camera serials, phone numbers, addresses)."))
            return lines.joined(separator: "\n")
        }
        let fieldNames = ["name": t("姓名", "name"), "phone": t("电话", "phone"), "address": t("地址", "address")]
        if !d.complainant.isEmpty {
            lines.append(t("  投诉人信息（写入 evidence.json 和 index.html）：", "  Complainant details (written into evidence.json and index.html):"))
            for field in d.complainant { lines.append("    - \(fieldNames[field.field] ?? field.field): \(field.value)") }
        }
        if !d.locations.isEmpty {
            lines.append(t("  照片中的拍摄位置（坐标已四舍五入到 0.01°，约 1 公里；照片本身存有精确位置）：",
                           "  Photo positions (coordinates rounded to 0.01°, about 1 km; the photo holds the exact position):"))
            for location in d.locations {
                let place = coordinates(location)
                if location.removed {
                    lines.append("    - \(location.file): \(place) " + t("— 已移除（包内是不含位置的副本，原文件未改动）", "— removed (the bundle holds a copy without it; your original is unchanged)"))
                } else {
                    lines.append("    - \(location.file): \(place)")
                    if let advice = location.advice {
                        lines.append("      → \(advice(language))" + (location.removable ? t("（pack --strip-location）", " (pack --strip-location)") : ""))
                    }
                }
            }
        }
        if !d.cameraSerials.isEmpty {
            lines.append(t("  相机序列号（可把照片关联到同一台设备）：", "  Camera serial numbers (they tie the photos to one device):"))
            for serial in d.cameraSerials { lines.append("    - \(serial.file): \(serial.serial)") }
        }
        if !d.phoneNumbers.isEmpty {
            lines.append(t("  手机号：", "  Phone numbers:"))
            for match in d.phoneNumbers { lines.append("    - \(match.file)\(origin(match)): \(match.text)") }
        }
        if !d.addresses.isEmpty {
            lines.append(t("  地址：", "  Addresses:"))
            for match in d.addresses { lines.append("    - \(match.file)\(origin(match)): \(match.text)") }
        }
        if !d.outsideFiles.isEmpty {
            lines.append(t("  取自案件文件夹之外的文件（--allow-outside，已列在 index.html 中）：",
                           "  Files from outside the case folder (--allow-outside; listed in index.html):"))
            for file in d.outsideFiles {
                let why = file.reason == .symbolicLink ? t("经由符号链接 ", "through the link ") + (file.link ?? "") : t("在案件文件夹之外", "outside the case folder")
                lines.append("    - \(file.file) (\(why)) → \(file.path)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func coordinates(_ location: Disclosure.Location) -> String {
        guard let latitude = location.latitude, let longitude = location.longitude else {
            return t("含 GPS 位置（坐标无法读取）", "holds a GPS position (coordinates unreadable)")
        }
        let ns = latitude >= 0 ? t("北纬", "N") : t("南纬", "S")
        let ew = longitude >= 0 ? t("东经", "E") : t("西经", "W")
        let lat = String(format: "%.2f", abs(latitude)), lon = String(format: "%.2f", abs(longitude))
        return language == .zh ? "\(ns) \(lat)°，\(ew) \(lon)°" : "\(lat)° \(ns), \(lon)° \(ew)"
    }

    private func origin(_ match: Disclosure.TextMatch) -> String {
        match.source == .reading ? t("（截图/PDF 中识别的文字）", " (text read from the image/PDF)") : ""
    }
}

import ArgumentParser

/// `pack`'s privacy flags: evidence from outside the case folder, and photo locations.
struct PrivacyOptions: ParsableArguments {
    @Flag(name: .long, help: "Accept evidence files outside the case folder or reached through a symbolic link; each is listed in the summary and index.html. 允许使用案件文件夹之外或经由符号链接的文件（会在摘要和 index.html 中列出）。")
    var allowOutside = false

    @Flag(name: .long, help: "Pack JPEG/PNG/WebP photos as copies without their GPS position (image data untouched, both SHA-256s recorded, originals unchanged). 去除照片中的 GPS 位置后再打包。")
    var stripLocation = false
}

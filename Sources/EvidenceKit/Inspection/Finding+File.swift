extension Finding {
    static func unreadable(path: String, reason: String) -> Finding {
        .error("file.unreadable",
               zh: "无法读取 \(path)（\(reason)）。请检查文件权限，或把文件复制到本机后再试。",
               en: "Cannot read \(path) (\(reason)). Check its permissions, or copy it to this machine and try again.")
    }

    static func notRegularFile(path: String) -> Finding {
        .error("file.not-regular",
               zh: "\(path) 不是普通文件（可能是设备、管道或目录），已跳过。请只提供证据文件本身。",
               en: "\(path) is not a regular file (a device, pipe or folder); skipped. Give the evidence files themselves.")
    }

    static func symlinkNotFollowed(path: String, target: String) -> Finding {
        .warning("file.symlink",
                 zh: "\(path) 是指向 \(target) 的符号链接，未跟随读取。如需作为证据，请直接提供目标文件。",
                 en: "\(path) is a symbolic link to \(target); it was not followed. To use it as evidence, give the target file itself.")
    }

    static let emptyFile = Finding.error(
        "file.empty",
        zh: "文件为空（0 字节），可能下载或复制失败。请重新保存原文件。",
        en: "The file is empty (0 bytes): a download or copy probably failed. Save the original again.")

    static func changedWhileReading(path: String) -> Finding {
        .error("file.changed-while-reading",
               zh: "读取 \(path) 时文件发生了变化（大小或修改时间改变）。请等文件写完后重试。",
               en: "\(path) changed while it was being read (size or modification time). Wait until it is fully written and try again.")
    }

    static func extensionMismatch(name: String, ext: String, mime: String) -> Finding {
        .warning("type.extension-mismatch",
                 zh: "\(name) 的扩展名是 .\(ext)，但内容实际是 \(mime)。上传平台可能拒收或无法打开，请用正确的扩展名另存一份。",
                 en: "\(name) is named .\(ext) but its content is \(mime). Upload forms may refuse or fail to open it: save a copy with the right extension.")
    }

    static func executable(mime: String) -> Finding {
        .error("type.executable",
               zh: "这是程序或脚本（\(mime)），不能作为证据，且可能有害。请移除。",
               en: "This is a program or script (\(mime)): it cannot be evidence and may be harmful. Remove it.")
    }

    static func archiveNotAccepted(mime: String) -> Finding {
        .error("type.archive",
               zh: "这是压缩包（\(mime)），审核方无法直接查看。请解压后提供其中的证据文件。",
               en: "This is an archive (\(mime)) that reviewers cannot view directly. Extract it and give the evidence files inside.")
    }

    static func unrecognizedContent(name: String, ext: String) -> Finding {
        .error("type.unrecognized",
               zh: "\(name) 的扩展名是 .\(ext)，但内容无法识别为任何已知格式（文件头已损坏），无法打开。请重新导出原文件。",
               en: "\(name) is named .\(ext) but its content is not any known format (its header is damaged), so it will not open. Export the original again.")
    }

    static func unknownContent(name: String) -> Finding {
        .warning("type.unknown",
                 zh: "无法识别 \(name) 的内容类型，审核方可能无法打开。",
                 en: "The content type of \(name) is not recognised; reviewers may be unable to open it.")
    }

    static func nameNotUTF8(shown: String) -> Finding {
        .warning("file.name-not-utf8",
                 zh: "文件名不是 UTF-8 编码（显示为 \(shown)，多见于旧版 Windows 工具的 GBK 文件名）。建议重命名后再上传，以免平台显示乱码。",
                 en: "The file name is not UTF-8 (shown as \(shown); GBK names from older Windows tools look like this). Rename it before uploading so platforms show it correctly.")
    }
}

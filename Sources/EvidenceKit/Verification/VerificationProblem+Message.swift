extension VerificationProblem {
    /// What is wrong and what to do, in both languages, naming the entry.
    public var message: LocalizedText {
        let e = entry.map { "“\($0)”" } ?? ""
        let d = detail.map { "（\($0)）" } ?? ""
        let dEn = detail.map { " (\($0))" } ?? ""
        let x = expected ?? "-", f = found ?? "-"
        let refuse = LocalizedText(zh: "已拒绝，未读取其内容；请向发送方索取正常打包的证据包。",
                                   en: "Refused before reading its content; ask the sender for a properly packed bundle.")
        func safety(_ zh: String, _ en: String) -> LocalizedText {
            LocalizedText(zh: "\(zh)\(refuse.zh)", en: "\(en) \(refuse.en)")
        }
        switch code {
        case .sealMismatch, .sealInvalid, .sealUntrusted, .sealRequired:
            return sealMessage
        case .cannotOpen:
            return LocalizedText(zh: "无法打开 \(e)\(d)。请检查路径和读取权限。", en: "Cannot open \(e)\(dEn). Check the path and read permission.")
        case .unsupportedFormat:
            return LocalizedText(zh: "\(e) 不是 zip、tar、tar.gz 证据包，也不是已解开的证据包文件夹。", en: "\(e) is not a zip, tar or tar.gz bundle, nor an unpacked bag folder.")
        case .absolutePath:
            return safety("条目 \(e) 是绝对路径，解压时会写到任意位置。", "Entry \(e) has an absolute path and would be written anywhere on extraction.")
        case .pathTraversal:
            return safety("条目 \(e) 含有“..”，解压时会跳出目标文件夹（zip-slip）。", "Entry \(e) contains a “..” component and would escape the target folder on extraction (zip-slip).")
        case .backslash:
            return safety("条目 \(e) 含反斜杠“\\”，在 Windows 上会被当作路径分隔符。", "Entry \(e) contains a backslash, which Windows treats as a path separator.")
        case .invalidName:
            return safety("条目 \(e) 的名称不规范\(d)。", "Entry \(e) has a malformed name\(dEn).")
        case .nameNotUTF8:
            return safety("条目 \(e) 的名称不是有效的 UTF-8，不同软件会显示成不同的名字。", "Entry \(e) has a name that is not valid UTF-8; different programs would show different names.")
        case .nameNotNFC:
            return safety("条目 \(e) 的名称不是 Unicode NFC 规范形式，不同软件会显示成不同的名字。", "Entry \(e) has a name that is not in Unicode NFC form; different programs would show different names.")
        case .symlink:
            return safety("条目 \(e) 是符号链接（指向 \(f)），证据包里不允许出现链接。", "Entry \(e) is a symbolic link (to \(f)); a bundle may not contain links.")
        case .hardlink:
            return safety("条目 \(e) 是硬链接（指向 \(f)），证据包里不允许出现链接。", "Entry \(e) is a hard link (to \(f)); a bundle may not contain links.")
        case .specialFile:
            return safety("条目 \(e) 是\(Self.specialKindZh(found))，不是普通文件或文件夹。", "Entry \(e) is a \(found ?? "device, FIFO or socket"), not a regular file or folder.")
        case .duplicateName:
            return safety("条目名 \(e) 出现了不止一次，解压后一个会覆盖另一个。", "Entry name \(e) occurs more than once; one would overwrite the other on extraction.")
        case .duplicateAfterNFC:
            return safety("条目 \(e) 与 “\(f)” 在 Unicode 规范化（NFC）后是同一个名字。", "Entry \(e) and “\(f)” are the same name after Unicode normalisation (NFC).")
        case .duplicateAfterCaseFolding:
            return safety("条目 \(e) 与 “\(f)” 仅大小写不同，在 Windows 和 macOS 上是同一个文件。", "Entry \(e) and “\(f)” differ only in letter case: one file on Windows and macOS.")
        case .multipleTopLevel:
            return safety("证据包顶层应只有一个文件夹，却有多个（\(f)）。", "A bundle must hold exactly one top-level folder; found several (\(f)).")
        case .noTopLevelFolder:
            return safety("证据包顶层应是一个文件夹，而 \(e) 是文件。", "A bundle must hold exactly one top-level folder, but \(e) is a file.")
        case .tooManyEntries:
            return safety("条目数超过上限 \(x)（已见 \(f)）。如确属正常，可放宽这一上限。", "More entries than the limit of \(x) (seen: \(f)). If this is expected, raise the limit.")
        case .totalSizeTooLarge:
            return safety("解压后的总大小超过上限 \(x) 字节（\(f)）\(e.isEmpty ? "" : "，在条目 \(e)")。如确属正常，可放宽这一上限。", "The expanded size exceeds the limit of \(x) bytes (\(f))\(e.isEmpty ? "" : " at entry \(e)"). If this is expected, raise the limit.")
        case .expansionRatioTooHigh:
            return safety("压缩比超过上限 \(x)（\(f)）\(e.isEmpty ? "" : "，在条目 \(e)")，疑似压缩炸弹。如确属正常，可放宽这一上限。", "The expansion ratio exceeds the limit of \(x) (\(f))\(e.isEmpty ? "" : " at entry \(e)"): a likely decompression bomb. If this is expected, raise the limit.")
        case .sizeMismatch:
            return LocalizedText(zh: "条目 \(e) 声明的大小是 \(x) 字节，实际读出 \(f) 字节\(d)：文件已损坏或被篡改。", en: "Entry \(e) declares \(x) bytes but \(f) were read\(dEn): damaged or tampered with.")
        case .crcError:
            return LocalizedText(zh: "条目 \(e) 的 CRC 校验失败\(d)：文件已损坏或被篡改。", en: "Entry \(e) fails its CRC check\(dEn): damaged or tampered with.")
        case .truncated:
            return LocalizedText(zh: "压缩包不完整（被截断）\(e.isEmpty ? "" : "，在条目 \(e)")\(d)。请重新获取完整文件。", en: "The archive is truncated\(e.isEmpty ? "" : " at entry \(e)")\(dEn). Get the complete file again.")
        case .corrupt:
            return LocalizedText(zh: "压缩包已损坏\(e.isEmpty ? "" : "，在条目 \(e)")\(d)。请重新获取文件。", en: "The archive is corrupt\(e.isEmpty ? "" : " at entry \(e)")\(dEn). Get the file again.")
        case .encrypted:
            return safety("条目 \(e) 已加密，无法核验。", "Entry \(e) is encrypted and cannot be verified.")
        case .unsupportedCompression:
            return safety("条目 \(e) 使用了不支持的压缩方式 \(f)（只接受 store 和 deflate）。", "Entry \(e) uses compression method \(f); only store and deflate are accepted.")
        case .dataAfterEnd:
            return safety("tar 归档的结束标记之后（或 gzip 数据流之后）还有 \(f) 字节的多余数据，不是补零\(d)；其他软件可能读出不同的内容。", "There are \(f) bytes of extra data, not zero padding, after the tar's end-of-archive marker or after the gzip stream\(dEn); other programs might read something else.")
        case .dataBeforeArchive:
            return safety("zip 之前还有 \(f) 字节的其他数据（例如图片或 PDF 后面拼接了 zip，或多个 zip 首尾相连）。", "There are \(f) bytes of other data before the zip (a JPEG or PDF with a zip appended, or concatenated zips).")
        case .dataAfterArchive:
            return safety("zip 结束记录之后还有 \(f) 字节的多余数据。", "There are \(f) bytes of extra data after the zip's end record.")
        case .ambiguousEndRecord:
            return safety("zip 中有多个“中央目录结束记录”，不同软件会看到不同的文件（可能是伪造的结束记录）。", "The zip holds more than one end-of-central-directory record; different programs would see different files (a fake end record).")
        case .localHeaderMismatch:
            return safety("条目 \(e) 的中央目录与本地文件头不一致（\(d.isEmpty ? "" : detail!)：中央目录 \(x)，本地文件头 \(f)），不同软件会读出不同的内容。", "Entry \(e): the central directory and the local header disagree (\(detail ?? ""): central directory \(x), local header \(f)); different programs would read different files.")
        case .unicodePathMismatch:
            return safety("条目 \(e) 的 Unicode 路径扩展字段写的是 “\(f)”，与文件名不一致，不同软件会显示不同的名字。", "Entry \(e) has a Unicode Path extra field saying “\(f)”, which contradicts its name; programs would show different names.")
        case .overlappingEntries:
            return safety("条目 \(e) 的数据与其他条目重叠（\(f)），这是压缩炸弹的特征。", "Entry \(e) overlaps another entry's data (\(f)), a hallmark of a decompression bomb.")
        case .nameNotMarkedUTF8:
            return safety("条目 \(e) 的名称含非 ASCII 字符，却没有标记为 UTF-8，不同软件会显示成不同的名字。", "Entry \(e) has a non-ASCII name not marked as UTF-8; programs would show different names.")
        case .malformedZip:
            return safety("zip 结构不正确\(e.isEmpty ? "" : "，在条目 \(e)")\(d)。", "The zip structure is malformed\(e.isEmpty ? "" : " at entry \(e)")\(dEn).")
        case .missingBagitTxt:
            return LocalizedText(zh: "缺少 bagit.txt：这不是 BagIt 包。", en: "bagit.txt is missing: this is not a BagIt bag.")
        case .invalidBagitTxt:
            return LocalizedText(zh: "bagit.txt 内容不符合 RFC 8493\(d)。应恰好两行：“BagIt-Version: 版本”（1.0 或 0.93–0.97）和“Tag-File-Character-Encoding: 编码”。", en: "bagit.txt does not follow RFC 8493\(dEn). It must be exactly two lines: “BagIt-Version: VERSION” (1.0, or 0.93 to 0.97) and “Tag-File-Character-Encoding: ENCODING”.")
        case .byteOrderMark:
            return LocalizedText(zh: "标签文件 \(e) 以 BOM 开头，RFC 8493 不允许。", en: "Tag file \(e) starts with a byte-order mark, which RFC 8493 forbids.")
        case .noPayloadManifest:
            return LocalizedText(zh: "没有任何载荷清单（manifest-<算法>.txt），无法核对文件。", en: "There is no payload manifest (manifest-<algorithm>.txt): nothing to check the files against.")
        case .unsupportedAlgorithm:
            let known = ChecksumAlgorithm.allCases.filter(\.isAvailable).map(\.rawValue)
            return LocalizedText(zh: "清单 \(e) 使用了本程序不支持的校验算法 \(f)（支持 \(known.joined(separator: "、"))），未核验该清单。", en: "Manifest \(e) uses an algorithm this program does not support, \(f) (supported: \(known.joined(separator: ", "))); it was not checked.")
        case .invalidManifestLine:
            return LocalizedText(zh: "清单 \(e) 第 \(x) 行格式不正确\(d)：应为“<校验和> <路径>”。", en: "Manifest \(e), line \(x), is malformed\(dEn): expected “<checksum> <path>”.")
        case .duplicateManifestEntry:
            return LocalizedText(zh: "清单 \(f) 中重复列出了 \(e)（校验和相同\(detail.map { "，\($0)" } ?? "")）。", en: "Manifest \(f) lists \(e) more than once, with the same checksum\(dEn).")
        case .missingFile:
            return LocalizedText(zh: "清单 \(f) 列出的文件 \(e) 不在包中：文件被删除了。", en: "\(e) is listed in \(f) but is not in the bag: a file was removed.")
        case .extraFile:
            return LocalizedText(zh: "文件 \(e) 不在清单 \(f) 中：文件是后来加入的。", en: "\(e) is not listed in \(f): a file was added.")
        case .checksumMismatch:
            return LocalizedText(zh: "文件 \(e) 的校验和不符：清单记录 \(x)，实际为 \(f)。文件被修改过或已损坏。", en: "\(e) does not match its checksum: the manifest says \(x), the file has \(f). It was changed or damaged.")
        case .missingTagFile:
            return LocalizedText(zh: "标签清单列出的 \(e) 不在包中。", en: "\(e) is listed in a tag manifest but is not in the bag.")
        case .tagChecksumMismatch:
            return LocalizedText(zh: "标签文件 \(e) 的校验和不符：标签清单记录 \(x)，实际为 \(f)。它在封装后被修改过。", en: "Tag file \(e) does not match its checksum: the tag manifest says \(x), the file has \(f). It was edited after packing.")
        case .unlistedTagFile:
            return LocalizedText(zh: "标签文件 \(e) 不在标签清单 \(f) 中，无法确认它未被修改。", en: "Tag file \(e) is not listed in tag manifest \(f), so its integrity cannot be confirmed.")
        case .invalidPayloadOxum:
            return LocalizedText(zh: "bag-info.txt 中的 Payload-Oxum 格式不正确（\(f)），应为“字节数.文件数”。", en: "Payload-Oxum in bag-info.txt is malformed (\(f)); expected “octets.count”.")
        case .payloadOxumMismatch:
            return LocalizedText(zh: "Payload-Oxum 记录 \(x)，实际载荷为 \(f)：文件被增删或修改过。", en: "Payload-Oxum says \(x) but the payload is \(f): files were added, removed or changed.")
        case .fetchNotSupported:
            return LocalizedText(zh: "证据包中有 fetch.txt：含 evidence.json 的证据包必须自带全部文件，不能引用外部地址。", en: "The bundle has a fetch.txt: a bundle with evidence.json must carry all its files, not refer to remote ones.")
        case .tagFileTooLarge:
            return LocalizedText(zh: "标签文件 \(e) 过大（\(f) 字节，上限 \(x)）。", en: "Tag file \(e) is too large (\(f) bytes, limit \(x)).")
        case .conflictingManifestEntry:
            return LocalizedText(zh: "清单中 \(e) 出现了两次，校验和却不同（\(x) 与 \(f)）\(d)。", en: "\(e) is listed twice with different checksums (\(x) and \(f))\(dEn).")
        case .manifestLineStyle:
            return LocalizedText(zh: "\(e) 第 \(x) 行起的写法不是 RFC 8493 的标准写法\(d)；已按常见工具的习惯读取。", en: "\(e), from line \(x), is not written as RFC 8493 says\(dEn); read the way common tools write it.")
        case .tagFileByteOrderMark:
            return LocalizedText(zh: "标签文件 \(e) 以 UTF-8 BOM 开头，RFC 8493 不建议这样做；已忽略该 BOM。", en: "Tag file \(e) starts with a UTF-8 byte-order mark, which RFC 8493 advises against; it was ignored.")
        case .invalidTagFileEncoding:
            return LocalizedText(zh: "标签文件 \(e) 无法按声明的编码 \(f) 读取\(d)。请向发送方索取正确编码的包。", en: "Tag file \(e) cannot be read in its declared encoding \(f)\(dEn). Ask the sender for a correctly encoded bag.")
        case .olderVersion:
            return LocalizedText(zh: "这是 BagIt \(f) 版本的包（早于 RFC 8493 的 1.0），已按该版本的规则核验。", en: "This is a BagIt \(f) bag (older than RFC 8493's 1.0); it was checked by that version's rules.")
        case .tagFileEncoding:
            return LocalizedText(zh: "标签文件使用 \(f) 编码（bagit.txt 中声明），已按该编码读取。", en: "The tag files use the \(f) encoding declared in bagit.txt; they were read in it.")
        case .notPercentEncoded:
            return LocalizedText(zh: "清单 \(f) 中含“%”的路径没有按 RFC 8493 写成“%25”（如 \(e)），已按原样匹配。", en: "Manifest \(f) writes “%” in paths as is rather than as “%25” as RFC 8493 asks (e.g. \(e)); matched literally.")
        case .hiddenSystemFile:
            return LocalizedText(zh: "载荷中有系统自动生成的隐藏文件 \(e)（不是证据），建议删除后重新打包。", en: "The payload holds \(e), a hidden file the operating system made (not evidence); better removed before packing.")
        case .fetchPending:
            return LocalizedText(zh: "这是一个“有洞”的包：fetch.txt 列出的 \(f) 个文件还不在包中（\(detail ?? "")），需要从其网址取得后才完整。evidence 从不下载它们。", en: "This is a holey bag: \(f) file(s) listed in fetch.txt are not in it yet (\(detail ?? "")); it is complete only once they are fetched from their URLs. evidence never fetches them.")
        case .invalidFetchLine:
            return LocalizedText(zh: "fetch.txt 第 \(x) 行不正确\(d)：应为“网址 长度 路径”。", en: "fetch.txt, line \(x), is malformed\(dEn): expected “URL LENGTH PATH”.")
        case .noSupportedManifest:
            return LocalizedText(zh: "包中的载荷清单都使用本程序不支持的算法，无法核验文件（不是说包无效）。可用 bagit-python 等工具核验。", en: "Every payload manifest uses an algorithm this program does not support, so the files cannot be checked (which does not make the bag invalid). Check it with a tool such as bagit-python.")
        case .notAsPacked:
            return LocalizedText(zh: "\(e.isEmpty ? "证据包" : e) 与 evidence pack 写出的格式不同（\(f)\(detail.map { "：\($0)" } ?? "")）。含 evidence.json 的证据包必须与 pack 写出的完全一致，否则可能被改过。", en: "\(e.isEmpty ? "The bundle" : e) differs from what evidence pack writes (\(f)\(detail.map { ": \($0)" } ?? "")). A bundle with evidence.json must be exactly what pack writes; otherwise it may have been altered.")
        case .weakAlgorithm:
            return LocalizedText(zh: "载荷清单只用了 \(f)：它能发现意外损坏，却挡不住有意伪造（RFC 8493 建议使用 SHA-256 或 SHA-512）。", en: "The payload manifests use only \(f): that catches accidental damage but not deliberate forgery (RFC 8493 recommends SHA-256 or SHA-512).")
        case .contentCorrupt:
            return LocalizedText(zh: "载荷文件 \(e) 的内容已损坏（\(f)），不能作为证据。", en: "Payload file \(e) is corrupt (\(f)) and cannot count as evidence.")
        case .contentNotRead:
            return LocalizedText(zh: "未能读取 \(f) 个载荷文件的内容（libmagic 的类型数据库无法加载\(d)），无法判断文件的真实类型和完整性，因此不能确认证据齐全。请安装 libmagic-mgc 后重试。", en: "The content of \(f) payload file(s) could not be read (libmagic's type database cannot be loaded\(dEn)), so their real type and integrity, and so completeness, cannot be judged. Install libmagic-mgc and try again.")
        case .contentUnacceptable:
            return LocalizedText(zh: "载荷文件 \(e) 的内容是\(MediaKind(rawValue: f)?.label.zh ?? f)（\(detail ?? "")），不能作为证据。打开前请小心。", en: "Payload file \(e) is \(MediaKind(rawValue: f)?.label.en ?? f) content (\(detail ?? "")) and cannot count as evidence. Be careful opening it.")
        case .typeMismatch:
            return LocalizedText(zh: "\(e) 的真实类型是 \(f)，evidence.json 却记录为 \(x)：文件被替换过，或 evidence.json 被改过。", en: "\(e) is \(f) content, but evidence.json records \(x): the file was replaced or evidence.json was edited.")
        case .checksMismatch:
            return LocalizedText(zh: "\(e) 重新检查的结果是“\(f)”\(d)，evidence.json 却记录为“\(x)”：文件被替换过，或 evidence.json 被改过。", en: "Checking \(e) again gives “\(f)”\(dEn), but evidence.json records “\(x)”: the file was replaced or evidence.json was edited.")
        case .captureTimeMismatch:
            return LocalizedText(zh: "\(e) 内容中的拍摄时间是 \(f)，evidence.json 却记录为 \(x)。", en: "\(e) says it was captured at \(f), but evidence.json records \(x).")
        case .roleImplausible:
            return LocalizedText(zh: "\(e) 的内容是\(MediaKind(rawValue: f)?.label.zh ?? f)，不能作为“\(EvidenceRole(rawValue: x)?.label.zh ?? x)”（应为 \(detail ?? "")），不计入齐全性。", en: "\(e) is \(MediaKind(rawValue: f)?.label.en ?? f) content, which cannot be a \(EvidenceRole(rawValue: x)?.label.en.lowercased() ?? x) (needs \(detail ?? "")); it does not count towards completeness.")
        case .notAnEvidenceBundle:
            return LocalizedText(zh: "这是有效的 BagIt 包，但不是 EvidenceKit 证据包（没有 evidence.json），因此无法核对证据是否齐全。", en: "This is a valid BagIt bag but not an EvidenceKit bundle (no evidence.json), so completeness cannot be checked.")
        case .invalidEvidenceJSON:
            return LocalizedText(zh: "evidence.json 无法解析\(d)。", en: "evidence.json cannot be read\(dEn).")
        case .unsupportedFormatVersion:
            return LocalizedText(zh: "evidence.json 的格式版本是 \(f)，本程序只认识 \(x)。请升级 evidence。", en: "evidence.json has format version \(f); this program knows \(x). Upgrade evidence.")
        case .itemNotInBag:
            return LocalizedText(zh: "evidence.json 列出的 \(e) 不在载荷清单中。", en: "\(e) is listed in evidence.json but not in the payload manifest.")
        case .fileNotInEvidenceJSON:
            return LocalizedText(zh: "载荷文件 \(e) 没有列在 evidence.json 中。", en: "Payload file \(e) is not listed in evidence.json.")
        case .duplicateItem:
            return LocalizedText(zh: "evidence.json 重复列出了 \(e)。", en: "evidence.json lists \(e) more than once.")
        case .itemSizeMismatch:
            return LocalizedText(zh: "\(e) 的大小不符：evidence.json 记录 \(x) 字节，包中为 \(f) 字节。", en: "\(e): evidence.json records \(x) bytes, the bag has \(f).")
        case .itemHashMismatch:
            return LocalizedText(zh: "\(e) 的 SHA-256 不符：evidence.json 记录 \(x)，清单/文件为 \(f)。", en: "\(e): evidence.json records SHA-256 \(x), the manifest/file has \(f).")
        case .roleMismatch:
            return LocalizedText(zh: "\(e) 的角色不一致：案件记录为 \(x)，证据清单为 \(f)。", en: "\(e): the case records role \(x) but the evidence list says \(f).")
        case .categoryMismatch:
            return LocalizedText(zh: "evidence.json 中案件类别是 \(x)，完整性结论却按 \(f) 计算。", en: "evidence.json's case category is \(x) but its completeness was computed for \(f).")
        case .completenessInconsistent:
            return LocalizedText(zh: "evidence.json 记录的完整性结论自相矛盾\(d)。", en: "evidence.json's completeness verdict contradicts itself\(dEn).")
        case .completenessMismatch:
            return LocalizedText(zh: "按规则重新计算的完整性结论（\(f)）与 evidence.json 记录的（\(x)）不同\(d)：角色或文件可能被改过。", en: "Recomputing completeness with the rules gives \(f), but evidence.json records \(x)\(dEn): roles or files may have been changed.")
        case .rulesVersionDiffers:
            return LocalizedText(zh: "证据包按规则 \(x) 判断是否齐全，本次核验使用规则 \(f)\(d)。结论不同是规则变化所致，不是篡改；下面的结论按规则 \(f) 计算。", en: "The bundle was judged with rules \(x); this verification uses rules \(f)\(dEn). A different verdict comes from the rules change, not from tampering; the verdict shown uses rules \(f).")
        case .completenessNotRecomputed:
            return LocalizedText(zh: "无法重新计算完整性结论\(d)；下面显示的是包内记录的结论。", en: "Completeness could not be recomputed\(dEn); the recorded verdict is shown.")
        case .readingRoleDiffers, .readingFactsDiffer, .readingDiffers, .readingNotRecorded, .readingSkipped,
             .orderNumberContradiction, .evidenceDisagrees:
            return readingMessage
        }
    }

    /// The Chinese name of a special file kind (``ListedEntry/specialKindName(_:)``).
    static func specialKindZh(_ kind: String?) -> String {
        switch kind {
        case "FIFO": "命名管道（FIFO）"
        case "character device": "字符设备"
        case "block device": "块设备"
        case "socket": "套接字"
        default: "设备文件、管道或套接字"
        }
    }
}

import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit
#if canImport(Glibc)
import Glibc
#endif

struct PackTests {
    private let payloadNames = [
        "data/01-product-photo-左耳无声.jpg", "data/02-order-screenshot-订单截图.png",
        "data/03-payment-receipt-支付宝回单.pdf", "data/04-chat-record-旺旺聊天记录.txt",
    ]

    @Test func bundleHoldsOneBagWithEveryTagFileInOrder() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let report = try PackFixtures.pack(sources, to: folder + "/证据包.zip")
        let entries = try PackFixtures.entries(of: report.bundlePath)
        #expect(entries.map(\.name) == (payloadNames + ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "evidence.json",
                                                         "index.html", "tagmanifest-sha256.txt"]).map { "证据包/" + $0 })
        #expect(report.bagName == "证据包")
        #expect(report.itemCount == 4)
        #expect(report.payloadBytes == 75926)
        #expect(report.verdict == .complete)
        #expect(report.bundleSHA256 == nil)  // only when asked for (a second hashing pass)
        let tagManifest = try #require(entries.last)
        #expect(report.tagManifestSHA256 == PackFixtures.sha256(tagManifest.bytes))
        #expect(report.bundleBytes == UInt64(try FileManager.default.attributesOfItem(atPath: report.bundlePath)[.size] as! Int))
        #expect(try PackFixtures.listing(folder).filter { $0.hasSuffix(".partial") }.isEmpty)
    }

    @Test func tagFilesHaveTheirExactContent() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let report = try PackFixtures.pack(sources, to: folder + "/bundle.zip")
        let files = Dictionary(uniqueKeysWithValues: try PackFixtures.entries(of: report.bundlePath)
            .map { (String($0.name.dropFirst("bundle/".count)), $0.bytes) })
        let text = { (name: String) in String(decoding: files[name] ?? [], as: UTF8.self) }

        #expect(text("bagit.txt") == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        #expect(text("bag-info.txt") == """
            Bagging-Date: 2025-11-29
            Payload-Oxum: 75926.4
            Bag-Software-Agent: evidence \(ToolInfo.version) (EvidenceKit)
            External-Identifier: 3712345678901234567
            External-Description: Evidence bundle for a quality complaint: 蓝牙耳机 from 某某旗舰店

            """)
        let expectedManifest = try zip(payloadNames, sources).map { "\(try PackFixtures.sha256(file: $1.path))  \($0)\n" }.joined()
        #expect(text("manifest-sha256.txt") == expectedManifest)
        let tagNames = ["bag-info.txt", "bagit.txt", "evidence.json", "index.html", "manifest-sha256.txt"]
        #expect(text("tagmanifest-sha256.txt") == tagNames.map { "\(PackFixtures.sha256(files[$0]!))  \($0)\n" }.joined())
        for name in payloadNames {
            #expect(PackFixtures.sha256(files[name]!) == report.manifest.items.first { $0.path == name }?.sha256)
        }
    }

    @Test func evidenceJSONRecordsCaseItemsAndCompleteness() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let report = try PackFixtures.pack(sources, to: folder + "/bundle.zip")
        let json = try #require(try PackFixtures.entries(of: report.bundlePath).first { $0.name == "bundle/evidence.json" }).bytes
        let manifest = try JSONDecoder().decode(EvidenceManifest.self, from: Data(json))
        #expect(manifest == report.manifest)
        #expect(manifest.formatVersion == "1")
        #expect(manifest.tool == EvidenceManifest.Tool(name: "evidence", version: ToolInfo.version))
        #expect(manifest.createdAt == "2025-11-29T00:00:00Z")
        #expect(manifest.rulesVersion == "test-1")
        #expect(manifest.case.orderID == "3712345678901234567")
        #expect(manifest.items.map(\.sequence) == [1, 2, 3, 4])
        #expect(manifest.items.map(\.path) == payloadNames)
        #expect(manifest.items.map(\.role) == [.productPhoto, .orderScreenshot, .paymentReceipt, .chatRecord])
        #expect(manifest.items.map(\.originalName) == ["左耳无声.jpg", "订单截图.png", "支付宝回单.pdf", "旺旺聊天记录.txt"])
        #expect(manifest.items.map(\.mimeType) == ["image/jpeg", "image/png", "application/pdf", "text/plain"])
        #expect(manifest.items.map(\.size) == [51356, 7785, 16579, 206])
        #expect(manifest.items[0].captureTime == "2026-11-06T20:14:05+08:00")
        #expect(manifest.items[0].note == "左耳机无声音")
        #expect(manifest.items[3].checks.findings == ["text.legacy-encoding"])
        #expect(manifest.completeness.status == .complete)
        let raw = String(decoding: json, as: UTF8.self)
        for key in ["\"format_version\"", "\"created_at\"", "\"original_name\"", "\"mime_type\"", "\"capture_time\"", "\"rules_version\""] {
            #expect(raw.contains(key))
        }
    }

    @Test func payloadIsByteForByteAndOriginalsAreUntouched() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let before = try sources.map { (try PackFixtures.sha256(file: $0.path), try FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as! Date) }
        let report = try PackFixtures.pack(sources, to: folder + "/bundle.zip")
        let entries = try PackFixtures.entries(of: report.bundlePath)
        for (index, source) in sources.enumerated() {
            let original = Array(try Data(contentsOf: URL(fileURLWithPath: source.path)))
            #expect(entries.first { $0.name == "bundle/" + payloadNames[index] }?.bytes == original)
            #expect(try PackFixtures.sha256(file: source.path) == before[index].0)
            #expect(try FileManager.default.attributesOfItem(atPath: source.path)[.modificationDate] as! Date == before[index].1)
        }
    }

    @Test func chineseReportUsesChineseRoleNamesAndIndexPage() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let report = try PackFixtures.pack(sources, to: folder + "/b.zip",
                                           options: PackOptions(language: .zh, sourceDateEpoch: 1_764_374_400, durable: false))
        #expect(report.manifest.items.map(\.path) == ["data/01-商品照片-左耳无声.jpg", "data/02-订单截图-订单截图.png",
                                                      "data/03-支付凭证-支付宝回单.pdf", "data/04-聊天记录-旺旺聊天记录.txt"])
        let entries = try PackFixtures.entries(of: report.bundlePath)
        let html = String(decoding: try #require(entries.first { $0.name == "b/index.html" }).bytes, as: UTF8.self)
        for text in ["<html lang=\"zh-CN\">", "证据目录（订单号 3712345678901234567）", "<th>序号</th>", "<th>证据名称</th>", "<th>证据来源</th>",
                     "<th>证明目的</th>", "证明商品存在质量问题", "2026-11-06T20:14:05+08:00", "51.4 KB (51,356 B)",
                     report.manifest.items[0].sha256, "证据齐全", "@page { size: A4",
                     "<img src=\"data/01-%E5%95%86%E5%93%81%E7%85%A7%E7%89%87-%E5%B7%A6%E8%80%B3%E6%97%A0%E5%A3%B0.jpg\""] {
            #expect(html.contains(text), "index.html lacks \(text)")
        }
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(!html.contains("<img src=\"data/03"))  // PDFs are listed, not shown as images
    }

    @Test func incompleteEvidenceIsRefusedWithExitThreeAndNothingWritten() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let output = folder + "/bundle.zip"
        let before = try PackFixtures.listing(folder)
        let error = try #require(throws: PackError.self) {
            try PackFixtures.pack(sources, to: output, required: [.productPhoto, .unboxingVideo])
        }
        #expect(error.code == .incomplete)
        #expect(error.completeness?.missingRequired.map(\.requirement) == ["needs-unboxing-video"])
        #expect(error.message.en.contains("needs-unboxing-video"))
        #expect(error.inspected.count == 4)
        #expect(try PackFixtures.listing(folder) == before)
    }

    @Test func allowIncompleteWritesTheBundleAndRecordsTheGap() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let report = try PackFixtures.pack(sources, to: folder + "/bundle.zip",
                                           options: PackOptions(allowIncomplete: true, sourceDateEpoch: 0, durable: false),
                                           required: [.unboxingVideo])
        #expect(report.verdict == .incomplete)
        let entries = try PackFixtures.entries(of: report.bundlePath)
        let manifest = try JSONDecoder().decode(EvidenceManifest.self, from: Data(try #require(entries.first { $0.name == "bundle/evidence.json" }).bytes))
        #expect(manifest.completeness.status == .incomplete)
        #expect(manifest.completeness.missingRequired.map(\.roles) == [[.unboxingVideo]])
        let html = String(decoding: try #require(entries.first { $0.name == "bundle/index.html" }).bytes, as: UTF8.self)
        #expect(html.contains("Incomplete: required evidence"))
        #expect(html.contains("Unboxing video"))
    }

    @Test func corruptEvidenceIsRefusedWithExitOneNamingTheFile() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        var sources = try PackFixtures.sampleSources(in: folder)
        let broken = folder + "/截断.png"
        try Data(PackFixtures.png(width: 64, height: 64).prefix(60)).write(to: URL(fileURLWithPath: broken))
        sources.append(PackSource(item: .init(file: "截断.png", role: .productPhoto), path: broken))
        let before = try PackFixtures.listing(folder)
        let error = try #require(throws: PackError.self) { try PackFixtures.pack(sources, to: folder + "/bundle.zip") }
        #expect(error.code == .corruptEvidence)
        #expect(error.path == "截断.png")
        #expect(error.message.zh.contains("截断.png"))
        #expect(try PackFixtures.listing(folder) == before)
    }

    @Test func executablesAreRefusedAsUnacceptable() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        var sources = try PackFixtures.sampleSources(in: folder)
        let script = folder + "/run.sh"
        try Data("#!/bin/sh\necho hi\n".utf8).write(to: URL(fileURLWithPath: script))
        sources.append(PackSource(item: .init(file: "run.sh", role: .other), path: script))
        let error = try #require(throws: PackError.self) { try PackFixtures.pack(sources, to: folder + "/bundle.zip") }
        #expect(error.code == .corruptEvidence)
        #expect(error.inspected.last?.status == .unacceptable)
    }

    @Test func missingEvidenceFileIsRefusedAsUnreadable() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        var sources = try PackFixtures.sampleSources(in: folder)
        sources.append(PackSource(item: .init(file: "不存在.jpg", role: .productPhoto), path: folder + "/不存在.jpg"))
        let before = try PackFixtures.listing(folder)
        let error = try #require(throws: PackError.self) { try PackFixtures.pack(sources, to: folder + "/bundle.zip") }
        #expect(error.code == .unreadableEvidence)
        #expect(error.detail.contains("不存在.jpg"))
        #expect(try PackFixtures.listing(folder) == before)
    }

    @Test func existingOutputIsNotReplacedWithoutForce() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let output = folder + "/bundle.zip"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: output))
        let error = try #require(throws: PackError.self) { try PackFixtures.pack(sources, to: output) }
        #expect(error.code == .outputExists)
        #expect(error.inspected.isEmpty)  // refused before reading anything
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data("keep me".utf8))

        let report = try PackFixtures.pack(sources, to: output,
                                           options: PackOptions(force: true, sourceDateEpoch: 0, durable: true, bundleSHA256: true))
        #expect(try PackFixtures.sha256(file: output) == report.bundleSHA256)
    }

    @Test func aFailedForcedPackLeavesTheExistingOutputAndNoTemporaryFile() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let output = folder + "/bundle.zip"
        try Data("previous bundle".utf8).write(to: URL(fileURLWithPath: output))
        let before = try PackFixtures.listing(folder)
        #expect(throws: PackError.self) {
            try PackFixtures.pack(sources, to: output, options: PackOptions(force: true, sourceDateEpoch: 0), required: [.invoice])
        }
        #expect(try PackFixtures.listing(folder) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data("previous bundle".utf8))
        #expect(InterruptCleanup.registered.allSatisfy { !$0.hasPrefix(folder) })
    }

    @Test func aSourceThatGrowsWhilePackedAbortsThePack() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        var sources = try PackFixtures.sampleSources(in: folder)
        let growing = folder + "/聊天导出.txt"
        try Data(String(repeating: "买家：耳机左耳没有声音。\n", count: 200_000).utf8).write(to: URL(fileURLWithPath: growing))
        sources.append(PackSource(item: .init(file: "聊天导出.txt", role: .chatRecord), path: growing))
        let before = try PackFixtures.listing(folder)
        var appended = false
        let error = try #require(throws: PackError.self) {
            try PackFixtures.pack(sources, to: folder + "/bundle.zip") { progress in
                guard progress.file == "聊天导出.txt", !appended, let handle = FileHandle(forWritingAtPath: growing) else { return }
                appended = true
                handle.seekToEndOfFile()
                handle.write(Data("卖家：已读不回。\n".utf8))
                handle.closeFile()
            }
        }
        #expect(appended)
        #expect(error.code == .sourceChanged)
        #expect(error.path == "聊天导出.txt")
        #expect(try PackFixtures.listing(folder) == before)
    }

    @Test func percentNamesRoundTripThroughTheManifestAndOddNamesSurviveInEvidenceJSON() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let names = ["100%真品?.jpg", "订单\n截图.png", "回单 %0A.pdf", "聊天\r记录.txt"]
        let sources = try PackFixtures.sampleSources(in: folder, names: names)
        let report = try PackFixtures.pack(sources, to: folder + "/bundle.zip")
        let entries = try PackFixtures.entries(of: report.bundlePath)
        #expect(report.manifest.items.map(\.originalName) == names)
        #expect(report.manifest.items.map(\.path) == ["data/01-product-photo-100%真品？.jpg", "data/02-order-screenshot-订单_截图.png",
                                                      "data/03-payment-receipt-回单 %0A.pdf", "data/04-chat-record-聊天_记录.txt"])
        let manifest = String(decoding: try #require(entries.first { $0.name == "bundle/manifest-sha256.txt" }).bytes, as: UTF8.self)
        let lines = manifest.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.map { String($0.dropFirst(66)) } == ["data/01-product-photo-100%25真品？.jpg", "data/02-order-screenshot-订单_截图.png",
                                                           "data/03-payment-receipt-回单 %250A.pdf", "data/04-chat-record-聊天_记录.txt"])
        for line in lines {
            let digest = String(line.prefix(64))
            let path = BagLayout.manifestDecoded(String(line.dropFirst(66)))
            let entry = try #require(entries.first { $0.name == "bundle/" + path })
            #expect(PackFixtures.sha256(entry.bytes) == digest)
        }
        let json = try JSONDecoder().decode(EvidenceManifest.self, from: Data(try #require(entries.first { $0.name == "bundle/evidence.json" }).bytes))
        #expect(json.items.map(\.originalName) == names)
    }

    @Test func decomposedNamesArePackedAsNFC() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let nfd = "Cafe\u{301}.jpg"
        let sources = try PackFixtures.sampleSources(in: folder, names: [nfd, "b.png", "c.pdf", "d.txt"])
        let report = try PackFixtures.pack(sources, to: folder + "/bundle.zip")
        let name = try #require(try PackFixtures.entries(of: report.bundlePath).first?.name)
        #expect(Array(name.utf8) == Array("bundle/data/01-product-photo-Caf\u{e9}.jpg".utf8))
        #expect(Array(report.manifest.items[0].originalName.utf8) == Array("Caf\u{e9}.jpg".utf8))
    }

    @Test func theSameInputsGiveIdenticalBytes() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: folder + "/b", withIntermediateDirectories: false)
        let first = try PackFixtures.pack(sources, to: folder + "/a/bundle.zip")
        let second = try PackFixtures.pack(sources, to: folder + "/b/bundle.zip")
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.bundlePath)) == Data(contentsOf: URL(fileURLWithPath: second.bundlePath)))
        let third = try PackFixtures.pack(sources, to: folder + "/a/other.zip",
                                          options: PackOptions(sourceDateEpoch: 1_764_374_401, bagName: "bundle", durable: false))
        #expect(third.tagManifestSHA256 != first.tagManifestSHA256)  // the creation time is recorded
        #expect(try Data(contentsOf: URL(fileURLWithPath: third.bundlePath)) != Data(contentsOf: URL(fileURLWithPath: first.bundlePath)))
    }

    @Test func tarGzBundlesHoldTheSameBag() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let zipReport = try PackFixtures.pack(sources, to: folder + "/bundle.zip")
        let tarReport = try PackFixtures.pack(sources, to: folder + "/bundle.tar.gz",
                                              options: PackOptions(format: .tarGz, sourceDateEpoch: 1_764_374_400, durable: false))
        let zipEntries = try PackFixtures.entries(of: zipReport.bundlePath)
        let tarEntries = try PackFixtures.entries(of: tarReport.bundlePath, formats: .tarGzip)
        #expect(tarEntries.map(\.name) == zipEntries.map(\.name))
        #expect(tarEntries.map(\.bytes) == zipEntries.map(\.bytes))
        let again = try PackFixtures.pack(sources, to: folder + "/again.tar.gz",
                                          options: PackOptions(format: .tarGz, sourceDateEpoch: 1_764_374_400, bagName: "bundle", durable: false))
        #expect(again.bundleSHA256 == tarReport.bundleSHA256)
    }

    @Test func anEmptyEvidenceListIsRefused() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let error = try #require(throws: PackError.self) { try PackFixtures.pack([], to: folder + "/bundle.zip") }
        #expect(error.code == .noEvidence)
        #expect(try PackFixtures.listing(folder).isEmpty)
    }

    @Test func sourceDateEpochIsReadFromTheEnvironment() throws {
        #expect(try PackOptions.sourceDateEpoch(from: ["SOURCE_DATE_EPOCH": "1764374400"]) == 1_764_374_400)
        #expect(try PackOptions.sourceDateEpoch(from: [:]) == nil)
        #expect(try PackOptions.sourceDateEpoch(from: ["SOURCE_DATE_EPOCH": ""]) == nil)
        let error = try #require(throws: PackError.self) { try PackOptions.sourceDateEpoch(from: ["SOURCE_DATE_EPOCH": "yesterday"]) }
        #expect(error.code == .badSourceDateEpoch)
        #expect(error.message.en.contains("yesterday"))
    }
}

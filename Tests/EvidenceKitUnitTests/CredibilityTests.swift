import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Credibility flags (issue 12 item 8): editors named by EXIF/XMP, the GB 45438-2025 AIGC label,
/// C2PA manifests, photos without EXIF. Every file is real bytes that the strict decoders accept
/// (JPEGs from a baseline encoder, PNG and WebP fixtures with chunks added), inspected as a
/// user's file would be.
@Suite struct CredibilityTests {
    let dir = TemporaryDirectory("credibility")
    typealias F = CredibilityFixtures

    static let credibilityCodes: Set<String> = ["credibility.edited", "credibility.aigc-label", "credibility.c2pa-present",
                                                "credibility.metadata-stripped"]

    /// A small JPEG (not photo-sized) with EXIF Make, Model and Software.
    func jpeg(software: String, width: Int = 640, height: Int = 480) -> [UInt8] {
        F.jpeg(width: width, height: height,
               segments: [F.exifAPP1([(0x010F, "Xiaomi"), (0x0110, "Redmi Note 12"), (0x0131, software)])])
    }

    func credibility(_ file: InspectedFile) -> [String] { file.codes.filter(Self.credibilityCodes.contains) }

    // MARK: The editor list

    @Test func theEditorListIsDataAndNamesTheCommonEditors() {
        let data = CredibilityData.bundled
        #expect(data.schema == "evidencekit-credibility/1")
        let names = data.editors.map(\.name)
        for expected in ["Adobe Photoshop", "Adobe Lightroom", "GIMP", "美图秀秀 (Meitu)", "醒图 (Hypic)", "Snapseed", "PicsArt",
                         "黄油相机 (Butter Camera)", "VSCO", "Canva"] {
            #expect(names.contains(expected), "\(expected)")
        }
        #expect(data.editors.allSatisfy { !$0.match.isEmpty && $0.match.allSatisfy { $0 == $0.lowercased() } })
    }

    @Test(arguments: [("Canvas 3", nil as String?), ("ACanva", nil), ("Canva", "Canva"), ("canva.com", "Canva"),
                      ("MTXX", "美图秀秀 (Meitu)"), ("VSCOcam", "VSCO"), ("VSCO 350", "VSCO"),
                      ("Adobe Photoshop Lightroom Classic 13.0 (Windows)", "Adobe Lightroom")])
    func wordBoundariesKeepShortNamesFromMatchingInsideOtherWords(text: String, editor: String?) {
        #expect(CredibilityData.bundled.editor(namedIn: [text]) == editor)
    }

    @Test func theFirstTextThatNamesAnEditorWins() {
        // EXIF Software (the last program that saved it) before XMP CreatorTool before the history.
        #expect(CredibilityData.bundled.editor(namedIn: ["GIMP 2.4.5", "Adobe Photoshop CS2 Windows"]) == "GIMP")
        #expect(CredibilityData.bundled.editor(namedIn: ["18.1", "Adobe Fireworks CS5", "Adobe Photoshop 7.0"]) == "Adobe Fireworks")
        #expect(CredibilityData.bundled.editor(namedIn: ["MIUI", "HDR+ 1.0"]) == nil)
    }

    // MARK: Edited by software

    @Test(arguments: [("Adobe Photoshop 25.0 (Windows)", "Adobe Photoshop"),
                      ("Adobe Photoshop Lightroom Classic 13.0 (Windows)", "Adobe Lightroom"),
                      ("GIMP 2.10.36", "GIMP"), ("美图秀秀", "美图秀秀 (Meitu)"), ("MTXX", "美图秀秀 (Meitu)"),
                      ("醒图", "醒图 (Hypic)"), ("Hypic 9.6.0", "醒图 (Hypic)"), ("Snapseed 2.0", "Snapseed"),
                      ("PicsArt", "PicsArt"), ("黄油相机", "黄油相机 (Butter Camera)"), ("VSCO", "VSCO"), ("Canva", "Canva")])
    func exifSoftwareNamingAnEditorIsAWarningThatNamesIt(software: String, editor: String) throws {
        let file = try inspect(dir.write("IMG_20261106_201405.jpg", jpeg(software: software)))
        #expect(file.status == .ok)
        #expect(file.metadata.software == software)
        #expect(file.metadata.editedWith == editor)
        #expect(file.metadata.hasEXIF == true)
        #expect(credibility(file) == ["credibility.edited"])
        let finding = try #require(file.findings.first { $0.code == "credibility.edited" })
        #expect(finding.severity == .warning)
        #expect(finding.message.zh.contains(editor) && finding.message.en.contains(editor))
        #expect(finding.message.zh.contains("原图") && finding.message.en.contains("original"))
    }

    @Test(arguments: ["MIUI", "HDR+ 1.0.641377693zd", "18.1", "iOS 18.1", "G998BXXU9EWK2", "ELS-AN00 4.0.0.146(C00E120R8P4)",
                      "MediaTek Camera Application", "OnePlus 12 Camera", "vivo X100"])
    func phoneCameraFirmwareIsNotAnEditor(software: String) throws {
        let file = try inspect(dir.write("IMG_0001.jpg", jpeg(software: software)))
        #expect(file.status == .ok)
        #expect(file.metadata.software == software)
        #expect(file.metadata.editedWith == nil)
        #expect(credibility(file).isEmpty)
    }

    @Test func xmpCreatorToolAsAttributeOrElementNamesTheEditor() throws {
        let namespaces = [("xmp", "http://ns.adobe.com/xap/1.0/")]
        let attribute = F.xmp(namespaces: namespaces, attributes: "xmp:CreatorTool=\"Adobe Photoshop 24.1 (Macintosh)\"")
        let element = F.xmp(namespaces: namespaces, elements: "<xmp:CreatorTool>Snapseed</xmp:CreatorTool>")
        for (name, packet, editor) in [("a.jpg", attribute, "Adobe Photoshop"), ("b.jpg", element, "Snapseed")] {
            let file = try inspect(dir.write(name, F.jpeg(width: 320, height: 240, segments: [F.xmpAPP1(packet)])))
            #expect(file.status == .ok)
            #expect(file.metadata.creatorTool != nil)
            #expect(file.metadata.editedWith == editor)
            #expect(credibility(file) == ["credibility.edited"])
        }
    }

    @Test func xmpHistorySoftwareAgentNamesTheEditorEvenWhenCreatorToolIsTheCamera() throws {
        let packet = F.xmp(
            namespaces: [("xmp", "http://ns.adobe.com/xap/1.0/"), ("xmpMM", "http://ns.adobe.com/xap/1.0/mm/"),
                         ("stEvt", "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#")],
            attributes: "xmp:CreatorTool=\"18.1\"",
            elements: """
            <xmpMM:History><rdf:Seq>
             <rdf:li stEvt:action="saved" stEvt:softwareAgent="Adobe Photoshop Express 14.2"/>
            </rdf:Seq></xmpMM:History>
            """)
        let file = try inspect(dir.write("edited.jpg", F.jpeg(width: 320, height: 240, segments: [F.xmpAPP1(packet)])))
        #expect(file.metadata.creatorTool == "18.1")
        #expect(file.metadata.editedWith == "Adobe Photoshop")
    }

    @Test func aniPhoneStyleXMPWithPhotoshopDateCreatedIsNotAnEdit() throws {
        // iOS writes photoshop:DateCreated and a CreatorTool that is its version: neither names an editor.
        let packet = F.xmp(namespaces: [("xmp", "http://ns.adobe.com/xap/1.0/"), ("photoshop", "http://ns.adobe.com/photoshop/1.0/")],
                           attributes: "xmp:CreatorTool=\"18.1\" photoshop:DateCreated=\"2026-11-06T20:14:05\"")
        let file = try inspect(dir.write("IMG_4471.jpg", jpeg(software: "18.1").inserting(F.xmpAPP1(packet))))
        #expect(file.status == .ok)
        #expect(file.metadata.creatorTool == "18.1")
        #expect(credibility(file).isEmpty)
    }

    @Test func pngSoftwareTextAndXMPNameTheEditor() throws {
        let screenshot = fixture("inspect/screenshot.png")
        let text = F.png(screenshot, inserting: [F.pngChunk("tEXt", Array("Software\0GIMP 2.10.36".utf8))])
        let xmp = F.png(screenshot, inserting: [F.pngITXt(keyword: "XML:com.adobe.xmp",
                                                          F.xmp(namespaces: [("xmp", "http://ns.adobe.com/xap/1.0/")],
                                                                attributes: "xmp:CreatorTool=\"醒图\""))])
        for (name, bytes, editor) in [("a.png", text, "GIMP"), ("b.png", xmp, "醒图 (Hypic)")] {
            let file = try inspect(dir.write(name, bytes))
            #expect(file.status == .ok, "\(file.codes)")
            #expect(file.metadata.editedWith == editor)
            #expect(credibility(file) == ["credibility.edited"])
        }
    }

    // MARK: The AIGC label of GB 45438-2025

    func aigcPacket(prefix: String = "TC260", producer: String = "001191101080000000000X00001") -> String {
        F.xmp(namespaces: [(prefix, F.tc260)], elements: "<\(prefix):AIGC>\(F.aigcJSON(producer: producer))</\(prefix):AIGC>")
    }

    func expectAIGC(_ file: InspectedFile, producer: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(file.status == .ok, "\(file.codes)", sourceLocation: sourceLocation)
        let label = try #require(file.metadata.aigcLabel, sourceLocation: sourceLocation)
        #expect(label.label == "1", sourceLocation: sourceLocation)
        #expect(label.contentProducer == producer, sourceLocation: sourceLocation)
        #expect(label.produceID == "20261106-0001", sourceLocation: sourceLocation)
        #expect(label.contentPropagator == "", sourceLocation: sourceLocation)
        #expect(credibility(file) == ["credibility.aigc-label"], sourceLocation: sourceLocation)
        let finding = try #require(file.findings.first { $0.code == "credibility.aigc-label" }, sourceLocation: sourceLocation)
        #expect(finding.severity == .warning, sourceLocation: sourceLocation)
        #expect(finding.message.zh.contains(producer) && finding.message.en.contains(producer), sourceLocation: sourceLocation)
        #expect(finding.message.zh.contains("GB 45438-2025") && finding.message.en.contains("GB 45438-2025"), sourceLocation: sourceLocation)
    }

    @Test func aigcLabelInAJPEGAPP1XMPSegment() throws {
        let file = try inspect(dir.write("generated.jpg", F.jpeg(width: 320, height: 240, segments: [F.xmpAPP1(aigcPacket())])))
        try expectAIGC(file, producer: "001191101080000000000X00001")
    }

    @Test func aigcLabelInAPNGITXtChunk() throws {
        let bytes = F.png(fixture("inspect/screenshot.png"), inserting: [F.pngITXt(keyword: "XML:com.adobe.xmp", aigcPacket(producer: "doubao"))])
        try expectAIGC(try inspect(dir.write("generated.png", bytes)), producer: "doubao")
    }

    @Test func aigcLabelInAWebPXMPChunk() throws {
        let bytes = F.webp(fixture("webp-gif/photo-exif.webp"), appending: "XMP ", Array(aigcPacket(producer: "即梦").utf8), flag: 0x04)
        let file = try inspect(dir.write("generated.webp", bytes))
        try expectAIGC(file, producer: "即梦")
        #expect(file.metadata.cameraModel == "Xiaomi Redmi Note 12")  // its EXIF is still read
    }

    @Test func aigcLabelAsAnAttributeWithAnotherPrefixOrAsSeparateProperties() throws {
        let attribute = F.xmp(namespaces: [("aigc", F.tc260)], attributes: "aigc:AIGC='\(F.aigcJSON(producer: "Kling"))'")
        let separate = F.xmp(namespaces: [("TC260", F.tc260)],
                             elements: "<TC260:Label>1</TC260:Label><TC260:ContentProducer>Kling</TC260:ContentProducer><TC260:ProduceID>20261106-0001</TC260:ProduceID><TC260:ContentPropagator></TC260:ContentPropagator>")
        for (name, packet) in [("a.jpg", attribute), ("b.jpg", separate)] {
            let file = try inspect(dir.write(name, F.jpeg(width: 320, height: 240, segments: [F.xmpAPP1(packet)])))
            let label = try #require(file.metadata.aigcLabel)
            #expect(label.label == "1" && label.contentProducer == "Kling" && label.produceID == "20261106-0001")
            #expect(credibility(file) == ["credibility.aigc-label"])
        }
    }

    @Test func theNamespaceWithAnUnreadableValueIsStillALabel() throws {
        let packet = F.xmp(namespaces: [("TC260", F.tc260)], elements: "<TC260:AIGC>{not json</TC260:AIGC>")
        let file = try inspect(dir.write("a.jpg", F.jpeg(width: 320, height: 240, segments: [F.xmpAPP1(packet)])))
        #expect(file.metadata.aigcLabel == AIGCLabel())
        #expect(credibility(file) == ["credibility.aigc-label"])
        // Without a producer the message says none.
        #expect(file.findings.first { $0.code == "credibility.aigc-label" }?.message.en.contains("producer") == false)
    }

    @Test func anotherNamespaceNamedAIGCIsNotTheLabel() throws {
        let packet = F.xmp(namespaces: [("TC260", "http://example.com/ns/AIGC/1.0/")],
                           elements: "<TC260:AIGC>\(F.aigcJSON(producer: "x"))</TC260:AIGC>")
        let file = try inspect(dir.write("a.jpg", F.jpeg(width: 320, height: 240, segments: [F.xmpAPP1(packet)])))
        #expect(file.metadata.aigcLabel == nil)
        #expect(credibility(file).isEmpty)
    }

    // MARK: C2PA

    @Test func c2paJUMBFInJPEGAPP11IsReportedAsPresentAndNotValidated() throws {
        let byType = F.jumbfAPP11(F.jumbf())
        let byLabel = F.jumbfAPP11(F.jumbf(label: "c2pa", typeUUID: [UInt8](repeating: 0, count: 16)))
        for (name, segment) in [("a.jpg", byType), ("b.jpg", byLabel)] {
            let file = try inspect(dir.write(name, F.jpeg(width: 320, height: 240, segments: [segment])))
            #expect(file.status == .ok)
            #expect(file.metadata.c2paManifest == true)
            #expect(credibility(file) == ["credibility.c2pa-present"])
            let finding = try #require(file.findings.first { $0.code == "credibility.c2pa-present" })
            #expect(finding.severity == .info)
            #expect(finding.message.en.contains("not validated") && finding.message.zh.contains("未验证"))
        }
    }

    @Test func aJUMBFBoxWithAnotherLabelIsNotC2PA() throws {
        let other = F.jumbfAPP11(F.jumbf(label: "jpeg360", typeUUID: [UInt8](repeating: 7, count: 16)))
        let file = try inspect(dir.write("a.jpg", F.jpeg(width: 320, height: 240, segments: [other])))
        #expect(file.status == .ok)
        #expect(file.metadata.c2paManifest == nil)
        #expect(credibility(file).isEmpty)
    }

    @Test func c2paInPNGCaBXWebPAndHEIF() throws {
        let png = F.png(fixture("inspect/screenshot.png"), inserting: [F.pngChunk("caBX", F.jumbf())])
        let webp = F.webp(fixture("webp-gif/photo-exif.webp"), appending: "C2PA", F.jumbf(), flag: 0)
        let uuidBox = be32(UInt32(8 + 16 + 8)) + Array("uuid".utf8) + CredibilityScan.bmffC2PAUUID + Array("manifest".utf8)
        let heif = fixture("inspect/hopper.heif") + uuidBox
        for (name, bytes) in [("a.png", png), ("b.webp", webp), ("c.heif", heif)] {
            let file = try inspect(dir.write(name, bytes))
            #expect(file.status == .ok, "\(name): \(file.codes)")
            #expect(file.metadata.c2paManifest == true, "\(name)")
            #expect(file.codes.contains("credibility.c2pa-present"), "\(name)")
        }
    }

    // MARK: Metadata stripped

    @Test func aPhotoSizedJPEGWithoutEXIFIsANoteToSendTheOriginal() throws {
        // As WeChat sends a photo without 原图: 1280×960, no EXIF, named by WeChat.
        let file = try inspect(dir.write("微信图片_20261106203901.jpg", F.jpeg(width: 1280, height: 960)))
        #expect(file.status == .ok)
        #expect(file.metadata.hasEXIF == false)
        #expect(credibility(file) == ["credibility.metadata-stripped"])
        let finding = try #require(file.findings.first { $0.code == "credibility.metadata-stripped" })
        #expect(finding.severity == .info)
        #expect(finding.message.zh.contains("原图") && finding.message.en.contains("原图"))
    }

    @Test func theSamePhotoWithItsEXIFIsNotFlagged() throws {
        let file = try inspect(dir.write("IMG_20261106_201405.jpg",
                                         F.jpeg(width: 1280, height: 960, segments: [F.exifAPP1([(0x010F, "HUAWEI"), (0x0110, "ELS-AN00")])])))
        #expect(file.metadata.hasEXIF == true)
        #expect(credibility(file).isEmpty)
    }

    @Test func screenshotsAndSmallPicturesWithoutEXIFAreNotFlagged() throws {
        // A PNG screenshot of a photo's shape: PNGs are never judged.
        let png = try inspect(dir.write("IMG_4471.PNG", F.png(width: 1280, height: 960)))
        #expect(png.status == .ok)
        #expect(png.metadata.hasEXIF == nil)
        // A tall phone screenshot saved as JPEG; a screenshot by name; a small listing picture.
        let tall = try inspect(dir.write("a.jpg", F.jpeg(width: 1080, height: 2340)))
        let named = try inspect(dir.write("Screenshot_20261105-203312_Taobao.jpg", F.jpeg(width: 1280, height: 960)))
        let named2 = try inspect(dir.write("截图_20261105.jpg", F.jpeg(width: 1280, height: 960)))
        let small = try inspect(dir.write("商品图.jpg", F.jpeg(width: 800, height: 800)))
        // A real re-saved screenshot fixture (half size, JPEG quality ~75, no EXIF).
        let resaved = try inspect(dir.write("chat.jpg", Array(try Data(contentsOf: URL(fileURLWithPath:
            Repository.path("Tests/Fixtures/screenshots/chat-light-green-01.half.jpg"))))))
        for file in [png, tall, named, named2, small, resaved] {
            #expect(file.status == .ok, "\(file.name): \(file.codes)")
            #expect(credibility(file).isEmpty, "\(file.name): \(file.codes)")
        }
        #expect(tall.metadata.hasEXIF == false && resaved.metadata.hasEXIF == false)
    }

    @Test(arguments: [("image/heic", 4032, 3024, true), ("image/webp", 1600, 1200, true), ("image/jpeg", 4000, 2250, true),
                      ("image/png", 4032, 3024, false), ("image/gif", 4032, 3024, false), ("image/jpeg", 1179, 2556, false),
                      ("image/jpeg", 960, 720, false)])
    func theHeuristicByTypeAndShape(mime: String, width: Int, height: Int, flagged: Bool) {
        var file = InspectedFile.placeholder(path: "photo")
        file.mimeType = mime
        file.kind = .image
        file.metadata.hasEXIF = false
        file.metadata.width = width
        file.metadata.height = height
        #expect(Credibility.looksStripped(file) == flagged)
        file.metadata.hasEXIF = nil  // not known (e.g. too large to check whole): never flagged
        #expect(!Credibility.looksStripped(file))
    }

    @Test func aCorruptJPEGWithoutEXIFIsNotAlsoCalledStripped() throws {
        let bytes = F.jpeg(width: 1280, height: 960)
        let file = try inspect(dir.write("cut.jpg", Array(bytes.prefix(bytes.count / 2))))
        #expect(file.status == .corrupt)
        #expect(credibility(file).isEmpty)
    }

    // MARK: Hostile input

    @Test func aLyingXMPSegmentLengthEndsTheScanWithoutACrash() throws {
        // APP1 announces 65,535 bytes, the file ends after 200: libjpeg calls it corrupt, the scan stops.
        var segment = F.xmpAPP1(aigcPacket())
        segment[2] = 0xFF
        segment[3] = 0xFF
        let bytes = [0xFF, 0xD8] + segment + [UInt8](repeating: 0x20, count: 200)
        let file = try inspect(dir.write("lying.jpg", bytes))
        #expect(file.status == .corrupt)
        #expect(file.metadata.aigcLabel == nil)
        // A length below 2 and a truncated packet inside a valid segment.
        // libjpeg skips a length below 2 and reads on; so does the scan, or a label could hide behind it.
        var tiny = F.jpeg(width: 64, height: 64, segments: [[0xFF, 0xE1, 0x00, 0x01], F.xmpAPP1(aigcPacket())])
        let short = tiny.withUnsafeBytes { ContentCheck.run($0, as: .jpeg) }
        #expect(short.codes.isEmpty && short.metadata.width == 64)
        #expect(short.metadata.aigcLabel?.contentProducer == "001191101080000000000X00001")
        let packet = aigcPacket()
        let cut = String(packet.prefix(packet.count / 2 + 40))  // ends inside the AIGC element
        tiny = F.jpeg(width: 64, height: 64, segments: [F.xmpAPP1(cut)])
        let truncated = try inspect(dir.write("truncated-xmp.jpg", tiny))
        #expect(truncated.status == .ok)
        #expect(truncated.metadata.aigcLabel != nil)  // the namespace was declared: still the label
    }

    @Test func malformedXMPIsReadCarefully() {
        let hostile = [
            "<x:xmpmeta xmlns:TC260=\"\(F.tc260)\"><TC260:AIGC>&#xFFFFFFFF;&#55296;&bogus;&amp</TC260:AIGC>",
            "<rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"unterminated",
            String(repeating: "xmlns:a=\"", count: 20_000),
            "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"<xmp:CreatorTool>" + String(repeating: "&", count: 100_000),
            "xmlns:TC260='\(F.tc260)' <TC260:AIGC/> <TC260:AIGC>",
            // 500 prefixes for one namespace and 2,000 empty elements of each: only 4 prefixes are searched for.
            (0..<500).map { "xmlns:p\($0)='\(F.tc260)' " }.joined() + String(repeating: "<p1:AIGC></p1:AIGC>", count: 2_000),
        ]
        for text in hostile {
            let bytes = Array(text.utf8)
            let result = bytes.withUnsafeBufferPointer { XMPScanner.scan($0) }
            #expect(result.found)
            #expect(result.creatorTool == nil)
        }
        let label = Array(hostile[0].utf8).withUnsafeBufferPointer { XMPScanner.scan($0) }.aigcLabel
        #expect(label == AIGCLabel())
        #expect(XMPScanner.namespacePrefixes(Array(hostile[5].utf8))[F.tc260] == ["p0", "p1", "p2", "p3"])
        #expect(XMPScanner.decodeEntities(ArraySlice("a&lt;b&#x4E2D;&#25991;&quot;&unknown;&".utf8)) == "a<b中文\"&unknown;&")
    }

    @Test func aHugeXMPIsReadOnlyUpToItsBound() throws {
        // 3 MiB of padding in a PNG iTXt: a label after the first MiB is not looked for, one before is.
        let padding = String(repeating: " ", count: 3 << 20)
        let late = F.png(fixture("inspect/screenshot.png"), inserting: [F.pngITXt(keyword: "XML:com.adobe.xmp", padding + aigcPacket())])
        let early = F.png(fixture("inspect/screenshot.png"), inserting: [F.pngITXt(keyword: "XML:com.adobe.xmp", aigcPacket() + padding)])
        let lateFile = try inspect(dir.write("late.png", late))
        let earlyFile = try inspect(dir.write("early.png", early))
        #expect(lateFile.status == .ok && earlyFile.status == .ok)
        #expect(lateFile.metadata.aigcLabel == nil)
        #expect(earlyFile.metadata.aigcLabel?.contentProducer == "001191101080000000000X00001")
    }

    @Test func aPNGChunkLengthPastTheEndIsCorruptAndScannedSafely() throws {
        var chunk = F.pngITXt(keyword: "XML:com.adobe.xmp", aigcPacket())
        chunk.replaceSubrange(0..<4, with: be32(0x7FFF_0000))
        let file = try inspect(dir.write("lying.png", F.png(fixture("inspect/screenshot.png"), inserting: [chunk])))
        #expect(file.status == .corrupt)
        #expect(file.metadata.aigcLabel == nil)
        chunk.replaceSubrange(0..<4, with: be32(0xFFFF_FFF0))  // beyond PNG's 2^31 - 1
        let beyond = try inspect(dir.write("beyond.png", F.png(fixture("inspect/screenshot.png"), inserting: [chunk])))
        #expect(beyond.status == .corrupt)
    }

    @Test func byteFlipsInTheMetadataSegmentsNeverCrash() {
        let segments = [jpegSegment(), F.xmpAPP1(aigcPacket()), F.jumbfAPP11(F.jumbf())]
        let bytes = F.jpeg(width: 64, height: 64, segments: segments)
        let whole = bytes.withUnsafeBytes { ContentCheck.run($0, as: .jpeg, chunkSize: 61) }
        #expect(whole.codes.isEmpty)
        #expect(whole.metadata.editedWith == "Adobe Photoshop" && whole.metadata.c2paManifest == true)
        #expect(whole.metadata.aigcLabel?.contentProducer == "001191101080000000000X00001")
        // Every byte of every metadata segment flipped in turn: lengths, markers, names, quotes.
        let end = 2 + segments.map(\.count).reduce(0, +)
        var checked = 0
        for index in 2..<end {
            var damaged = bytes
            damaged[index] ^= 0xFF
            _ = damaged.withUnsafeBytes { ContentCheck.run($0, as: .jpeg, chunkSize: 61) }
            checked += 1
        }
        #expect(checked == end - 2 && checked > 800)
    }

    func jpegSegment() -> [UInt8] { F.exifAPP1([(0x0131, "Adobe Photoshop 25.0")]) }

    // MARK: The record in JSON

    @Test func theRecordIsInTheJSONWithSnakeCaseKeys() throws {
        let bytes = F.jpeg(width: 320, height: 240, segments: [
            F.exifAPP1([(0x0131, "Adobe Photoshop 25.0 (Windows)")]),
            F.xmpAPP1(F.xmp(namespaces: [("xmp", "http://ns.adobe.com/xap/1.0/"), ("TC260", F.tc260)],
                            attributes: "xmp:CreatorTool=\"Adobe Photoshop 25.0 (Windows)\"",
                            elements: "<TC260:AIGC>\(F.aigcJSON(producer: "p"))</TC260:AIGC>")),
            F.jumbfAPP11(F.jumbf()),
        ])
        let file = try inspect(dir.write("all.jpg", bytes))
        #expect(Set(credibility(file)) == ["credibility.edited", "credibility.aigc-label", "credibility.c2pa-present"])
        #expect(file.status == .ok)  // warnings, never refusals
        let json = try #require(try JSONSerialization.jsonObject(with: EvidenceJSON.encoder().encode(file)) as? [String: Any])
        let metadata = try #require(json["metadata"] as? [String: Any])
        #expect(metadata["has_exif"] as? Bool == true)
        #expect(metadata["software"] as? String == "Adobe Photoshop 25.0 (Windows)")
        #expect(metadata["creator_tool"] as? String == "Adobe Photoshop 25.0 (Windows)")
        #expect(metadata["edited_with"] as? String == "Adobe Photoshop")
        #expect(metadata["c2pa_manifest"] as? Bool == true)
        let label = try #require(metadata["aigc_label"] as? [String: Any])
        #expect(label["label"] as? String == "1" && label["content_producer"] as? String == "p" && label["produce_id"] as? String == "20261106-0001")
    }
}

extension Array where Element == UInt8 {
    /// A JPEG with `segment` inserted right after SOI.
    func inserting(_ segment: [UInt8]) -> [UInt8] { [0xFF, 0xD8] + segment + self[2...] }
}

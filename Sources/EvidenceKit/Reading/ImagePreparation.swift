internal import CTesseract

/// How an image is prepared for Tesseract (Leptonica only). The defaults are what measured best
/// on the screenshot fixtures (Docs/PERFORMANCE.md, "Reading"); the other settings exist so that
/// the benchmark can show what each step is worth.
@_spi(Bench) public struct ImagePreparation: Sendable, Hashable {
    /// How colour becomes grey.
    public enum Grey: String, Sendable, Hashable {
        /// Colour given to Tesseract as is (it converts to grey itself).
        case none
        /// Luminance (Leptonica's default weights).
        case luminance
        /// The darkest channel of each pixel: saturated backgrounds (blue and green chat bubbles,
        /// an orange banner) become dark while white text stays white, and black text on them
        /// stays black.
        case minChannel = "min-channel"
    }

    public var grey: Grey = .luminance
    /// Invert the grey image when its mean is dark (dark mode), so text is dark on light.
    public var invertDark: Bool = true
    /// Scale so the image is at most this many pixels wide (never enlarged); 0: keep the size.
    /// Phone screenshots are 1080-1440 px wide with text ~40 px high: 540 halves a 1080 px
    /// screenshot (text ~20 px high).
    public var targetWidth: Int = 540
    /// Leptonica's local contrast normalisation before recognition.
    public var contrastNormalise: Bool = false
    /// Tesseract's page segmentation mode (6: one uniform block, rows stay rows; 4: one column of
    /// variable sizes; 3: automatic layout, which splits label and value columns).
    public var pageSegmentation: Int = 6

    public init() {}

    /// Bump when the preparation code changes what it produces (part of the cache key).
    static let version = 1

    /// Goes into the cache key: a change of preparation must not reuse old results.
    var cacheTag: String {
        "grey=\(grey.rawValue),invert=\(invertDark),width=\(targetWidth),cn=\(contrastNormalise),psm=\(pageSegmentation)"
    }
}

/// A Leptonica image owned by Swift (destroyed with the value).
final class LeptImage {
    private(set) var pix: UnsafeMutablePointer<PIX>

    init?(_ pix: UnsafeMutablePointer<PIX>?) {
        guard let pix else { return nil }
        self.pix = pix
    }

    deinit {
        var p: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&p)
    }

    var width: Int { Int(pixGetWidth(pix)) }
    var height: Int { Int(pixGetHeight(pix)) }
    var depth: Int { Int(pixGetDepth(pix)) }

    /// Decodes an image from memory (PNG, JPEG, WebP, GIF, TIFF, BMP...).
    static func decode(_ bytes: [UInt8]) -> LeptImage? {
        bytes.withUnsafeBufferPointer { LeptImage(pixReadMem($0.baseAddress, $0.count)) }
    }

    /// The image's dimensions from its header alone (nothing is decoded), or nil when Leptonica
    /// does not know the format.
    static func dimensions(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        var format: Int32 = 0, w: Int32 = 0, h: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, cmap: Int32 = 0
        let ok = bytes.withUnsafeBufferPointer { pixReadHeaderMem($0.baseAddress, $0.count, &format, &w, &h, &bps, &spp, &cmap) }
        guard ok == 0, w > 0, h > 0 else { return nil }
        return (Int(w), Int(h))
    }

    /// Applies `preparation`; nil when Leptonica fails (out of memory, odd depth).
    func prepared(_ preparation: ImagePreparation) -> LeptImage? {
        var current: LeptImage = self
        if preparation.grey != .none || preparation.invertDark || preparation.contrastNormalise {
            // Grey first: every later step works on 8 bits.
            let grey: UnsafeMutablePointer<PIX>?
            if preparation.grey == .minChannel, depth == 32 {
                grey = pixConvertRGBToGrayMinMax(current.pix, Int32(L_CHOOSE_MIN))
            } else {
                grey = pixConvertTo8(current.pix, 0)
            }
            guard let g = LeptImage(grey) else { return nil }
            current = g
        }
        if preparation.targetWidth > 0, current.width > preparation.targetWidth {
            let factor = Float(preparation.targetWidth) / Float(current.width)
            guard let scaled = LeptImage(pixScale(current.pix, factor, factor)) else { return nil }
            current = scaled
        }
        if preparation.invertDark, current.depth == 8 {
            var mean: Float = 255
            if pixGetAverageMasked(current.pix, nil, 0, 0, 4, Int32(L_MEAN_ABSVAL), &mean) == 0, mean < 110 {
                guard let inverted = LeptImage(pixInvert(nil, current.pix)) else { return nil }
                current = inverted
            }
        }
        if preparation.contrastNormalise, current.depth == 8 {
            guard let normalised = LeptImage(pixContrastNorm(nil, current.pix, 50, 50, 40, 2, 2)) else { return nil }
            current = normalised
        }
        return current
    }
}

import Foundation
import EvidenceKit

/// Whether this build reads what the evidence says (the reading pass fills
/// ``InspectedFile/reading``): end-to-end tests of roles and facts from content are
/// `.enabled(if: ReadingProbe.readsContent)`, so that they show as skips where it does not.
public enum ReadingProbe {
    /// True when the order-detail fixture is read as an order screenshot with its order number.
    public static let readsContent: Bool = {
        var options = ReadingOptions()
        options.cache = false
        let path = ScreenshotFixtures.path("order-01.png")
        guard let file = try? ReadingPass.inspectFiles([path], describing: false, reading: options).first else { return false }
        return file.reading?.fact(.orderNumber)?.value == "946799918587044260"
    }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs code with the calling thread's `LC_CTYPE` set to UTF-8. libarchive converts entry
/// names through the thread's locale: in Swift's default "C" locale it drops the zip UTF-8 flag,
/// returns no UTF-8 names on read and can crash writing pax headers. `uselocale` is per thread,
/// so this is safe under concurrency and leaves the process locale alone.
enum UTF8Locale {
    static func run<T>(_ body: () throws -> T) rethrows -> T {
        guard let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) ?? newlocale(LC_CTYPE_MASK, "en_US.UTF-8", nil) else {
            return try body()
        }
        let previous = uselocale(utf8)
        defer {
            uselocale(previous)
            freelocale(utf8)
        }
        return try body()
    }
}

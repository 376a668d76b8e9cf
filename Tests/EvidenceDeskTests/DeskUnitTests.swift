@testable import EvidenceDesk
import EvidenceKit
import Foundation
import Testing

@Suite("Desk values: CSV quoting, timestamps, migrations, placeholders")
struct DeskUnitTests {
    @Test("CSV fields are quoted per RFC 4180 and formulas are defused")
    func csvFields() {
        #expect(DeskCSV.field("plain") == "plain")
        #expect(DeskCSV.field("a,b") == "\"a,b\"")
        #expect(DeskCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(DeskCSV.field("two\nlines") == "\"two\nlines\"")
        #expect(DeskCSV.field("=1+1") == "'=1+1")
        #expect(DeskCSV.field("-3") == "'-3")
        #expect(DeskCSV.line(["a", "b"]) == "a,b\r\n")
        #expect(Array(DeskCSV.document([]).prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test("timestamps are ISO 8601 UTC with microseconds, so that text order is time order")
    func timestamps() {
        let stamp = deskTimestamp(Date(timeIntervalSince1970: 1_764_374_400.25))
        #expect(stamp == "2025-11-29T00:00:00.250000Z")
        #expect(deskTimestamp(Date(timeIntervalSince1970: 1)) < deskTimestamp(Date(timeIntervalSince1970: 10)))
    }

    @Test("the migrations data file decodes; versions increase from 1")
    func migrations() {
        let versions = Migration.all.map(\.version)
        #expect(versions.first == 1)
        #expect(versions == versions.sorted() && Set(versions).count == versions.count)
        #expect(Migration.all.allSatisfy { !$0.statements.isEmpty })
    }

    @Test("PostgreSQL gets $n placeholders for the shared statements")
    func placeholders() {
        let query = PostgresDeskDatabase.query("SELECT a FROM t WHERE b = ? AND c = ?", [.text("x"), .integer(2)])
        #expect(query.sql == "SELECT a FROM t WHERE b = $1 AND c = $2")
        #expect(query.binds.count == 2)
    }

    @Test("tokens compare in constant time and only equal ones match")
    func constantTime() {
        #expect(DeskRecords.constantTimeEqual("abc", "abc"))
        #expect(!DeskRecords.constantTimeEqual("abc", "abd"))
        #expect(!DeskRecords.constantTimeEqual("abc", "abcd"))
    }
}

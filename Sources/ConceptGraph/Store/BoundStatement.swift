import GRDB
import GRDBSQLite

/// A prepared statement stepped through SQLite's C API, for the bulk loads that write millions of
/// rows and the lookups run once per record: values are bound one by one, with no argument array
/// or boxing per row.
struct BoundStatement {
    private let statement: Statement
    private let db: Database
    private var column: Int32 = 0

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// SQLite copies bound text at once (SQLITE_TRANSIENT, a macro Swift cannot import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: Int64) {
        column += 1
        sqlite3_bind_int64(statement.sqliteStatement, column, value)
    }

    mutating func bind(_ value: Int64?) {
        guard let value else {
            column += 1
            sqlite3_bind_null(statement.sqliteStatement, column)
            return
        }
        bind(value)
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }
    mutating func bind(_ value: Int32) { bind(Int64(value)) }
    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: Double) {
        column += 1
        sqlite3_bind_double(statement.sqliteStatement, column, value)
    }

    mutating func bind(_ value: String?) {
        column += 1
        guard let value else {
            sqlite3_bind_null(statement.sqliteStatement, column)
            return
        }
        if value.isEmpty {
            sqlite3_bind_text(statement.sqliteStatement, column, "", 0, Self.transient)
            return
        }
        var text = value
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(statement.sqliteStatement, column, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), Self.transient)
        }
    }

    /// Runs a query with the values bound since the last call: the first column of its first row
    /// as an integer, nil when it has no row.
    mutating func int64() throws -> Int64? {
        column = 0
        defer { sqlite3_reset(statement.sqliteStatement) }
        switch sqlite3_step(statement.sqliteStatement) {
        case SQLITE_ROW: return sqlite3_column_int64(statement.sqliteStatement, 0)
        case SQLITE_DONE: return nil
        case let code: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
    }

    /// Runs the statement with the values bound since the last row.
    mutating func step() throws {
        column = 0
        let code = sqlite3_step(statement.sqliteStatement)
        sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
    }
}

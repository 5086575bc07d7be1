using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// A full-text index over workflow names and purposes (SQLite FTS5 with the trigram tokenizer), so that
/// "contains" searches over 100,000 workflows answer from an index instead of scanning every row, and fold
/// case in every alphabet. It lives outside the EF model (EF does not model virtual tables); triggers keep it
/// in step with the Workflows table, whoever writes to it. On PostgreSQL the same searches use two trigram
/// (pg_trgm) GIN indexes on the lower-cased name and purpose, which PostgreSQL keeps in step itself.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122020000_WorkflowSearch")]
public sealed class WorkflowSearch : Migration
{
    public const string Table = "WorkflowSearch";

    /// <summary>The PostgreSQL indexes' names; their expressions are what <c>WorkflowInventory.Search</c> queries.</summary>
    public const string PostgresNameIndex = "IX_Workflows_Search_Name", PostgresPurposeIndex = "IX_Workflows_Search_Purpose";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (Providers.IsPostgres(ActiveProvider))
        {
            // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql($"""CREATE INDEX "{PostgresNameIndex}" ON "Workflows" USING gin (lower("Name"::text) gin_trgm_ops);""");
            migrationBuilder.Sql($"""CREATE INDEX "{PostgresPurposeIndex}" ON "Workflows" USING gin (lower("Purpose") gin_trgm_ops);""");
            return;
        }
        if (!Providers.IsSqlite(ActiveProvider))
        {
            return;
        }
        migrationBuilder.Sql($"""
            CREATE VIRTUAL TABLE "{Table}" USING fts5(
                "Name", "Purpose", content='Workflows', content_rowid='Id', tokenize='trigram case_sensitive 0');
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Workflows_Search_Insert" AFTER INSERT ON "Workflows" BEGIN
                INSERT INTO "{Table}"(rowid, "Name", "Purpose") VALUES (new."Id", new."Name", new."Purpose");
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Workflows_Search_Delete" AFTER DELETE ON "Workflows" BEGIN
                INSERT INTO "{Table}"("{Table}", rowid, "Name", "Purpose") VALUES ('delete', old."Id", old."Name", old."Purpose");
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Workflows_Search_Update" AFTER UPDATE OF "Name", "Purpose" ON "Workflows" BEGIN
                INSERT INTO "{Table}"("{Table}", rowid, "Name", "Purpose") VALUES ('delete', old."Id", old."Name", old."Purpose");
                INSERT INTO "{Table}"(rowid, "Name", "Purpose") VALUES (new."Id", new."Name", new."Purpose");
            END;
            """);
        migrationBuilder.Sql($"""INSERT INTO "{Table}"("{Table}") VALUES ('rebuild');""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (Providers.IsPostgres(ActiveProvider))
        {
            migrationBuilder.Sql($"""DROP INDEX IF EXISTS "{PostgresPurposeIndex}";""");
            migrationBuilder.Sql($"""DROP INDEX IF EXISTS "{PostgresNameIndex}";""");
            return;
        }
        if (!Providers.IsSqlite(ActiveProvider))
        {
            return;
        }
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Update";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Delete";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Insert";""");
        migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{Table}";""");
    }
}

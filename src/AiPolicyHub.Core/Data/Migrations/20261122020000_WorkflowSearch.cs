using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// A full-text index over workflow names and purposes (SQLite FTS5 with the trigram tokenizer), so that
/// "contains" searches over 100,000 workflows answer from an index instead of scanning every row, and fold
/// case in every alphabet. It lives outside the EF model (EF does not model virtual tables); triggers keep it
/// in step with the Workflows table, whoever writes to it.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122020000_WorkflowSearch")]
public sealed class WorkflowSearch : Migration
{
    public const string Table = "WorkflowSearch";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (ActiveProvider?.Contains("Sqlite", StringComparison.Ordinal) != true)
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
        if (ActiveProvider?.Contains("Sqlite", StringComparison.Ordinal) != true)
        {
            return;
        }
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Update";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Delete";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Insert";""");
        migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{Table}";""");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// An import indexes its new workflows for search right after its commit (<see cref="SearchCatchUp"/>), so for a few seconds
/// a stored workflow may not be in the SQLite full-text index yet. Removing from an external-content FTS5 index what it
/// does not hold corrupts it, so the update and delete triggers now remove a workflow's old text only when the index holds
/// the workflow (FTS5 keeps a row per indexed document in its <c>_docsize</c> table); an update indexes the new text either
/// way. Nothing changes on PostgreSQL, whose trigram indexes are ordinary indexes. Hand-written; no model change.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203700000_SearchCatchesUp")]
public sealed class SearchCatchesUp : Migration
{
    /// <summary>FTS5's table of indexed documents of <see cref="WorkflowSearch.Table"/>: one row per indexed workflow id.</summary>
    public const string IndexedDocuments = WorkflowSearch.Table + "_docsize";

    private static readonly string Held = $"""EXISTS (SELECT 1 FROM "{IndexedDocuments}" WHERE "id" = old."Id")""";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (!Providers.IsSqlite(ActiveProvider))
        {
            return;
        }
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Delete";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Update";""");
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Workflows_Search_Delete" AFTER DELETE ON "Workflows" WHEN {Held} BEGIN
                INSERT INTO "{WorkflowSearch.Table}"("{WorkflowSearch.Table}", rowid, "Name", "Purpose") VALUES ('delete', old."Id", old."Name", old."Purpose");
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Workflows_Search_Update" AFTER UPDATE OF "Name", "Purpose" ON "Workflows" BEGIN
                INSERT INTO "{WorkflowSearch.Table}"("{WorkflowSearch.Table}", rowid, "Name", "Purpose")
                    SELECT 'delete', old."Id", old."Name", old."Purpose" WHERE {Held};
                INSERT INTO "{WorkflowSearch.Table}"(rowid, "Name", "Purpose") VALUES (new."Id", new."Name", new."Purpose");
            END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!Providers.IsSqlite(ActiveProvider))
        {
            return;
        }
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Delete";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Workflows_Search_Update";""");
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Workflows_Search_Delete" AFTER DELETE ON "Workflows" BEGIN
                INSERT INTO "{WorkflowSearch.Table}"("{WorkflowSearch.Table}", rowid, "Name", "Purpose") VALUES ('delete', old."Id", old."Name", old."Purpose");
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Workflows_Search_Update" AFTER UPDATE OF "Name", "Purpose" ON "Workflows" BEGIN
                INSERT INTO "{WorkflowSearch.Table}"("{WorkflowSearch.Table}", rowid, "Name", "Purpose") VALUES ('delete', old."Id", old."Name", old."Purpose");
                INSERT INTO "{WorkflowSearch.Table}"(rowid, "Name", "Purpose") VALUES (new."Id", new."Name", new."Purpose");
            END;
            """);
    }
}

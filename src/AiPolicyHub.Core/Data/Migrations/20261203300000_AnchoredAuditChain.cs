using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// The audit chain's sealed head and its checkpoints, outside the audit table. The head of an existing chain is sealed
/// by <see cref="DatabaseInitializer"/> right after this migration (a migration has no key). Hand-written; see Initial.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203300000_AnchoredAuditChain")]
public sealed class AnchoredAuditChain : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditChainHeads",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                EntryCount = table.Column<long>(nullable: false),
                LastEntryId = table.Column<long>(nullable: false),
                LastHash = table.Column<string>(maxLength: 64, nullable: false),
                KeyedFromEntryId = table.Column<long>(nullable: false),
                KeyId = table.Column<string>(maxLength: 16, nullable: false),
                Mac = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditChainHeads", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AuditCheckpoints",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                At = table.Column<DateTime>(nullable: false),
                EntryCount = table.Column<long>(nullable: false),
                LastEntryId = table.Column<long>(nullable: false),
                LastHash = table.Column<string>(maxLength: 64, nullable: false),
                KeyedFromEntryId = table.Column<long>(nullable: false),
                KeyId = table.Column<string>(maxLength: 16, nullable: false),
                Mac = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditCheckpoints", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AuditCheckpoints");
        migrationBuilder.DropTable("AuditChainHeads");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// Imports: the id another system knows a workflow or tool by (so a re-import updates instead of duplicating), and
/// the named column mappings users save. Hand-written; see Initial.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201010000_Imports")]
public sealed class Imports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ExternalId", table: "Workflows", maxLength: 200, nullable: true);
        migrationBuilder.CreateIndex("IX_Workflows_ExternalId", "Workflows", "ExternalId");
        migrationBuilder.AddColumn<string>(name: "ExternalId", table: "Tools", maxLength: 200, nullable: true);
        migrationBuilder.CreateIndex("IX_Tools_ExternalId", "Tools", "ExternalId");

        migrationBuilder.CreateTable(
            name: "ImportPresets",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Target = table.Column<int>(nullable: false),
                MappingJson = table.Column<string>(nullable: false),
                SavedBy = table.Column<string>(maxLength: 256, nullable: false),
                SavedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ImportPresets", x => x.Id));
        migrationBuilder.CreateIndex("IX_ImportPresets_Name", "ImportPresets", "Name", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ImportPresets");
        migrationBuilder.DropIndex("IX_Tools_ExternalId", "Tools");
        migrationBuilder.DropColumn(name: "ExternalId", table: "Tools");
        migrationBuilder.DropIndex("IX_Workflows_ExternalId", "Workflows");
        migrationBuilder.DropColumn(name: "ExternalId", table: "Workflows");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// The key an import builds from chosen columns when a file has no id (several columns combined, or a fingerprint), kept
/// apart from the external id so that is only ever written from an id column. Hand-written; see Initial.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203600000_ImportKeys")]
public sealed class ImportKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ImportKey", table: "Workflows", maxLength: 200, nullable: true);
        migrationBuilder.CreateIndex("IX_Workflows_ImportKey", "Workflows", "ImportKey");
        migrationBuilder.AddColumn<string>(name: "ImportKey", table: "Tools", maxLength: 200, nullable: true);
        migrationBuilder.CreateIndex("IX_Tools_ImportKey", "Tools", "ImportKey");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Tools_ImportKey", "Tools");
        migrationBuilder.DropColumn(name: "ImportKey", table: "Tools");
        migrationBuilder.DropIndex("IX_Workflows_ImportKey", "Workflows");
        migrationBuilder.DropColumn(name: "ImportKey", table: "Workflows");
    }
}

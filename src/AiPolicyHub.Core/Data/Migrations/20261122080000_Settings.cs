using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>Organisation-wide settings stored as JSON by key (the risk thresholds first). Hand-written; see Initial.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122080000_Settings")]
public sealed class Settings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "Settings",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Json = table.Column<string>(maxLength: 4000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Settings", x => x.Key));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Settings");
}

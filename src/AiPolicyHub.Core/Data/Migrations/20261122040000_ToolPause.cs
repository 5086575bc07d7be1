using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>Compliance can pause a tool, with the reason. Hand-written; see Initial.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122040000_ToolPause")]
public sealed class ToolPause : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "PausedReason", table: "Tools", maxLength: 1000, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "PausedReason", table: "Tools");
}

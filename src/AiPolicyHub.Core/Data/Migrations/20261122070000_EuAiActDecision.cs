using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>A compliance officer's decision on a workflow's EU AI Act category, with the reason. Hand-written; see Initial.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122070000_EuAiActDecision")]
public sealed class EuAiActDecision : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "EuAiActCategory", table: "Workflows", nullable: true);
        migrationBuilder.AddColumn<string>(name: "EuAiActJustification", table: "Workflows", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "EuAiActDecidedBy", table: "Workflows", maxLength: 256, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "EuAiActDecidedAt", table: "Workflows", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var column in new[] { "EuAiActCategory", "EuAiActJustification", "EuAiActDecidedBy", "EuAiActDecidedAt" })
        {
            migrationBuilder.DropColumn(name: column, table: "Workflows");
        }
    }
}

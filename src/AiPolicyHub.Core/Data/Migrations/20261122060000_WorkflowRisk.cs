using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// Each workflow's residual risk, kept on its row for the dashboard and filters. Existing rows start at 0 ("not
/// assessed") and are assessed at start-up by <see cref="Risk.RiskIndex"/>. Hand-written; see Initial.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122060000_WorkflowRisk")]
public sealed class WorkflowRisk : Migration
{
    private static readonly string[] Columns = ["RiskLikelihood", "RiskImpact", "RiskScore", "RiskTier"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var column in Columns)
        {
            migrationBuilder.AddColumn<int>(name: column, table: "Workflows", nullable: false, defaultValue: 0);
        }
        migrationBuilder.CreateIndex("IX_Workflows_RiskLikelihood_RiskImpact", "Workflows", ["RiskLikelihood", "RiskImpact"]);
        migrationBuilder.CreateIndex("IX_Workflows_RiskScore", "Workflows", "RiskScore");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Workflows_RiskScore", "Workflows");
        migrationBuilder.DropIndex("IX_Workflows_RiskLikelihood_RiskImpact", "Workflows");
        foreach (var column in Columns)
        {
            migrationBuilder.DropColumn(name: column, table: "Workflows");
        }
    }
}

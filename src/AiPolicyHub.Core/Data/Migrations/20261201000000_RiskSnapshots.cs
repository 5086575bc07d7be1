using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>One row a day of the dashboard's headline figures, for its trends. Hand-written; see Initial.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201000000_RiskSnapshots")]
public sealed class RiskSnapshots : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "RiskSnapshots",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                Date = table.Column<DateOnly>(nullable: false),
                Workflows = table.Column<int>(nullable: false),
                Low = table.Column<int>(nullable: false),
                Medium = table.Column<int>(nullable: false),
                High = table.Column<int>(nullable: false),
                Critical = table.Column<int>(nullable: false),
                OverdueReviews = table.Column<int>(nullable: false),
                PausedWorkflows = table.Column<int>(nullable: false),
                OpenFindings = table.Column<int>(nullable: false),
                RecordedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RiskSnapshots", x => x.Id));
        migrationBuilder.CreateIndex("IX_RiskSnapshots_Date", "RiskSnapshots", "Date", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("RiskSnapshots");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>Rule settings an administrator changed, and exceptions compliance granted. Hand-written; see Initial.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122030000_Rules")]
public sealed class Rules : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "RuleSettings",
            columns: table => new
            {
                RuleId = table.Column<string>(maxLength: 100, nullable: false),
                Enabled = table.Column<bool>(nullable: false),
                ParametersJson = table.Column<string>(maxLength: 4000, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RuleSettings", x => x.RuleId));

        migrationBuilder.CreateTable(
            name: "RuleExceptions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                WorkflowId = table.Column<int>(nullable: false),
                RuleId = table.Column<string>(maxLength: 100, nullable: false),
                Justification = table.Column<string>(maxLength: 2000, nullable: false),
                ExpiresOn = table.Column<DateOnly>(nullable: false),
                GrantedById = table.Column<string>(maxLength: 450, nullable: false),
                GrantedByName = table.Column<string>(maxLength: 256, nullable: false),
                GrantedAt = table.Column<DateTime>(nullable: false),
                RevokedAt = table.Column<DateTime>(nullable: true),
                RevokedByName = table.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RuleExceptions", x => x.Id);
                table.ForeignKey("FK_RuleExceptions_Workflows_WorkflowId", x => x.WorkflowId, "Workflows", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_RuleExceptions_WorkflowId_RuleId", "RuleExceptions", ["WorkflowId", "RuleId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("RuleExceptions");
        migrationBuilder.DropTable("RuleSettings");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>Managers' changes to tools that compliance decided on, waiting for compliance. Hand-written; see Initial.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203400000_ToolChangeProposals")]
public sealed class ToolChangeProposals : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ToolChangeProposals",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                ToolId = table.Column<int>(nullable: false),
                BaseVersion = table.Column<int>(nullable: false),
                FormJson = table.Column<string>(nullable: false),
                ChangesJson = table.Column<string>(nullable: false),
                ProposedById = table.Column<string>(maxLength: 450, nullable: false),
                ProposedByName = table.Column<string>(maxLength: 256, nullable: false),
                ProposedAt = table.Column<DateTime>(nullable: false),
                State = table.Column<int>(nullable: false),
                DecidedById = table.Column<string>(maxLength: 450, nullable: true),
                DecidedByName = table.Column<string>(maxLength: 256, nullable: true),
                DecidedAt = table.Column<DateTime>(nullable: true),
                DecisionNote = table.Column<string>(maxLength: 2000, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ToolChangeProposals", x => x.Id);
                table.ForeignKey("FK_ToolChangeProposals_Tools_ToolId", x => x.ToolId, "Tools", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ToolChangeProposals_ToolId_State", "ToolChangeProposals", ["ToolId", "State"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("ToolChangeProposals");
}

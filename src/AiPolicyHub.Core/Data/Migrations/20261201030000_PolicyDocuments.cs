using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// The policy document: its draft, its published (immutable) versions, who acknowledged which, and the department each
/// user works in (for acknowledgement rates by department). Hand-written; see Initial.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201030000_PolicyDocuments")]
public sealed class PolicyDocuments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PolicyDrafts",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                SectionsJson = table.Column<string>(nullable: false),
                Version = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedByName = table.Column<string>(maxLength: 256, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PolicyDrafts", x => x.Id));

        migrationBuilder.CreateTable(
            name: "PolicyVersions",
            columns: table => new
            {
                Number = table.Column<int>(nullable: false),
                PublishedAt = table.Column<DateTime>(nullable: false),
                ApprovedById = table.Column<string>(maxLength: 450, nullable: false),
                ApprovedByName = table.Column<string>(maxLength: 256, nullable: false),
                ChangeSummary = table.Column<string>(maxLength: 2000, nullable: false),
                ContentJson = table.Column<string>(nullable: false),
                ContentHash = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PolicyVersions", x => x.Number));

        migrationBuilder.CreateTable(
            name: "PolicyAcknowledgements",
            columns: table => new
            {
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                VersionNumber = table.Column<int>(nullable: false),
                AcknowledgedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PolicyAcknowledgements", x => new { x.UserId, x.VersionNumber });
                table.ForeignKey("FK_PolicyAcknowledgements_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PolicyAcknowledgements_PolicyVersions_VersionNumber", x => x.VersionNumber, "PolicyVersions", "Number",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PolicyAcknowledgements_VersionNumber", "PolicyAcknowledgements", "VersionNumber");

        migrationBuilder.AddColumn<int>(name: "DepartmentId", table: "AspNetUsers", nullable: true);
        migrationBuilder.CreateIndex("IX_AspNetUsers_DepartmentId", "AspNetUsers", "DepartmentId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AspNetUsers_DepartmentId", "AspNetUsers");
        migrationBuilder.DropColumn(name: "DepartmentId", table: "AspNetUsers");
        migrationBuilder.DropTable("PolicyAcknowledgements");
        migrationBuilder.DropTable("PolicyVersions");
        migrationBuilder.DropTable("PolicyDrafts");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>
    /// The ISO/IEC 42001 Statement of Applicability: each Annex A control's decision (applicability, justification,
    /// implementation status, owner), and the published versions, frozen whole.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261206100000_StatementOfApplicability")]
    public sealed class StatementOfApplicability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SoaControlEntries",
                columns: table => new
                {
                    ControlCode = table.Column<string>(maxLength: 20, nullable: false),
                    Applicable = table.Column<bool>(nullable: false),
                    Justification = table.Column<string>(maxLength: 2000, nullable: false),
                    Status = table.Column<int>(nullable: false),
                    OwnerId = table.Column<string>(maxLength: 450, nullable: true),
                    Version = table.Column<int>(nullable: false),
                    UpdatedAt = table.Column<System.DateTime>(nullable: false),
                    UpdatedByName = table.Column<string>(maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SoaControlEntries", x => x.ControlCode);
                    table.ForeignKey(
                        name: "FK_SoaControlEntries_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SoaVersions",
                columns: table => new
                {
                    Number = table.Column<int>(nullable: false),
                    PublishedAt = table.Column<System.DateTime>(nullable: false),
                    PublishedById = table.Column<string>(maxLength: 450, nullable: false),
                    PublishedByName = table.Column<string>(maxLength: 256, nullable: false),
                    ChangeSummary = table.Column<string>(maxLength: 2000, nullable: false),
                    ContentJson = table.Column<string>(nullable: false),
                    ContentHash = table.Column<string>(maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SoaVersions", x => x.Number);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SoaControlEntries_OwnerId",
                table: "SoaControlEntries",
                column: "OwnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SoaControlEntries");

            migrationBuilder.DropTable(
                name: "SoaVersions");
        }
    }
}

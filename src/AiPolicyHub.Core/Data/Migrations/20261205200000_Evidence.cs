using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>Evidence (files and links) attached to records, with its file versions and their bytes in a table of their own.</summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261205200000_Evidence")]
    public sealed class EvidenceRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Evidence",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    SubjectKind = table.Column<int>(nullable: false),
                    SubjectId = table.Column<int>(nullable: false),
                    Kind = table.Column<int>(nullable: false),
                    Description = table.Column<string>(maxLength: 500, nullable: false),
                    Url = table.Column<string>(maxLength: 2000, nullable: true),
                    OwnerId = table.Column<string>(maxLength: 450, nullable: true),
                    ProducedOn = table.Column<DateOnly>(nullable: false),
                    ExpiresOn = table.Column<DateOnly>(nullable: true),
                    CurrentFileVersion = table.Column<int>(nullable: false),
                    AddedById = table.Column<string>(maxLength: 450, nullable: false),
                    AddedByName = table.Column<string>(maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTime>(nullable: false),
                    ChangedAt = table.Column<DateTime>(nullable: false),
                    Version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evidence_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceFileVersions",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    EvidenceId = table.Column<int>(nullable: false),
                    Number = table.Column<int>(nullable: false),
                    FileName = table.Column<string>(maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(nullable: false),
                    Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                    UploadedById = table.Column<string>(maxLength: 450, nullable: false),
                    UploadedByName = table.Column<string>(maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFileVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceFileVersions_Evidence_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "Evidence",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceFileContents",
                columns: table => new
                {
                    VersionId = table.Column<int>(nullable: false),
                    Bytes = table.Column<byte[]>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFileContents", x => x.VersionId);
                    table.ForeignKey(
                        name: "FK_EvidenceFileContents_EvidenceFileVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "EvidenceFileVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_ExpiresOn",
                table: "Evidence",
                column: "ExpiresOn");

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_OwnerId",
                table: "Evidence",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_SubjectKind_SubjectId",
                table: "Evidence",
                columns: new[] { "SubjectKind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFileVersions_EvidenceId_Number",
                table: "EvidenceFileVersions",
                columns: new[] { "EvidenceId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvidenceFileContents");

            migrationBuilder.DropTable(
                name: "EvidenceFileVersions");

            migrationBuilder.DropTable(
                name: "Evidence");
        }
    }
}

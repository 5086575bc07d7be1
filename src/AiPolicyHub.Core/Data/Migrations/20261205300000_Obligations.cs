using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>
    /// EU AI Act obligations: each workflow's operator role (deployer for existing rows), high-risk area, public service and
    /// transparency measure; fundamental rights impact assessments; the obligations tables administrators upload; serious
    /// incidents (Art. 73) and the notices sent about them.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261205300000_Obligations")]
    public sealed class Obligations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FriaVersion",
                table: "Workflows",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "HighRiskArea",
                table: "Workflows",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OperatorRole",
                table: "Workflows",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "ProvidesPublicService",
                table: "Workflows",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TransparencyMeasure",
                table: "Workflows",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "AwareOn",
                table: "Incidents",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SeriousKind",
                table: "Incidents",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FriaAssessments",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    WorkflowId = table.Column<int>(nullable: false),
                    Version = table.Column<int>(nullable: false),
                    ProcessDescription = table.Column<string>(maxLength: 4000, nullable: false),
                    PeriodAndFrequency = table.Column<string>(maxLength: 4000, nullable: false),
                    AffectedGroups = table.Column<string>(maxLength: 4000, nullable: false),
                    RisksOfHarm = table.Column<string>(maxLength: 4000, nullable: false),
                    OversightMeasures = table.Column<string>(maxLength: 4000, nullable: false),
                    MitigationAndComplaints = table.Column<string>(maxLength: 4000, nullable: false),
                    DpiaReference = table.Column<string>(maxLength: 500, nullable: false),
                    DpiaNote = table.Column<string>(maxLength: 2000, nullable: false),
                    SavedById = table.Column<string>(maxLength: 450, nullable: false),
                    SavedByName = table.Column<string>(maxLength: 256, nullable: false),
                    SavedAt = table.Column<DateTime>(nullable: false),
                    AuthorityNotifiedOn = table.Column<DateOnly>(nullable: true),
                    AuthorityReference = table.Column<string>(maxLength: 200, nullable: false),
                    AuthorityRecordedByName = table.Column<string>(maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FriaAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FriaAssessments_Workflows_WorkflowId",
                        column: x => x.WorkflowId,
                        principalTable: "Workflows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncidentNotices",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    IncidentId = table.Column<int>(nullable: false),
                    Recipient = table.Column<int>(nullable: false),
                    RecipientName = table.Column<string>(maxLength: 200, nullable: false),
                    SentOn = table.Column<DateOnly>(nullable: false),
                    Reference = table.Column<string>(maxLength: 200, nullable: false),
                    RecordedById = table.Column<string>(maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentNotices_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ObligationTableVersions",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    Number = table.Column<int>(nullable: false),
                    Title = table.Column<string>(maxLength: 200, nullable: false),
                    Edition = table.Column<DateOnly>(nullable: false),
                    Json = table.Column<string>(nullable: false),
                    UploadedById = table.Column<string>(maxLength: 450, nullable: false),
                    UploadedByName = table.Column<string>(maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObligationTableVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FriaAssessments_WorkflowId_Version",
                table: "FriaAssessments",
                columns: new[] { "WorkflowId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentNotices_IncidentId",
                table: "IncidentNotices",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_ObligationTableVersions_Number",
                table: "ObligationTableVersions",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FriaAssessments");

            migrationBuilder.DropTable(
                name: "IncidentNotices");

            migrationBuilder.DropTable(
                name: "ObligationTableVersions");

            migrationBuilder.DropColumn(
                name: "FriaVersion",
                table: "Workflows");

            migrationBuilder.DropColumn(
                name: "HighRiskArea",
                table: "Workflows");

            migrationBuilder.DropColumn(
                name: "OperatorRole",
                table: "Workflows");

            migrationBuilder.DropColumn(
                name: "ProvidesPublicService",
                table: "Workflows");

            migrationBuilder.DropColumn(
                name: "TransparencyMeasure",
                table: "Workflows");

            migrationBuilder.DropColumn(
                name: "AwareOn",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SeriousKind",
                table: "Incidents");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>
    /// Reviews as records: each workflow review with its checklist answers, the administrator's checklists by risk tier, and
    /// owner attestation campaigns with their items. Reviews recorded before this stay in the workflows' history, which the
    /// review register reads alongside the records.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261206200000_Reviews")]
    public sealed class Reviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AttestationCampaigns",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    Title = table.Column<string>(maxLength: 200, nullable: false),
                    DepartmentId = table.Column<int>(nullable: true),
                    DueOn = table.Column<DateOnly>(nullable: false),
                    StartedById = table.Column<string>(maxLength: 450, nullable: false),
                    StartedByName = table.Column<string>(maxLength: 256, nullable: false),
                    StartedAt = table.Column<DateTime>(nullable: false),
                    ClosedAt = table.Column<DateTime>(nullable: true),
                    ClosedByName = table.Column<string>(maxLength: 256, nullable: true),
                    Version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttestationCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AttestationCampaigns_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewChecklists",
                columns: table => new
                {
                    Tier = table.Column<int>(nullable: false),
                    Items = table.Column<string>(maxLength: 9030, nullable: false),
                    ChangedByName = table.Column<string>(maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTime>(nullable: false),
                    Version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewChecklists", x => x.Tier);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowReviews",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    WorkflowId = table.Column<int>(nullable: false),
                    WorkflowName = table.Column<string>(maxLength: 200, nullable: false),
                    DepartmentId = table.Column<int>(nullable: false),
                    ReviewedById = table.Column<string>(maxLength: 450, nullable: false),
                    ReviewedByName = table.Column<string>(maxLength: 256, nullable: false),
                    ReviewedAt = table.Column<DateTime>(nullable: false),
                    Tier = table.Column<int>(nullable: false),
                    Outcome = table.Column<int>(nullable: false),
                    Notes = table.Column<string>(maxLength: 2000, nullable: true),
                    NextReviewDate = table.Column<DateOnly>(nullable: false),
                    AuditEntryId = table.Column<long>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowReviews_Workflows_WorkflowId",
                        column: x => x.WorkflowId,
                        principalTable: "Workflows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Attestations",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    CampaignId = table.Column<int>(nullable: false),
                    SubjectKind = table.Column<int>(nullable: false),
                    SubjectId = table.Column<int>(nullable: false),
                    SubjectName = table.Column<string>(maxLength: 200, nullable: false),
                    DepartmentId = table.Column<int>(nullable: true),
                    OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                    Answer = table.Column<int>(nullable: false),
                    AnsweredAt = table.Column<DateTime>(nullable: true),
                    Note = table.Column<string>(maxLength: 2000, nullable: true),
                    Version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attestations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attestations_AttestationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "AttestationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowReviewAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    ReviewId = table.Column<int>(nullable: false),
                    Position = table.Column<int>(nullable: false),
                    Item = table.Column<string>(maxLength: 300, nullable: false),
                    Answer = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowReviewAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowReviewAnswers_WorkflowReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "WorkflowReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AttestationCampaigns_DepartmentId",
                table: "AttestationCampaigns",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_AttestationCampaigns_StartedAt",
                table: "AttestationCampaigns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Attestations_CampaignId_SubjectKind_SubjectId",
                table: "Attestations",
                columns: new[] { "CampaignId", "SubjectKind", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Attestations_OwnerId_Answer",
                table: "Attestations",
                columns: new[] { "OwnerId", "Answer" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowReviewAnswers_ReviewId_Position",
                table: "WorkflowReviewAnswers",
                columns: new[] { "ReviewId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowReviews_AuditEntryId",
                table: "WorkflowReviews",
                column: "AuditEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowReviews_ReviewedAt",
                table: "WorkflowReviews",
                column: "ReviewedAt");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowReviews_WorkflowId_ReviewedAt",
                table: "WorkflowReviews",
                columns: new[] { "WorkflowId", "ReviewedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attestations");

            migrationBuilder.DropTable(
                name: "ReviewChecklists");

            migrationBuilder.DropTable(
                name: "WorkflowReviewAnswers");

            migrationBuilder.DropTable(
                name: "AttestationCampaigns");

            migrationBuilder.DropTable(
                name: "WorkflowReviews");
        }
    }
}

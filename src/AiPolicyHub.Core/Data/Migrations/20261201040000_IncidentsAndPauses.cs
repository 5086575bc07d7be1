using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// Incidents, pauses kept as records with their cause and restart checklist, and in-app notifications. Workflows already
/// paused get a pause record, so they can be restarted through the checklist. Hand-written; see Initial.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201040000_IncidentsAndPauses")]
public sealed class IncidentsAndPauses : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Incidents",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                WorkflowId = table.Column<int>(nullable: true),
                ToolId = table.Column<int>(nullable: true),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                WhatHappened = table.Column<string>(maxLength: 4000, nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
                Severity = table.Column<int>(nullable: false),
                Category = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                RootCause = table.Column<string>(maxLength: 4000, nullable: false),
                Actions = table.Column<string>(maxLength: 4000, nullable: false),
                ReportedById = table.Column<string>(maxLength: 450, nullable: false),
                ReportedByName = table.Column<string>(maxLength: 256, nullable: false),
                ReportedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Incidents", x => x.Id);
                table.ForeignKey("FK_Incidents_Workflows_WorkflowId", x => x.WorkflowId, "Workflows", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Incidents_Tools_ToolId", x => x.ToolId, "Tools", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Incidents_WorkflowId", "Incidents", "WorkflowId");
        migrationBuilder.CreateIndex("IX_Incidents_ToolId", "Incidents", "ToolId");
        migrationBuilder.CreateIndex("IX_Incidents_Status_ReportedAt", "Incidents", ["Status", "ReportedAt"]);

        migrationBuilder.CreateTable(
            name: "Pauses",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                WorkflowId = table.Column<int>(nullable: true),
                ToolId = table.Column<int>(nullable: true),
                ParentId = table.Column<int>(nullable: true),
                State = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 1000, nullable: false),
                TriggerId = table.Column<string>(maxLength: 100, nullable: true),
                IncidentId = table.Column<int>(nullable: true),
                EventKey = table.Column<string>(maxLength: 200, nullable: true),
                StatusBefore = table.Column<int>(nullable: false),
                PausedById = table.Column<string>(maxLength: 450, nullable: false),
                PausedByName = table.Column<string>(maxLength: 256, nullable: false),
                PausedAt = table.Column<DateTime>(nullable: false),
                RootCauseDocumented = table.Column<bool>(nullable: false),
                ControlsUpdated = table.Column<bool>(nullable: false),
                ReassessmentDone = table.Column<bool>(nullable: false),
                EndedById = table.Column<string>(maxLength: 450, nullable: true),
                EndedByName = table.Column<string>(maxLength: 256, nullable: true),
                EndedAt = table.Column<DateTime>(nullable: true),
                EndNote = table.Column<string>(maxLength: 2000, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Pauses", x => x.Id);
                table.ForeignKey("FK_Pauses_Workflows_WorkflowId", x => x.WorkflowId, "Workflows", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Pauses_Tools_ToolId", x => x.ToolId, "Tools", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Pauses_Pauses_ParentId", x => x.ParentId, "Pauses", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Pauses_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Pauses_WorkflowId_State", "Pauses", ["WorkflowId", "State"]);
        migrationBuilder.CreateIndex("IX_Pauses_ToolId_State", "Pauses", ["ToolId", "State"]);
        migrationBuilder.CreateIndex("IX_Pauses_ParentId", "Pauses", "ParentId");
        migrationBuilder.CreateIndex("IX_Pauses_EventKey", "Pauses", "EventKey");
        migrationBuilder.CreateIndex("IX_Pauses_IncidentId", "Pauses", "IncidentId");
        migrationBuilder.CreateIndex("IX_Pauses_State", "Pauses", "State");

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                Kind = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 500, nullable: false),
                Link = table.Column<string>(maxLength: 500, nullable: false),
                Key = table.Column<string>(maxLength: 200, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ReadAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
                table.ForeignKey("FK_Notifications_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Notifications_UserId_ReadAt", "Notifications", ["UserId", "ReadAt"]);
        migrationBuilder.CreateIndex("IX_Notifications_Key", "Notifications", "Key");

        // Workflows paused before pauses were records (status 4 = Paused; they return to Approved, 2, when restarted).
        migrationBuilder.Sql(
            "INSERT INTO \"Pauses\" (\"WorkflowId\", \"State\", \"Reason\", \"StatusBefore\", \"PausedById\", \"PausedByName\", \"PausedAt\", "
            + "\"RootCauseDocumented\", \"ControlsUpdated\", \"ReassessmentDone\", \"Version\") "
            + "SELECT \"Id\", 1, 'Paused before pauses were recorded with their reason.', 2, '', 'Before pause records', CURRENT_TIMESTAMP, "
            + "FALSE, FALSE, FALSE, 1 FROM \"Workflows\" WHERE \"Status\" = 4");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Notifications");
        migrationBuilder.DropTable("Pauses");
        migrationBuilder.DropTable("Incidents");
    }
}

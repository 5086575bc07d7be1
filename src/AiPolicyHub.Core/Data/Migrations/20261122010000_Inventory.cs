using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>The AI inventory (classification levels, departments, tools, workflows) and the audit trail. Hand-written; see Initial.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122010000_Inventory")]
public sealed class Inventory : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (Providers.IsPostgres(ActiveProvider))
        {
            // Case-insensitive names (see Providers.PostgresCaseInsensitiveType); a trusted extension since PostgreSQL 13,
            // so the database owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS citext;");
        }
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                At = table.Column<DateTime>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: false),
                EntityType = table.Column<string>(maxLength: 50, nullable: false),
                EntityId = table.Column<string>(maxLength: 50, nullable: false),
                EntityName = table.Column<string>(maxLength: 200, nullable: false),
                Action = table.Column<int>(nullable: false),
                ChangesJson = table.Column<string>(nullable: false),
                PreviousHash = table.Column<string>(maxLength: 64, nullable: false),
                Hash = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ClassificationLevels",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                Rank = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Description = table.Column<string>(maxLength: 1000, nullable: false),
                Examples = table.Column<string>(maxLength: 1000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ClassificationLevels", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Departments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                Name = table.Column<string>(type: Providers.CaseInsensitiveType(ActiveProvider), maxLength: 200, nullable: false,
                    collation: Providers.CaseInsensitiveCollation(ActiveProvider)),
            },
            constraints: table => table.PrimaryKey("PK_Departments", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Tools",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                Name = table.Column<string>(type: Providers.CaseInsensitiveType(ActiveProvider), maxLength: 200, nullable: false,
                    collation: Providers.CaseInsensitiveCollation(ActiveProvider)),
                Vendor = table.Column<string>(maxLength: 200, nullable: false),
                ModelVersion = table.Column<string>(maxLength: 100, nullable: false),
                Deployment = table.Column<int>(nullable: false),
                Capabilities = table.Column<int>(nullable: false),
                TrainsOnOurData = table.Column<int>(nullable: false),
                RetentionDays = table.Column<int>(nullable: true),
                DataResidency = table.Column<string>(maxLength: 100, nullable: false),
                HasDataProcessingAgreement = table.Column<bool>(nullable: false),
                MaxClassificationId = table.Column<int>(nullable: false),
                ApprovalStatus = table.Column<int>(nullable: false),
                OwnerId = table.Column<string>(nullable: true),
                Notes = table.Column<string>(maxLength: 4000, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Tools", x => x.Id);
                table.ForeignKey("FK_Tools_AspNetUsers_OwnerId", x => x.OwnerId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_Tools_ClassificationLevels_MaxClassificationId", x => x.MaxClassificationId,
                    "ClassificationLevels", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "DepartmentManagers",
            columns: table => new
            {
                DepartmentId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DepartmentManagers", x => new { x.DepartmentId, x.UserId });
                table.ForeignKey("FK_DepartmentManagers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_DepartmentManagers_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Workflows",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                Name = table.Column<string>(type: Providers.CaseInsensitiveType(ActiveProvider), maxLength: 200, nullable: false,
                    collation: Providers.CaseInsensitiveCollation(ActiveProvider)),
                DepartmentId = table.Column<int>(nullable: false),
                OwnerId = table.Column<string>(nullable: true),
                Purpose = table.Column<string>(maxLength: 2000, nullable: false),
                Stage = table.Column<int>(nullable: false),
                Autonomy = table.Column<int>(nullable: false),
                Audience = table.Column<int>(nullable: false),
                AffectsPeople = table.Column<int>(nullable: false),
                DataClassificationId = table.Column<int>(nullable: false),
                DataCategories = table.Column<int>(nullable: false),
                Oversight = table.Column<int>(nullable: false),
                SpotCheckPercent = table.Column<int>(nullable: true),
                ApprovingRole = table.Column<string>(maxLength: 100, nullable: false),
                Controls = table.Column<int>(nullable: false),
                MonthlyVolume = table.Column<int>(nullable: true),
                ReviewCadenceMonths = table.Column<int>(nullable: false),
                NextReviewDate = table.Column<DateOnly>(nullable: true),
                Status = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Workflows", x => x.Id);
                table.ForeignKey("FK_Workflows_AspNetUsers_OwnerId", x => x.OwnerId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_Workflows_ClassificationLevels_DataClassificationId", x => x.DataClassificationId,
                    "ClassificationLevels", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Workflows_Departments_DepartmentId", x => x.DepartmentId, "Departments", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "WorkflowTools",
            columns: table => new
            {
                WorkflowId = table.Column<int>(nullable: false),
                ToolId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WorkflowTools", x => new { x.WorkflowId, x.ToolId });
                table.ForeignKey("FK_WorkflowTools_Tools_ToolId", x => x.ToolId, "Tools", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_WorkflowTools_Workflows_WorkflowId", x => x.WorkflowId, "Workflows", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        migrationBuilder.CreateIndex("IX_AuditEntries_EntityType_EntityId", "AuditEntries", ["EntityType", "EntityId"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_UserId", "AuditEntries", "UserId");
        migrationBuilder.CreateIndex("IX_ClassificationLevels_Name", "ClassificationLevels", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_ClassificationLevels_Rank", "ClassificationLevels", "Rank", unique: true);
        migrationBuilder.CreateIndex("IX_DepartmentManagers_UserId", "DepartmentManagers", "UserId");
        migrationBuilder.CreateIndex("IX_Departments_Name", "Departments", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_Tools_MaxClassificationId", "Tools", "MaxClassificationId");
        migrationBuilder.CreateIndex("IX_Tools_Name", "Tools", "Name");
        migrationBuilder.CreateIndex("IX_Tools_OwnerId", "Tools", "OwnerId");
        migrationBuilder.CreateIndex("IX_Workflows_DataClassificationId", "Workflows", "DataClassificationId");
        migrationBuilder.CreateIndex("IX_Workflows_DepartmentId_Name", "Workflows", ["DepartmentId", "Name"]);
        migrationBuilder.CreateIndex("IX_Workflows_DepartmentId_Status", "Workflows", ["DepartmentId", "Status"]);
        migrationBuilder.CreateIndex("IX_Workflows_Name", "Workflows", "Name");
        migrationBuilder.CreateIndex("IX_Workflows_NextReviewDate", "Workflows", "NextReviewDate");
        migrationBuilder.CreateIndex("IX_Workflows_OwnerId", "Workflows", "OwnerId");
        migrationBuilder.CreateIndex("IX_Workflows_Status_Name", "Workflows", ["Status", "Name"]);
        migrationBuilder.CreateIndex("IX_WorkflowTools_ToolId", "WorkflowTools", "ToolId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "WorkflowTools", "Workflows", "DepartmentManagers", "Tools", "Departments", "ClassificationLevels", "AuditEntries" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}

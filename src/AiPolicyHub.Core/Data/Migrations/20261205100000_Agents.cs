using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>AI agents and their connectors (MCP servers and other tool servers) as inventory records; pauses of both.</summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261205100000_Agents")]
    public sealed class Agents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agents",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    Name = table.Column<string>(type: Providers.CaseInsensitiveType(ActiveProvider), maxLength: 200, nullable: false,
                        collation: Providers.CaseInsensitiveCollation(ActiveProvider)),
                    Purpose = table.Column<string>(maxLength: 4000, nullable: false),
                    DepartmentId = table.Column<int>(nullable: false),
                    OwnerId = table.Column<string>(nullable: true),
                    ToolId = table.Column<int>(nullable: false),
                    Permissions = table.Column<int>(nullable: false),
                    Autonomy = table.Column<int>(nullable: false),
                    DataClassificationId = table.Column<int>(nullable: false),
                    LastActivityOn = table.Column<DateOnly>(nullable: true),
                    Status = table.Column<int>(nullable: false),
                    Version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agents_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Agents_ClassificationLevels_DataClassificationId",
                        column: x => x.DataClassificationId,
                        principalTable: "ClassificationLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Agents_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Agents_Tools_ToolId",
                        column: x => x.ToolId,
                        principalTable: "Tools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Connectors",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    Name = table.Column<string>(type: Providers.CaseInsensitiveType(ActiveProvider), maxLength: 200, nullable: false,
                        collation: Providers.CaseInsensitiveCollation(ActiveProvider)),
                    Kind = table.Column<int>(nullable: false),
                    Endpoint = table.Column<string>(maxLength: 500, nullable: false),
                    Vendor = table.Column<string>(maxLength: 200, nullable: false),
                    ToolsExposed = table.Column<string>(maxLength: 4000, nullable: false),
                    DataClassificationId = table.Column<int>(nullable: false),
                    ApprovalStatus = table.Column<int>(nullable: false),
                    OwnerId = table.Column<string>(nullable: true),
                    Notes = table.Column<string>(maxLength: 4000, nullable: false),
                    PausedReason = table.Column<string>(maxLength: 1000, nullable: true),
                    Version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Connectors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Connectors_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Connectors_ClassificationLevels_DataClassificationId",
                        column: x => x.DataClassificationId,
                        principalTable: "ClassificationLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgentCheckpoints",
                columns: table => new
                {
                    AgentId = table.Column<int>(nullable: false),
                    Permission = table.Column<int>(nullable: false),
                    Approver = table.Column<string>(maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentCheckpoints", x => new { x.AgentId, x.Permission });
                    table.ForeignKey(
                        name: "FK_AgentCheckpoints_Agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "Agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgentWorkflows",
                columns: table => new
                {
                    AgentId = table.Column<int>(nullable: false),
                    WorkflowId = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentWorkflows", x => new { x.AgentId, x.WorkflowId });
                    table.ForeignKey(
                        name: "FK_AgentWorkflows_Agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "Agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgentWorkflows_Workflows_WorkflowId",
                        column: x => x.WorkflowId,
                        principalTable: "Workflows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgentConnectors",
                columns: table => new
                {
                    AgentId = table.Column<int>(nullable: false),
                    ConnectorId = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentConnectors", x => new { x.AgentId, x.ConnectorId });
                    table.ForeignKey(
                        name: "FK_AgentConnectors_Agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "Agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgentConnectors_Connectors_ConnectorId",
                        column: x => x.ConnectorId,
                        principalTable: "Connectors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnectors_ConnectorId",
                table: "AgentConnectors",
                column: "ConnectorId");

            migrationBuilder.CreateIndex(
                name: "IX_Agents_DataClassificationId",
                table: "Agents",
                column: "DataClassificationId");

            migrationBuilder.CreateIndex(
                name: "IX_Agents_DepartmentId_Name",
                table: "Agents",
                columns: new[] { "DepartmentId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Agents_Name",
                table: "Agents",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Agents_OwnerId",
                table: "Agents",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Agents_Status_Name",
                table: "Agents",
                columns: new[] { "Status", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Agents_ToolId",
                table: "Agents",
                column: "ToolId");

            migrationBuilder.CreateIndex(
                name: "IX_AgentWorkflows_WorkflowId",
                table: "AgentWorkflows",
                column: "WorkflowId");

            migrationBuilder.CreateIndex(
                name: "IX_Connectors_DataClassificationId",
                table: "Connectors",
                column: "DataClassificationId");

            migrationBuilder.CreateIndex(
                name: "IX_Connectors_Name",
                table: "Connectors",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Connectors_OwnerId",
                table: "Connectors",
                column: "OwnerId");

            // The pauses of agents and connectors. SQLite cannot add a foreign key to an existing table, but it can add a
            // column that references another table (its default being NULL), which is the same constraint.
            if (Providers.IsSqlite(ActiveProvider))
            {
                migrationBuilder.Sql("ALTER TABLE \"Pauses\" ADD COLUMN \"AgentId\" INTEGER NULL REFERENCES \"Agents\" (\"Id\") ON DELETE RESTRICT;");
                migrationBuilder.Sql("ALTER TABLE \"Pauses\" ADD COLUMN \"ConnectorId\" INTEGER NULL REFERENCES \"Connectors\" (\"Id\") ON DELETE RESTRICT;");
            }
            else
            {
                migrationBuilder.AddColumn<int>(
                    name: "AgentId",
                    table: "Pauses",
                    nullable: true);

                migrationBuilder.AddColumn<int>(
                    name: "ConnectorId",
                    table: "Pauses",
                    nullable: true);

                migrationBuilder.AddForeignKey(
                    name: "FK_Pauses_Agents_AgentId",
                    table: "Pauses",
                    column: "AgentId",
                    principalTable: "Agents",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);

                migrationBuilder.AddForeignKey(
                    name: "FK_Pauses_Connectors_ConnectorId",
                    table: "Pauses",
                    column: "ConnectorId",
                    principalTable: "Connectors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            }

            migrationBuilder.CreateIndex(
                name: "IX_Pauses_AgentId_State",
                table: "Pauses",
                columns: new[] { "AgentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Pauses_ConnectorId_State",
                table: "Pauses",
                columns: new[] { "ConnectorId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!Providers.IsSqlite(ActiveProvider))
            {
                migrationBuilder.DropForeignKey(name: "FK_Pauses_Agents_AgentId", table: "Pauses");
                migrationBuilder.DropForeignKey(name: "FK_Pauses_Connectors_ConnectorId", table: "Pauses");
            }

            migrationBuilder.DropTable(
                name: "AgentCheckpoints");

            migrationBuilder.DropTable(
                name: "AgentConnectors");

            migrationBuilder.DropTable(
                name: "AgentWorkflows");

            migrationBuilder.DropTable(
                name: "Connectors");

            migrationBuilder.DropTable(
                name: "Agents");

            migrationBuilder.DropIndex(
                name: "IX_Pauses_AgentId_State",
                table: "Pauses");

            migrationBuilder.DropIndex(
                name: "IX_Pauses_ConnectorId_State",
                table: "Pauses");

            migrationBuilder.DropColumn(
                name: "AgentId",
                table: "Pauses");

            migrationBuilder.DropColumn(
                name: "ConnectorId",
                table: "Pauses");
        }
    }
}

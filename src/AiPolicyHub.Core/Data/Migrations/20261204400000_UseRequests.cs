using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>Requests to use AI from the checker ("Ask for this use"), decided by the department's managers and compliance.</summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261204400000_UseRequests")]
    public sealed class UseRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UseRequests",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    Kind = table.Column<int>(nullable: false),
                    Status = table.Column<int>(nullable: false),
                    AskedById = table.Column<string>(maxLength: 450, nullable: false),
                    AskedByName = table.Column<string>(maxLength: 256, nullable: false),
                    AskedAt = table.Column<DateTime>(nullable: false),
                    DepartmentId = table.Column<int>(nullable: false),
                    ToolId = table.Column<int>(nullable: true),
                    ToolName = table.Column<string>(maxLength: 200, nullable: false),
                    ToolVendor = table.Column<string>(maxLength: 200, nullable: false),
                    Task = table.Column<int>(nullable: false),
                    TaskDescription = table.Column<string>(maxLength: 200, nullable: true),
                    ClassificationId = table.Column<int>(nullable: false),
                    DataCategories = table.Column<int>(nullable: false),
                    Audience = table.Column<int>(nullable: false),
                    DecidesAboutPeople = table.Column<bool>(nullable: false),
                    Verdict = table.Column<int>(nullable: false),
                    Reason = table.Column<string>(maxLength: 1000, nullable: false),
                    DecisionNote = table.Column<string>(maxLength: 2000, nullable: false),
                    DecidedById = table.Column<string>(maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(nullable: true),
                    WorkflowId = table.Column<int>(nullable: true),
                    CreatedToolId = table.Column<int>(nullable: true),
                    Version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UseRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UseRequests_ClassificationLevels_ClassificationId",
                        column: x => x.ClassificationId,
                        principalTable: "ClassificationLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UseRequests_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UseRequests_Tools_CreatedToolId",
                        column: x => x.CreatedToolId,
                        principalTable: "Tools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UseRequests_Tools_ToolId",
                        column: x => x.ToolId,
                        principalTable: "Tools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UseRequests_Workflows_WorkflowId",
                        column: x => x.WorkflowId,
                        principalTable: "Workflows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UseRequests_AskedById_AskedAt",
                table: "UseRequests",
                columns: new[] { "AskedById", "AskedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UseRequests_ClassificationId",
                table: "UseRequests",
                column: "ClassificationId");

            migrationBuilder.CreateIndex(
                name: "IX_UseRequests_CreatedToolId",
                table: "UseRequests",
                column: "CreatedToolId");

            migrationBuilder.CreateIndex(
                name: "IX_UseRequests_DepartmentId",
                table: "UseRequests",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_UseRequests_Status_DepartmentId",
                table: "UseRequests",
                columns: new[] { "Status", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_UseRequests_ToolId",
                table: "UseRequests",
                column: "ToolId");

            migrationBuilder.CreateIndex(
                name: "IX_UseRequests_WorkflowId",
                table: "UseRequests",
                column: "WorkflowId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UseRequests");
        }
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>
    /// Single sign-on: which identity-provider claim values grant which role, and which put a person in which department.
    /// (The accounts' links to the provider are Identity's AspNetUserLogins, there from the start.)
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261204300000_SingleSignOn")]
    public partial class SingleSignOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClaimDepartmentMappings",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    ClaimValue = table.Column<string>(type: Providers.CaseInsensitiveType(ActiveProvider), maxLength: 256, nullable: false,
                        collation: Providers.CaseInsensitiveCollation(ActiveProvider)),
                    DepartmentId = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimDepartmentMappings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimDepartmentMappings_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClaimRoleMappings",
                columns: table => new
                {
                    Id = table.Column<int>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    ClaimValue = table.Column<string>(type: Providers.CaseInsensitiveType(ActiveProvider), maxLength: 256, nullable: false,
                        collation: Providers.CaseInsensitiveCollation(ActiveProvider)),
                    Role = table.Column<string>(maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimRoleMappings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimDepartmentMappings_ClaimValue",
                table: "ClaimDepartmentMappings",
                column: "ClaimValue",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClaimDepartmentMappings_DepartmentId",
                table: "ClaimDepartmentMappings",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimRoleMappings_ClaimValue_Role",
                table: "ClaimRoleMappings",
                columns: new[] { "ClaimValue", "Role" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimDepartmentMappings");

            migrationBuilder.DropTable(
                name: "ClaimRoleMappings");
        }
    }
}

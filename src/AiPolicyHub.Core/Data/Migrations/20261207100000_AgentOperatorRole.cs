using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>
    /// The organisation's EU AI Act role for each agent (0: deployer), as workflows have it: agents recorded before this
    /// migration are a deployer's.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261207100000_AgentOperatorRole")]
    public sealed class AgentOperatorRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OperatorRole",
                table: "Agents",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OperatorRole",
                table: "Agents");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>
    /// When each agent was recorded and last approved, so an agent with no recorded activity is dormant counted from then.
    /// Agents recorded before this migration count from the day it runs (CURRENT_DATE reads as 'yyyy-MM-dd' on SQLite, a date on PostgreSQL).
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261206400000_AgentsEverywhere")]
    public sealed class AgentsEverywhere : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ApprovedOn",
                table: "Agents",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CreatedOn",
                table: "Agents",
                nullable: true);

            migrationBuilder.Sql("""UPDATE "Agents" SET "CreatedOn" = CURRENT_DATE;""");
            migrationBuilder.Sql("""UPDATE "Agents" SET "ApprovedOn" = CURRENT_DATE WHERE "Status" IN (2, 4);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedOn",
                table: "Agents");

            migrationBuilder.DropColumn(
                name: "CreatedOn",
                table: "Agents");
        }
    }
}

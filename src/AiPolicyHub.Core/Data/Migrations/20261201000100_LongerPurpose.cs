using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// A workflow's purpose may be 8,000 characters (was 2,000). Only PostgreSQL enforces a length; SQLite stores TEXT
/// whatever the length, and rebuilding its Workflows table would drop the search triggers for nothing. Hand-written; see Initial.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201000100_LongerPurpose")]
public sealed class LongerPurpose : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (Providers.IsPostgres(migrationBuilder.ActiveProvider))
        {
            migrationBuilder.AlterColumn<string>(name: "Purpose", table: "Workflows", maxLength: 8000, nullable: false,
                oldMaxLength: 2000, oldNullable: false);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (Providers.IsPostgres(migrationBuilder.ActiveProvider))
        {
            migrationBuilder.AlterColumn<string>(name: "Purpose", table: "Workflows", maxLength: 2000, nullable: false,
                oldMaxLength: 8000, oldNullable: false);
        }
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiPolicyHub.Core.Data.Migrations;

/// <summary>
/// What several app instances share beyond the data: leases for background jobs and their recorded runs, and the live
/// change notices every instance reads. Hand-written; see Initial.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201050000_MultiInstance")]
public sealed class MultiInstance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "JobLeases",
            columns: table => new
            {
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Holder = table.Column<string>(maxLength: 200, nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_JobLeases", x => x.Name));

        migrationBuilder.CreateTable(
            name: "ScheduledJobRuns",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                Job = table.Column<string>(maxLength: 100, nullable: false),
                Instance = table.Column<string>(maxLength: 200, nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                FinishedAt = table.Column<DateTime>(nullable: true),
                Succeeded = table.Column<bool>(nullable: false),
                Outcome = table.Column<string>(maxLength: 1000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ScheduledJobRuns", x => x.Id));
        migrationBuilder.CreateIndex("IX_ScheduledJobRuns_Job_StartedAt", "ScheduledJobRuns", ["Job", "StartedAt"]);

        migrationBuilder.CreateTable(
            name: "ChangeNotices",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                    .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                Topic = table.Column<string>(maxLength: 100, nullable: false),
                Message = table.Column<string>(maxLength: 2000, nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ChangeNotices", x => x.Id));
        migrationBuilder.CreateIndex("IX_ChangeNotices_At", "ChangeNotices", "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ChangeNotices");
        migrationBuilder.DropTable("ScheduledJobRuns");
        migrationBuilder.DropTable("JobLeases");
    }
}

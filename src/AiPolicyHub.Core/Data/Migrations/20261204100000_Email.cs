using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPolicyHub.Core.Data.Migrations
{
    /// <summary>
    /// Email: the outbox, and what email made of each notification. Notifications older than this migration are marked
    /// "not mailed" (4), so switching email on does not send the whole history. No Designer file (see UserPreferencesAndSavedViews).
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261204100000_Email")]
    public partial class Email : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Email",
                table: "Notifications",
                nullable: false,
                defaultValue: 0);
            migrationBuilder.Sql("UPDATE \"Notifications\" SET \"Email\" = 4");

            migrationBuilder.CreateTable(
                name: "OutgoingEmails",
                columns: table => new
                {
                    Id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation(Providers.PostgresIdentity, Providers.IdentityByDefault),
                    Recipient = table.Column<string>(maxLength: 320, nullable: false),
                    Subject = table.Column<string>(maxLength: 300, nullable: false),
                    Body = table.Column<string>(nullable: false),
                    Status = table.Column<int>(nullable: false),
                    Attempts = table.Column<int>(nullable: false),
                    CreatedAt = table.Column<DateTime>(nullable: false),
                    NextAttemptAt = table.Column<DateTime>(nullable: false),
                    ClaimedBy = table.Column<string>(maxLength: 200, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(nullable: true),
                    LastError = table.Column<string>(maxLength: 1000, nullable: true),
                    SentAt = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutgoingEmails", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Email",
                table: "Notifications",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingEmails_Status_NextAttemptAt",
                table: "OutgoingEmails",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutgoingEmails");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Email",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Notifications");
        }
    }
}

using AiPolicyHub.E2E.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AiPolicyHub.E2E.Tests;

/// <summary>The backup commands as an operator runs them: the app's own executable, beside the running app.</summary>
public sealed class BackupCommandTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();
    private readonly string elsewhere = Directory.CreateTempSubdirectory("aipolicyhub-restore-").FullName;

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        try { Directory.Delete(elsewhere, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Backup_copies_the_running_app_and_restore_refuses_to_replace_data_without_force()
    {
        var backup = Path.Combine(elsewhere, "backups", "now.db");

        var (backedUp, backupText) = await app.RunCommandAsync(null, "--backup", backup);
        output.WriteLine(backupText);
        Assert.Equal(0, backedUp);
        Assert.Contains($"Backed up {Path.Combine(app.DataFolder, "aipolicyhub.db")} to {backup}", backupText);
        Assert.Contains("integrity ok", backupText);
        Assert.Contains("1 user(s)", backupText);

        var fresh = new Dictionary<string, string> { ["Database__DataFolder"] = Path.Combine(elsewhere, "data") };
        // The audit trail is verified with the key it was sealed with: the key file goes with the data (infra/README.md).
        Directory.CreateDirectory(Path.Combine(elsewhere, "data"));
        File.Copy(Path.Combine(app.DataFolder, "audit-chain.key"),
            Path.Combine(elsewhere, "data", "audit-chain.key"));
        var (restored, restoreText) = await app.RunCommandAsync(fresh, "--restore", backup);
        output.WriteLine(restoreText);
        Assert.Equal(0, restored);
        Assert.Contains("Before: no database.", restoreText);
        Assert.Equal(1L, await CountUsersAsync(Path.Combine(elsewhere, "data", "aipolicyhub.db")));

        var (refused, refusedText) = await app.RunCommandAsync(fresh, "--restore", backup);
        Assert.Equal(1, refused);
        Assert.Contains("holds data", refusedText);
        Assert.DoesNotContain("   at ", refusedText); // a message, not a stack trace

        var (forced, forcedText) = await app.RunCommandAsync(fresh, "--restore", backup, "--force");
        output.WriteLine(forcedText);
        Assert.Equal(0, forced);
        Assert.Contains("Before: schema", forcedText);

        // The app was never stopped: it still answers.
        using var http = new HttpClient();
        Assert.True((await http.GetAsync($"{app.BaseUrl}/healthz")).IsSuccessStatusCode);
    }

    private static async Task<long> CountUsersAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM \"AspNetUsers\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

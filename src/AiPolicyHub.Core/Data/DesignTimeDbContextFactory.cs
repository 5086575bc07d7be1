using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// How <c>dotnet ef</c> builds the context (README, "Notes for developers"): on SQLite, the provider the model snapshot
/// is written for, with a file that is never opened (adding a migration or comparing the model with the snapshot does not
/// touch a database). The migrations themselves serve both providers: they ask <c>ActiveProvider</c> where they differ.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseConfiguredDatabase(new DatabaseOptions { Provider = Providers.SqliteName, ConnectionString = "Data Source=design-time.db" });
        return new AppDbContext(options.Options);
    }
}

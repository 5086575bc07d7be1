using AiPolicyHub.Core;
using AiPolicyHub.Web.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(CommandLine.Normalize(args));
    builder.AddDatabase();
    builder.AddIdentityAndSecurity();
    builder.AddSingleSignOn();
    builder.AddWebUi();
    builder.AddIncidentsAndPauses();
    builder.AddEvidence();
    builder.Services.AddScheduledJob<AiPolicyHub.Core.Reviews.AttestationReminderJob>();
    builder.AddMultiInstancePlatform();
    builder.AddRestApi();
    builder.AddMcpServer();
    builder.AddBackups();
    builder.AddTelemetry();
    builder.AddSecurityHeaders();
    builder.AddRateLimits();

    var app = builder.Build();
    if (DatabaseCopyCommand.Target(app.Configuration) is { } copyTarget)
    {
        return await DatabaseCopyCommand.RunAsync(app.Services, copyTarget);
    }
    if (MigrateCommand.IsRequested(app.Configuration))
    {
        return await MigrateCommand.RunAsync(app.Services);
    }
    if (await BackupCommands.TryRunAsync(app) is { } exitCode)
    {
        return exitCode;
    }
    app.UseSecurityHeaders();
    app.UseInstanceHeader();
    app.UseWebPipeline();
    app.MapAppEndpoints();
    app.MapTelemetry();
    await app.RunAsync();
    return 0;
}
catch (StartupException ex)
{
    // The operator's console gets what to do, not a stack trace.
    Console.Error.WriteLine($"crit: AiPolicyHub cannot start: {ex.Message}");
    return 1;
}

public partial class Program;

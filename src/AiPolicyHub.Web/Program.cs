using AiPolicyHub.Core;
using AiPolicyHub.Web.Hosting;

var builder = WebApplication.CreateBuilder(DemoSeeding.NormalizeArguments(args));
builder.AddDatabase();
builder.AddIdentityAndSecurity();
builder.AddWebUi();

var app = builder.Build();
app.UseWebPipeline();
app.MapAppEndpoints();

try
{
    await app.RunAsync();
    return 0;
}
catch (StartupException ex)
{
    // The operator's console gets what to do, not a stack trace.
    app.Logger.LogCritical("AiPolicyHub cannot start: {Reason}", ex.Message);
    return 1;
}

public partial class Program;

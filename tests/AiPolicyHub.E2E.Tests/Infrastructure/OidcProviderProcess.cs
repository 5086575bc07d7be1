using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace AiPolicyHub.E2E.Tests.Infrastructure;

/// <summary>
/// The test OpenID Connect provider (tests/AiPolicyHub.OidcProvider, OpenIddict) as its own process on 127.0.0.1, like the
/// app: a confidential client for the app's <c>/signin-oidc</c>, and the people in <paramref name="users"/>.
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    /// <summary>A person the provider knows; <see cref="Department"/> is the value of its <c>department</c> claim.</summary>
    public sealed record User(string UserName, string Password, string Name, string Email, string[] Groups, string? Department);

    public const string ClientId = "aipolicyhub";
    public const string ClientSecret = "a client secret for the tests";
    public const string DepartmentClaim = "department";

    private readonly string folder;
    private readonly StringBuilder output = new();
    private Process? process;

    public OidcProviderProcess()
    {
        Port = AppProcess.FreePort();
        folder = Directory.CreateTempSubdirectory("aipolicyhub-idp-").FullName;
    }

    public int Port { get; }

    /// <summary>The issuer: the app's <c>Authentication:OpenIdConnect:Authority</c>.</summary>
    public string Authority => $"http://127.0.0.1:{Port}/";

    public string Output
    {
        get { lock (output) { return output.ToString(); } }
    }

    public async Task StartAsync(string appBaseUrl, IEnumerable<User> users)
    {
        var usersFile = Path.Combine(folder, "users.json");
        await File.WriteAllTextAsync(usersFile, JsonSerializer.Serialize(users, JsonSerializerOptions.Web));
        var start = new ProcessStartInfo("dotnet",
            [AssemblyPath(), "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--client-id", ClientId,
             "--client-secret", ClientSecret, "--redirect-uri", $"{appBaseUrl}/signin-oidc", "--users", usersFile])
        {
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // The first answers of a cold provider take seconds on a busy machine (OpenIddict's handlers are compiled then): the
        // discovery document and the keys are asked for here once, so the browser's first sign-in does not wait for them.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The test identity provider exited with code {process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync($"{Authority}.well-known/openid-configuration")).IsSuccessStatusCode)
                {
                    (await http.GetAsync($"{Authority}.well-known/jwks")).EnsureSuccessStatusCode();
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The test identity provider did not answer within 90 s:\n{Output}");
    }

    /// <summary>Replaces the person's groups at the provider: their next sign-in's ID token carries these.</summary>
    public async Task SetGroupsAsync(string userName, params string[] groups)
    {
        using var http = new HttpClient();
        (await http.PostAsJsonAsync($"{Authority}test/users/{Uri.EscapeDataString(userName)}/groups", groups)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static string AssemblyPath()
    {
        var configuration = typeof(OidcProviderProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AiPolicyHub.sln")))
        {
            root = root.Parent;
        }
        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("AiPolicyHub.sln not found above the test folder"),
            "tests", "AiPolicyHub.OidcProvider", "bin", configuration, "net10.0", "AiPolicyHub.OidcProvider.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first", path);
    }
}

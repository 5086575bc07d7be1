using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace AiPolicyHub.E2E.Tests.Infrastructure;

/// <summary>
/// The real app, started as its own process from the Web project's build output on 127.0.0.1,
/// with a temporary data folder. It can be stopped and started again on the same port and data,
/// like an operator restarting the server.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "a long passphrase for browser tests"; // without "admin": PasswordPolicy refuses the email in a password

    private readonly Dictionary<string, string?> environment;
    private readonly StringBuilder output = new();
    private readonly List<IPage> pages = [];
    private Process? process;

    private AppProcess(string dataFolder, Dictionary<string, string?> environment)
    {
        DataFolder = dataFolder;
        this.environment = environment;
        Port = FreePort();
    }

    public string DataFolder { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Everything the app wrote to its console so far.</summary>
    public string Output
    {
        get { lock (output) { return output.ToString(); } }
    }

    /// <param name="configureAdministrator">False leaves the first administrator to the generated one-time password.</param>
    /// <param name="settings">Extra configuration, e.g. <c>Security__RevalidationInterval</c>.</param>
    public static AppProcess Create(bool configureAdministrator = true, IDictionary<string, string>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-e2e-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__DataFolder"] = folder,
            ["Logging__Console__FormatterName"] = "simple",
            // Every browser here comes from 127.0.0.1 and many sign in as the same administrator: the rate limits would count
            // the whole class's tests as one client (Web.Tests' RateLimitTests test the limits themselves).
            ["RateLimits__SignInPerClient__Permits"] = "10000",
            ["RateLimits__SignInPerAccount__Permits"] = "10000",
            ["RateLimits__ApiPerClient__Permits"] = "10000",
            ["RateLimits__ApiPerToken__Permits"] = "10000",
            ["RateLimits__ReportsPerUser__Permits"] = "10000",
            ["RateLimits__ImportsPerUser__Permits"] = "10000",
            // The tests sign in as administrators with a password alone; the two-factor tests set the requirement themselves.
            ["Security__RequireTwoFactorForRoles"] = "",
        };
        if (configureAdministrator)
        {
            environment["AIPOLICYHUB_ADMIN_EMAIL"] = AdminEmail;
            environment["AIPOLICYHUB_ADMIN_PASSWORD"] = AdminPassword;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        return new AppProcess(folder, environment);
    }

    /// <summary>Starts the app and waits until <c>/healthz</c> answers.</summary>
    public async Task StartAsync()
    {
        await UseMigratedSchemaAsync();
        Launch();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        // A start that failed leaves no app behind: in one run on an overloaded machine, nine apps whose start had timed out
        // were still running minutes later, taking the CPU that the next tests' apps needed to start in time.
        await KillAsync();
        throw new TimeoutException($"The app did not become healthy within 60 s:\n{Output}");
    }

    /// <summary>
    /// Now on the app's clock, from the <c>Date</c> header of its answer (to the second): a test that types a date or
    /// expects one asks the app under test, never the machine running the test.
    /// </summary>
    public async Task<DateTimeOffset> NowAsync()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync($"{BaseUrl}/healthz");
        return response.Headers.Date ?? throw new InvalidOperationException("The app answered without a Date header.");
    }

    /// <summary>Starts the app and waits for it to exit by itself (for start-up failures).</summary>
    public async Task<int> RunUntilExitAsync(TimeSpan timeout)
    {
        Launch();
        using var cancel = new CancellationTokenSource(timeout);
        await process!.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    /// <summary>
    /// Runs the app's build output once as a command that exits (e.g. <c>--backup FILE</c>), with this app's settings and
    /// <paramref name="settings"/> over them, beside the running app; returns its exit code and console output.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(IDictionary<string, string>? settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [WebAssemblyPath(), .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(WebAssemblyPath())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var command = Process.Start(start)!;
        var error = command.StandardError.ReadToEndAsync();
        var text = await command.StandardOutput.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await command.WaitForExitAsync(cancel.Token);
        return (command.ExitCode, text + await error);
    }

    /// <summary>Stops the process abruptly, as a crash or a pulled plug would.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>A page opened on this app: reported by <see cref="ReportAsync"/> and closed with the app.</summary>
    public void Track(IPage page)
    {
        lock (pages) { pages.Add(page); }
    }

    /// <summary>
    /// Writes what a person would need to understand a failure: each page's address, a screenshot and its visible
    /// text, and the app's warnings and errors. xUnit shows this output only for tests that failed, but it is taken after
    /// every test (xUnit v2 does not tell a test class whether its test passed), so the screenshot is of the window only:
    /// a full-page one costs Chromium about a CPU-second on a long page, three times the window's.
    /// </summary>
    public async Task ReportAsync(ITestOutputHelper testOutput, string testName)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "failures", testName);
        IPage[] open;
        lock (pages) { open = [.. pages]; }
        for (var i = 0; i < open.Length; i++)
        {
            var page = open[i];
            if (page.IsClosed)
            {
                continue;
            }
            try
            {
                Directory.CreateDirectory(folder);
                var shot = Path.Combine(folder, $"page{i + 1}.png");
                await page.ScreenshotAsync(new() { Path = shot, Timeout = 5_000 });
                var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
                testOutput.WriteLine($"--- page {i + 1}: {page.Url} (screenshot {shot})");
                testOutput.WriteLine(text.Length > 3_000 ? text[..3_000] + " …" : text);
            }
            catch (PlaywrightException ex)
            {
                testOutput.WriteLine($"--- page {i + 1}: {page.Url} could not be captured: {ex.Message}");
            }
        }
        var problems = Output.Split('\n').Where(l => l.StartsWith("warn:") || l.StartsWith("fail:") || l.StartsWith("crit:") || l.StartsWith(' ')).ToList();
        testOutput.WriteLine($"--- app log: {problems.Count} warning/error lines");
        foreach (var line in problems.TakeLast(200))
        {
            testOutput.WriteLine(line.TrimEnd());
        }
    }

    /// <summary>
    /// At the end of a test on an app shared with other tests: reports what the test's pages show (see
    /// <see cref="ReportAsync"/>), then closes them, so the next test starts with no page open and reports only its own.
    /// </summary>
    public async Task EndTestAsync(ITestOutputHelper testOutput, string testName)
    {
        await ReportAsync(testOutput, testName);
        await ClosePagesAsync();
    }

    /// <summary>Closes every page opened on this app so far (each in its own browser profile), and forgets them.</summary>
    private async Task ClosePagesAsync()
    {
        IPage[] open;
        lock (pages)
        {
            open = [.. pages];
            pages.Clear();
        }
        foreach (var page in open)
        {
            await page.Context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ClosePagesAsync();
        await KillAsync();
        process?.Dispose();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// A first start on SQLite begins from a copy of an empty database migrated once per test run by the app's own
    /// <c>--migrate</c> command: migrating takes a few seconds of every start, and Web.Tests' MigrationTests cover
    /// migrating an empty database. The audit key comes along: migrating sealed the (empty) audit chain with it.
    /// </summary>
    private async Task UseMigratedSchemaAsync()
    {
        var file = Path.Combine(DataFolder, DatabaseFileName);
        if (File.Exists(file) || environment.ContainsKey("Database__Provider"))
        {
            return;
        }
        var template = await MigratedSchema.Value;
        File.Copy(Path.Combine(template, AuditKeyFileName), Path.Combine(DataFolder, AuditKeyFileName));
        File.Copy(Path.Combine(template, DatabaseFileName), file);
    }

    private const string DatabaseFileName = "aipolicyhub.db", AuditKeyFileName = "audit-chain.key";

    private static readonly Lazy<Task<string>> MigratedSchema = new(MigrateEmptyDatabaseAsync);

    private static async Task<string> MigrateEmptyDatabaseAsync()
    {
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-e2e-schema-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        };
        var template = new AppProcess(folder, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__DataFolder"] = folder,
        });
        var (exitCode, output) = await template.RunCommandAsync(null, "--migrate");
        var file = Path.Combine(folder, DatabaseFileName);
        return exitCode == 0 && File.Exists(file) && !File.Exists(file + "-wal") && File.Exists(Path.Combine(folder, AuditKeyFileName))
            ? folder
            : throw new InvalidOperationException($"dotnet AiPolicyHub.Web.dll --migrate exited with {exitCode}:\n{output}");
    }

    private void Launch()
    {
        process?.Dispose();
        var start = new ProcessStartInfo("dotnet", [WebAssemblyPath(), "--urls", BaseUrl])
        {
            WorkingDirectory = Path.GetDirectoryName(WebAssemblyPath())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string WebAssemblyPath()
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AiPolicyHub.sln")))
        {
            root = root.Parent;
        }
        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("AiPolicyHub.sln not found above the test folder"),
            "src", "AiPolicyHub.Web", "bin", configuration, "net10.0", "AiPolicyHub.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first", path);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace AiPolicyHub.Benchmarks.Measurement;

/// <summary>
/// The real app as a process of its own: the Web project's build output of the same configuration as this program
/// (Release under ./bench.sh), Production environment, listening on 127.0.0.1 on a free port, over the given data folder,
/// with a first administrator. Killed (with anything it started) when disposed or when this program exits.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    public const string AdminEmail = "bench-admin@example.com";
    public const string AdminPassword = "quiet harbour lantern 4721"; // neither the email nor the name in it (password policy)

    private readonly StringBuilder output = new();
    private readonly Process process;
    private readonly EventHandler onExit;

    private AppServer(Process process, int port)
    {
        this.process = process;
        Port = port;
        // A benchmark stopped by SIGTERM (or an unhandled failure) must not leave a server behind.
        onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += onExit;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public int ProcessId => process.Id;

    /// <summary>The last lines the app wrote (for failure messages).</summary>
    public string Tail(int lines = 40)
    {
        lock (output)
        {
            return string.Join('\n', output.ToString().Split('\n').TakeLast(lines));
        }
    }

    /// <summary>Starts the app and waits (at most <paramref name="timeout"/>) until <c>/healthz</c> answers.</summary>
    /// <param name="cpus">A CPU list for <c>taskset -c</c> (e.g. <c>0</c>): the server runs on those cores only (taskset execs it, so the
    /// process id stays the server's).</param>
    public static async Task<AppServer> StartAsync(string dataFolder, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> settings,
        TimeSpan timeout, CancellationToken cancellationToken, string? cpus = null)
    {
        var dll = WebAssemblyPath();
        var port = FreePort();
        string[] command = ["dotnet", dll, "--urls", $"http://127.0.0.1:{port}", .. arguments];
        if (cpus is not null)
        {
            command = ["taskset", "-c", cpus, .. command];
        }
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__DataFolder"] = dataFolder;
        start.Environment["AIPOLICYHUB_ADMIN_EMAIL"] = AdminEmail;
        start.Environment["AIPOLICYHUB_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["Security__RequireTwoFactorForRoles"] = ""; // the benchmarks sign in with a password alone
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        var server = new AppServer(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync(timeout, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The process's resident set (VmRSS in /proc/&lt;pid&gt;/status), in bytes.</summary>
    public long ResidentBytes() => Status("VmRSS") * 1024;

    /// <summary>
    /// The resident set by kind, in bytes: anonymous memory (the GC's heap and native allocations), mapped files (code), and
    /// shared memory (the runtime maps its executable memory twice through a memfd, for write-xor-execute).
    /// </summary>
    public (long Anonymous, long Files, long Shared) ResidentKinds() => (Status("RssAnon") * 1024, Status("RssFile") * 1024, Status("RssShmem") * 1024);

    /// <summary>The process's threads (Threads in /proc/&lt;pid&gt;/status).</summary>
    public long Threads() => Status("Threads");

    private long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var value = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"{field} not found in /proc status.");
    }

    /// <summary>The cores the server may run on (its affinity: all of the machine's unless started with a CPU list).</summary>
    public int ProcessorCount()
    {
        process.Refresh();
        return OperatingSystem.IsLinux() || OperatingSystem.IsWindows()
            ? System.Numerics.BitOperations.PopCount((ulong)process.ProcessorAffinity)
            : Environment.ProcessorCount;
    }

    /// <summary>CPU time the process has used so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        Kill();
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // already gone, or never started
        }
        process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} while starting:\n{Tail()}");
            }
            try
            {
                if ((await http.GetAsync(new Uri($"{BaseUrl}/healthz"), cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not listening yet
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"The app did not answer /healthz within {timeout.TotalSeconds:0} s:\n{Tail()}");
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
            if (output.Length > 200_000)
            {
                output.Remove(0, 100_000);
            }
        }
    }

    private static string WebAssemblyPath()
    {
        var configuration = typeof(AppServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AiPolicyHub.sln")))
        {
            root = root.Parent;
        }
        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("AiPolicyHub.sln not found above the benchmark's folder"),
            "src", "AiPolicyHub.Web", "bin", configuration, "net10.0", "AiPolicyHub.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The app's build output is missing (build in {configuration} first)", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

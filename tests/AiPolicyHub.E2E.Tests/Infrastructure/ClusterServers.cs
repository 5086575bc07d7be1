using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AiPolicyHub.E2E.Tests.Infrastructure;

/// <summary>
/// The real servers of a multi-instance deployment on 127.0.0.1: a throwaway PostgreSQL cluster (tests/postgres-cluster.sh,
/// Debian's postgresql) and nginx (Debian's nginx) with the shipped infra/nginx/aipolicyhub.conf, its upstreams pointed at
/// the test's app instances. ./test.sh installs both packages.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClusterServers : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aipolicyhub-cluster-").FullName;
    private Process? nginx;

    public ClusterServers() =>
        // PostgreSQL runs as the "postgres" user when the tests run as root: it must reach its folder inside this one.
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);

    public string PostgresConnectionString { get; private set; } = "";
    public int PostgresPort { get; } = FreePort();
    public int ProxyPort { get; } = FreePort();
    public string ProxyUrl => $"http://127.0.0.1:{ProxyPort}";

    public static string RepositoryRoot
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "AiPolicyHub.sln")))
            {
                root = root.Parent;
            }
            return root?.FullName ?? throw new InvalidOperationException("AiPolicyHub.sln not found above the test folder");
        }
    }

    /// <summary>Starts PostgreSQL; returns the connection string of the app database (created by the first instance's migrations).</summary>
    public async Task<string> StartPostgresAsync()
    {
        var server = (await RunAsync(Path.Combine(RepositoryRoot, "tests", "postgres-cluster.sh"), "start", Path.Combine(folder, "postgres"), PostgresPort.ToString())).Trim();
        PostgresConnectionString = server.Replace("Database=postgres", "Database=aipolicyhub");
        return PostgresConnectionString;
    }

    /// <summary>Starts nginx with the shipped configuration, forwarding to <paramref name="instances"/>.</summary>
    public async Task StartProxyAsync(params AppProcess[] instances)
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "infra", "nginx", "aipolicyhub.conf"));
        var servers = Regex.Matches(shipped, @"^\s*server app\d:8080", RegexOptions.Multiline);
        Assert.Equal(instances.Length, servers.Count);
        var site = shipped;
        for (var i = 0; i < instances.Length; i++)
        {
            site = site.Replace($"server app{i + 1}:8080", $"server 127.0.0.1:{instances[i].Port}");
        }
        site = site.Replace("listen 8080;", $"listen 127.0.0.1:{ProxyPort};");
        await File.WriteAllTextAsync(Path.Combine(folder, "aipolicyhub.conf"), site);
        var temp = Path.Combine(folder, "nginx-temp");
        Directory.CreateDirectory(temp);
        File.SetUnixFileMode(temp, (UnixFileMode)0b111_111_111); // nginx's workers run as another user when started by root
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/nginx-error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                include {{folder}}/aipolicyhub.conf;
            }
            """);
        var binary = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        nginx = Process.Start(new ProcessStartInfo(binary, ["-c", Path.Combine(folder, "nginx.conf"), "-p", folder])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (nginx.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await nginx.StandardError.ReadToEndAsync()}");
            }
            try
            {
                if ((await http.GetAsync($"{ProxyUrl}/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("nginx did not answer /healthz");
    }

    /// <summary>One value from the app database, with Debian's psql.</summary>
    public async Task<string> QueryAsync(string sql)
    {
        var psql = Directory.GetFiles("/usr/lib/postgresql", "psql", SearchOption.AllDirectories).OrderDescending().First();
        return (await RunAsync(psql, "-h", "127.0.0.1", "-p", PostgresPort.ToString(), "-U", "postgres", "-d", "aipolicyhub", "-tA", "-c", sql)).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (nginx is { HasExited: false })
        {
            nginx.Kill(entireProcessTree: true);
            await nginx.WaitForExitAsync();
        }
        nginx?.Dispose();
        try
        {
            await RunAsync(Path.Combine(RepositoryRoot, "tests", "postgres-cluster.sh"), "stop", Path.Combine(folder, "postgres"));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }
        return await output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

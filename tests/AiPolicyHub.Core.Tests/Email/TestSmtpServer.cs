using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AiPolicyHub.Core.Tests.Email;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a free loopback port, for the duration of a test: it keeps every message
/// it accepts, and can be told to refuse the next ones with a given reply, as a real server would.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task running;
    private readonly Store store;

    private TestSmtpServer(int port)
    {
        Port = port;
        store = new Store(this);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(store);
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stopping.Token);
    }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    /// <summary>Every message accepted, in the order they arrived.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. received];

    private readonly ConcurrentQueue<MimeMessage> received = new();
    private readonly ConcurrentQueue<SmtpResponse> refusals = new();

    /// <summary>The next <paramref name="times"/> messages are refused with <paramref name="code"/> and <paramref name="text"/>.</summary>
    public void Refuse(int times, SmtpReplyCode code, string text)
    {
        for (var i = 0; i < times; i++)
        {
            refusals.Enqueue(new SmtpResponse(code, text));
        }
    }

    /// <summary>A port nobody listens on (for a connection that fails).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer(FreePort());
        // Ready once it accepts a connection (it binds on its own task).
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        server.Shutdown();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
        stopping.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (owner.refusals.TryDequeue(out var refusal))
            {
                return refusal;
            }
            using var stream = new MemoryStream(buffer.ToArray());
            owner.received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

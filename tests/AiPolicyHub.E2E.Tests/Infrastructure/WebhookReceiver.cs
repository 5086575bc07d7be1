using System.Collections.Concurrent;
using System.Net;

namespace AiPolicyHub.E2E.Tests.Infrastructure;

/// <summary>A webhook receiver on 127.0.0.1 (HttpListener): keeps each POST's headers and body and answers 204.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body);

    private readonly HttpListener listener = new();
    private readonly Task serving;

    public WebhookReceiver()
    {
        Port = AppProcess.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/aipolicyhub";

    public ConcurrentQueue<Received> Deliveries { get; } = new();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = await reader.ReadToEndAsync();
                var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                    .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
                Deliveries.Enqueue(new Received(headers, body));
            }
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}

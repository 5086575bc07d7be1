using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Tests.Webhooks;

/// <summary>A received delivery: its headers and body as they came over the wire.</summary>
public sealed record ReceivedDelivery(IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, which records each POST and answers with the status codes it
/// is given, one per request in order (200 once they run out).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> answers;

    public ConcurrentQueue<ReceivedDelivery> Received { get; } = new();

    public string Url { get; private set; } = "";

    private WebhookReceiver(IEnumerable<int> answers)
    {
        this.answers = new ConcurrentQueue<int>(answers);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue(new ReceivedDelivery(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            var status = this.answers.TryDequeue(out var answer) ? answer : 200;
            if (status is >= 300 and < 400)
            {
                // A redirect to another path of this receiver, which a client following redirects would post to as well.
                context.Response.Headers.Location = "/elsewhere";
            }
            return Results.StatusCode(status);
        });
        app.MapPost("/elsewhere", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            Received.Enqueue(new ReceivedDelivery(new Dictionary<string, string> { ["path"] = "/elsewhere" }, await reader.ReadToEndAsync()));
            return Results.StatusCode(200);
        });
    }

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var receiver = new WebhookReceiver(answers);
        await receiver.app.StartAsync();
        receiver.Url = receiver.app.Urls.Single().TrimEnd('/') + "/hook";
        return receiver;
    }

    public int Port => new Uri(Url).Port;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using System.Net;
using System.Text;

namespace AiPolicyHub.E2E.Tests.Infrastructure;

/// <summary>
/// A collector for the app's OpenTelemetry export over OTLP/HTTP (protobuf) on 127.0.0.1: it answers every export with
/// 200 and keeps the spans' and metrics' names and ids. It reads only the few protobuf fields the tests look at
/// (opentelemetry-proto: trace/v1/trace.proto and metrics/v1/metrics.proto).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    public sealed record Span(string Scope, string Name, int Kind, string TraceId, string SpanId, string ParentSpanId);

    /// <summary>OTLP's span kinds (trace.proto, SpanKind).</summary>
    public const int ServerKind = 2, ClientKind = 3;

    private readonly HttpListener listener = new();
    private readonly List<Span> spans = [];
    private readonly HashSet<string> metricNames = [];
    private readonly Task serving;

    public OtlpReceiver()
    {
        Port = AppProcess.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The endpoint to configure as <c>Telemetry:OtlpEndpoint</c> with <c>Telemetry:OtlpProtocol=http/protobuf</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The paths export requests arrived at, with how many came to each.</summary>
    public string Paths
    {
        get { lock (paths) { return string.Join(", ", paths.Select(p => $"{p.Key} ×{p.Value}")); } }
    }

    private readonly Dictionary<string, int> paths = [];

    public IReadOnlyList<Span> Spans
    {
        get { lock (spans) { return [.. spans]; } }
    }

    public IReadOnlySet<string> MetricNames
    {
        get { lock (metricNames) { return metricNames.ToHashSet(); } }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Read(context.Request.Url?.AbsolutePath ?? "", body.ToArray());
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private void Read(string path, byte[] message)
    {
        lock (paths)
        {
            paths[path] = paths.GetValueOrDefault(path) + 1;
        }
        if (path.EndsWith("/v1/traces", StringComparison.Ordinal))
        {
            // ExportTraceServiceRequest.resource_spans(1) → ResourceSpans.scope_spans(2) → ScopeSpans.scope(1).name(1), .spans(2)
            foreach (var resource in Fields(message, 1))
            {
                foreach (var scopeSpans in Fields(resource, 2))
                {
                    var scope = Fields(scopeSpans, 1).Select(s => Text(Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? "";
                    foreach (var span in Fields(scopeSpans, 2))
                    {
                        lock (spans)
                        {
                            spans.Add(new Span(scope, Text(Fields(span, 5).FirstOrDefault()), (int)Varints(span, 6).FirstOrDefault(),
                                Hex(Fields(span, 1).FirstOrDefault()), Hex(Fields(span, 2).FirstOrDefault()), Hex(Fields(span, 4).FirstOrDefault())));
                        }
                    }
                }
            }
        }
        else if (path.EndsWith("/v1/metrics", StringComparison.Ordinal))
        {
            // ExportMetricsServiceRequest.resource_metrics(1) → ResourceMetrics.scope_metrics(2) → ScopeMetrics.metrics(2).name(1)
            foreach (var metric in Fields(message, 1).SelectMany(r => Fields(r, 2)).SelectMany(s => Fields(s, 2)))
            {
                lock (metricNames)
                {
                    metricNames.Add(Text(Fields(metric, 1).FirstOrDefault()));
                }
            }
        }
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a protobuf message.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number) =>
        Walk(message).Where(f => f.Number == number && f.Bytes is not null).Select(f => f.Bytes!);

    private static IEnumerable<ulong> Varints(byte[] message, int number) =>
        Walk(message).Where(f => f.Number == number && f.Bytes is null).Select(f => f.Value);

    private static List<(int Number, ulong Value, byte[]? Bytes)> Walk(byte[] message)
    {
        var fields = new List<(int, ulong, byte[]?)>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    fields.Add((number, Varint(message, ref at), null));
                    break;
                case 1:
                    fields.Add((number, BitConverter.ToUInt64(message, at), null));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add((number, 0, message[at..(at + length)]));
                    at += length;
                    break;
                case 5:
                    fields.Add((number, BitConverter.ToUInt32(message, at), null));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected protobuf wire type {key & 7} at byte {at}.");
            }
        }
        return fields;
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static string Text(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);

    private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexString(bytes);

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}

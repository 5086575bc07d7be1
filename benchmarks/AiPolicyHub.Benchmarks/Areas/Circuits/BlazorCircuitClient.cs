using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Benchmarks.Areas.Circuits;

/// <summary>
/// One user on the workflow list as a real Blazor Server circuit, driven without a browser: it loads the page over HTTP with the
/// user's cookies, starts a circuit on the hub (<c>/_blazor</c>) for the page's prerendered server components, answers the
/// server's JS interop calls, applies and acknowledges every render batch, and changes the status filter as a browser does. The
/// server cannot tell it from a tab: the same hub methods with the same arguments (recorded from Chromium's WebSocket and
/// checked against ASP.NET Core's ComponentHub and blazor.web.js), so it does the same work per click, while a click costs this
/// process a few milliseconds instead of a Chromium renderer's.
/// <para>
/// What a page load does, in order: GET the page (its <c>&lt;!--Blazor:{…}--&gt;</c> markers name the server components with a
/// protected descriptor, and <c>&lt;!--Blazor-Server-Component-State:…--&gt;</c> carries the state the prerender persisted, e.g. the
/// list's rows); GET <c>/_blazor/initializers</c>; connect with the "blazorpack" protocol; <c>StartCircuit</c>; then
/// <c>UpdateRootComponents</c> adding one root component per marker. The server then attaches the components and renders.
/// </para>
/// A circuit error (<c>JS.Error</c>), a lost connection or a failed event fail the client loudly (<see cref="CircuitFailedException"/>)
/// with what the server said; a click whose rows do not arrive in time is a <see cref="TimeoutException"/>.
/// </summary>
internal sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    // The server's JS interop calls whose answer is not void, and what Chromium answers on this page (a 1280 px wide window).
    // Any other call with a result is answered null and reported once, so a new call in the app shows up here.
    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["aiPolicyHub.watchWideScreen"] = "true",
        ["window.hasOwnProperty"] = "true",
        ["mudpopoverHelper.countProviders"] = "0",
        ["Blazor._internal.PageTitle.getAndRemoveExistingTitle"] = "null",
        ["Blazor._internal.navigationManager.enableNavigationInterception"] = "null",
    };

    private static readonly ConcurrentDictionary<string, bool> ReportedUnknownCalls = new(StringComparer.Ordinal);

    // JSCallResultType.JSVoidResult: the caller ignores the result.
    private const int VoidResult = 3;

    private readonly HubConnection connection;
    private readonly RenderedDocument document = new();
    private readonly object gate = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long rendererObjectId;
    private long nextCallId;
    private Exception? failure;
    private bool disposing;
    private (string Label, TaskCompletionSource Shown)? pendingClick;

    private BlazorCircuitClient(HubConnection connection) => this.connection = connection;

    /// <summary>Loads <paramref name="page"/> and starts its circuit; returns once the list shows rows and its status filter is live.</summary>
    public static async Task<BlazorCircuitClient> OpenAsync(Uri page, CookieContainer cookies, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = timeout };
        using var response = await http.GetAsync(page, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {page} answered {(int)response.StatusCode} {response.Headers.Location}, not the page (signed out?).");
        }
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        var baseUri = new Uri(page, "/");
        (await http.GetAsync(new Uri(baseUri, "_blazor/initializers"), cancellationToken)).Dispose(); // as blazor.web.js does

        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "_blazor"), options =>
        {
            options.Cookies = cookies;
            options.Transports = HttpTransportType.WebSockets;
        });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol(new MessagePackHubProtocol()));
        var connection = builder.Build();
        var client = new BlazorCircuitClient(connection);
        try
        {
            client.Listen();
            await connection.StartAsync(cancellationToken);
            var state = StateMarker().Match(html) is { Success: true } stateMatch ? stateMatch.Groups[1].Value : "";
            var circuitId = await connection.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), page.ToString(), "[]", state, cancellationToken);
            if (string.IsNullOrEmpty(circuitId))
            {
                throw new CircuitFailedException($"The server refused to start a circuit for {page}{client.FailureText()}.");
            }
            await connection.SendAsync("UpdateRootComponents", RootComponentOperations(html), state, cancellationToken);
            await client.ready.Task.WaitAsync(timeout, cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Chooses <paramref name="value"/> in the status filter (the <c>change</c> event the browser sends for a <c>&lt;select&gt;</c>
    /// bound with <c>@bind</c>) and returns the time until a render batch has put rows that all show <paramref name="label"/> on the page.
    /// </summary>
    public async Task<TimeSpan> ChangeStatusAsync(string value, string label, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var shown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string arguments;
        lock (gate)
        {
            ThrowIfFailed();
            var (componentId, select) = document.FindById("f-status") ?? throw new CircuitFailedException("The page has no status filter (#f-status).");
            var handler = select.EventHandler("onchange");
            if (handler == 0)
            {
                throw new CircuitFailedException("The status filter has no change handler on the page.");
            }
            // The browser's event: the handler, and the field's new value for the component that rendered it (the server
            // updates its copy of the element before running the handler).
            arguments = JsonSerializer.Serialize(new object[]
            {
                new { eventHandlerId = handler, eventName = "change", eventFieldInfo = new { componentId, fieldValue = value } },
                new { value },
            });
            pendingClick = (label, shown);
        }
        var start = Stopwatch.GetTimestamp();
        try
        {
            var callId = Interlocked.Increment(ref nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", rendererObjectId, arguments, cancellationToken);
            await shown.Task.WaitAsync(timeout, cancellationToken);
            return Stopwatch.GetElapsedTime(start);
        }
        catch (TimeoutException)
        {
            ThrowIfFailed();
            throw new TimeoutException($"No render batch showed {label} rows within {timeout.TotalMilliseconds:0} ms of the filter change.");
        }
        finally
        {
            lock (gate)
            {
                pendingClick = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            disposing = true;
        }
        await connection.DisposeAsync();
    }

    /// <summary>The server's calls to the browser that this page receives (CircuitClientProxy's methods), with their argument types.</summary>
    private void Listen()
    {
        On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)],
            a => AnswerJSAsync((long)a[0]!, (string)a[1]!, (string)a[2]!, (int)a[3]!));
        On("JS.RenderBatch", [typeof(long), typeof(byte[])], a => RenderAsync((long)a[0]!, (byte[])a[1]!));
        On("JS.AttachComponent", [typeof(int), typeof(string)], a =>
        {
            lock (gate)
            {
                document.AttachRootComponent((int)a[0]!);
            }
            return Task.CompletedTask;
        });
        On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], a =>
        {
            if (!(bool)a[1]!)
            {
                Fail($"The server failed the browser's call {a[0]}: {a[2]}");
            }
            return Task.CompletedTask;
        });
        On("JS.Error", [typeof(string)], a =>
        {
            Fail($"The circuit reported an error: {a[0]}");
            return Task.CompletedTask;
        });
        connection.Closed += error =>
        {
            lock (gate)
            {
                if (!disposing)
                {
                    Fail($"The server closed the circuit's connection{(error is null ? "" : ": " + error.Message)}");
                }
            }
            return Task.CompletedTask;
        };
    }

    private void On(string method, Type[] parameters, Func<object?[], Task> handler) =>
        connection.On(method, parameters, (arguments, _) => handler(arguments), this);

    /// <summary>Answers a JS interop call as the page would, so that components waiting for it go on and the circuit stays healthy.</summary>
    private async Task AnswerJSAsync(long callId, string identifier, string argumentsJson, int resultType)
    {
        var result = "null";
        switch (identifier)
        {
            case "Blazor._internal.attachWebRendererInterop":
                // [rendererId, the renderer's .NET object (its events go to it), ...]: events are dispatched to that object.
                var arguments = JsonNode.Parse(argumentsJson)!.AsArray();
                rendererObjectId = arguments[1]!["__dotNetObject"]!.GetValue<long>();
                break;
            case "Blazor._internal.navigationManager.navigateTo":
                // The list writes its filter into the address (replacing the history entry); the browser changes its address and
                // tells the circuit, whose router then gives the page its new query parameters.
                var uri = JsonNode.Parse(argumentsJson)![0]!.GetValue<string>();
                await connection.SendAsync("OnLocationChanged", uri, null, false);
                break;
            default:
                if (Answers.TryGetValue(identifier, out var answer))
                {
                    result = answer;
                }
                else if (resultType != VoidResult && ReportedUnknownCalls.TryAdd(identifier, true))
                {
                    Console.Error.WriteLine($"Protocol client: answered the server's JS call {identifier} with null (a browser may answer otherwise).");
                }
                break;
        }
        await connection.SendAsync("EndInvokeJSFromDotNet", callId, true, $"[{callId},true,{result}]");
    }

    /// <summary>Applies a batch to the page, acknowledges it as the browser does once it is on screen, and completes a click whose rows it shows.</summary>
    private async Task RenderAsync(long batchId, byte[] batch)
    {
        string? error = null;
        lock (gate)
        {
            try
            {
                document.Apply(RenderBatchReader.Read(batch));
                if (pendingClick is { } click && ShowsOnly(click.Label))
                {
                    click.Shown.TrySetResult();
                }
                if (!ready.Task.IsCompleted && document.FindById("f-status") is not null && ShowsOnly(null))
                {
                    ready.TrySetResult();
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                error = e.Message;
            }
        }
        // The browser acknowledges a batch it could not apply with the error, which the server logs and treats as fatal.
        await connection.SendAsync("OnRenderCompleted", batchId, error);
        if (error is not null)
        {
            Fail($"Render batch {batchId} could not be applied: {error}");
        }
    }

    /// <summary>
    /// Whether the list's body has rows and every row's Status cell shows <paramref name="label"/> (any status when null): what
    /// the observer's page waits for too. A row's cells are one piece of markup.
    /// </summary>
    private bool ShowsOnly(string? label)
    {
        var body = document.Elements("tbody").FirstOrDefault();
        var rows = body?.Children.Where(c => c is { Kind: NodeKind.Element, Name: "tr" }).ToList();
        if (rows is null || rows.Count == 0)
        {
            return false;
        }
        foreach (var row in rows)
        {
            var status = StatusCell().Match(row.Markup());
            if (!status.Success || (label is not null && status.Groups[1].Value != label))
            {
                return false;
            }
        }
        return true;
    }

    private void Fail(string message)
    {
        TaskCompletionSource? click;
        lock (gate)
        {
            failure ??= new CircuitFailedException(message);
            click = pendingClick?.Shown;
        }
        click?.TrySetException(failure);
        ready.TrySetException(failure);
    }

    private void ThrowIfFailed()
    {
        if (failure is not null)
        {
            throw new CircuitFailedException(failure.Message, failure);
        }
    }

    private string FailureText() => failure is null ? "" : ": " + failure.Message;

    /// <summary>
    /// The page's server components as blazor.web.js adds them: each start marker's JSON with the order it was found in
    /// (<c>uniqueId</c>), numbered from 1 (<c>ssrComponentId</c>).
    /// </summary>
    private static string RootComponentOperations(string html)
    {
        var operations = new JsonArray();
        foreach (Match marker in ComponentMarker().Matches(html))
        {
            var json = JsonNode.Parse(marker.Groups[1].Value)!.AsObject();
            if (json["descriptor"] is null)
            {
                continue; // an end marker ({"prerenderId": …})
            }
            json["uniqueId"] = operations.Count;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = operations.Count + 1, ["marker"] = json });
        }
        if (operations.Count == 0)
        {
            throw new InvalidOperationException("The page has no interactive server components (no <!--Blazor:{…}--> markers).");
        }
        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex ComponentMarker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StateMarker();

    [GeneratedRegex("data-label=\"Status\"><span[^>]*>([^<]*)</span>")]
    private static partial Regex StatusCell();

    /// <summary>
    /// The hub protocol blazor.web.js speaks: SignalR's MessagePack protocol under the name "blazorpack", version 1 (the server's
    /// BlazorPackHubProtocol is that protocol renamed, so that the framework's hub takes no other).
    /// </summary>
    private sealed class BlazorPackProtocol(IHubProtocol messagePack) : IHubProtocol
    {
        public string Name => "blazorpack";

        public int Version => 1;

        public TransferFormat TransferFormat => TransferFormat.Binary;

        public bool IsVersionSupported(int version) => version == Version;

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            messagePack.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => messagePack.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => messagePack.GetMessageBytes(message);
    }
}

/// <summary>The circuit failed (the server reported an error, or closed the connection): the run must stop and say why.</summary>
internal sealed class CircuitFailedException(string message, Exception? inner = null) : Exception(message, inner);

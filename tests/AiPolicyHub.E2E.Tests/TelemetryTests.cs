using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// The app's OpenTelemetry export as an operator's collector receives it (OTLP/HTTP): a person's click in the browser is a
/// trace whose database calls sit under the page event, and the metrics cover requests, live sessions and jobs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TelemetryTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly OtlpReceiver collector = new();
    private AppProcess app = null!;

    public Task InitializeAsync()
    {
        app = AppProcess.Create(settings: new Dictionary<string, string>
        {
            ["SeedDemo"] = "true",
            ["Telemetry__OtlpEndpoint"] = collector.Endpoint,
            ["Telemetry__OtlpProtocol"] = "http/protobuf",
            // The SDK's own settings (not the app's): export spans and metrics every half second instead of every 5 and 60 s.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        return app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(TelemetryTests));
        await app.DisposeAsync();
        await collector.DisposeAsync();
    }

    [Fact]
    public async Task A_search_typed_in_the_checker_is_one_trace_from_the_page_event_to_its_database_queries()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        await admin.GotoAsync("/check");
        await new AppShell(admin).WaitUntilInteractiveAsync();

        // Each keystroke in the workflow search asks the server, which queries the database.
        await admin.GetByLabel("Search workflows by name").FillAsync("reply");
        await Expect(admin.Locator("#q-workflow option").Filter(new() { HasText = "Support reply drafts" })).ToHaveCountAsync(1);

        string[] metrics =
        [
            "http.server.request.duration",                  // requests
            "aspnetcore.components.circuit.active",          // live sessions
            "aspnetcore.components.handle_event.duration",   // UI event latency
            "aipolicyhub.jobs.runs", "aipolicyhub.db.command.duration",
        ];
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(EventWithQueries().Any() && metrics.All(collector.MetricNames.Contains)))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30),
                $"After 30 s, exports to {collector.Paths}; metrics missing: {string.Join(", ", metrics.Except(collector.MetricNames))}; " +
                $"spans seen: {string.Join(", ", collector.Spans.Select(s => $"{s.Scope}/{s.Name}").Distinct().Take(40))}");
            await Task.Delay(250);
        }

        var (pageEvent, queries) = EventWithQueries().First();
        output.WriteLine($"{pageEvent.Name}: {queries.Count} database call(s) in trace {pageEvent.TraceId}");
        output.WriteLine($"Metrics: {string.Join(", ", collector.MetricNames.Order())}");
        Assert.All(queries, q => Assert.Equal(OtlpReceiver.ClientKind, q.Kind));
        Assert.Contains(collector.Spans, s => s.Kind == OtlpReceiver.ServerKind && s.Name.StartsWith("GET", StringComparison.Ordinal));
    }

    /// <summary>Blazor's spans for a keystroke in the circuit (not the sign-in form, which is posted without a circuit), each with the database spans under it (children or deeper).</summary>
    private IEnumerable<(OtlpReceiver.Span Event, List<OtlpReceiver.Span> Queries)> EventWithQueries()
    {
        var spans = collector.Spans;
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        bool Under(OtlpReceiver.Span span, OtlpReceiver.Span ancestor)
        {
            for (var at = span; byId.TryGetValue(at.ParentSpanId, out var parent); at = parent)
            {
                if (parent.SpanId == ancestor.SpanId)
                {
                    return true;
                }
            }
            return false;
        }
        foreach (var pageEvent in spans.Where(s => s.Scope == "Microsoft.AspNetCore.Components" && s.Name.StartsWith("Event oninput", StringComparison.Ordinal)))
        {
            var queries = spans.Where(s => s.Name.StartsWith("db ", StringComparison.Ordinal) && s.TraceId == pageEvent.TraceId && Under(s, pageEvent)).ToList();
            if (queries.Count > 0)
            {
                yield return (pageEvent, queries);
            }
        }
    }
}

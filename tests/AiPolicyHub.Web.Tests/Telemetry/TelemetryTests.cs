using System.Diagnostics;
using AiPolicyHub.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AiPolicyHub.Web.Tests.Telemetry;

public sealed class TelemetryTests
{
    [Fact]
    public async Task By_default_nothing_is_collected_or_exported_and_there_is_no_scrape_endpoint()
    {
        await using var app = new AppFactory();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        var metrics = await client.GetAsync("/metrics");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task When_on_requests_jobs_and_database_time_are_measured_and_a_job_trace_spans_its_database_calls()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        await using var app = AppFactory.WithSettings(new Dictionary<string, string> { ["Telemetry:Prometheus"] = "true" })
            .AndServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(activities));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            });
        using var client = app.CreateBrowserlikeClient();

        var signedIn = await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.True(AppFactory.IsRedirectTo(signedIn, "/"), signedIn.StatusCode.ToString());
        // The scheduler runs every job once at start (no lease is held yet), the audit-chain check among them.
        // Waits for the metrics and for the audit-chain check's span, which is exported when the job's run ends: its metrics
        // can be there before (on a slow PostgreSQL pass the span was missing once when only the metrics were awaited).
        var meterProvider = app.Services.GetRequiredService<MeterProvider>();
        var tracerProvider = app.Services.GetRequiredService<TracerProvider>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        string[] expected = ["http.server.request.duration", "aipolicyhub.jobs.runs", "aipolicyhub.jobs.leases", "aipolicyhub.db.command.duration", "aipolicyhub.audit.intact"];
        while (true)
        {
            lock (metrics) { metrics.Clear(); }
            meterProvider.ForceFlush();
            tracerProvider.ForceFlush();
            string[] names;
            lock (metrics) { names = [.. metrics.Select(m => m.Name).Distinct()]; }
            bool checkTraced;
            lock (activities) { checkTraced = activities.Any(a => a.Source.Name == AppTelemetry.Name && a.DisplayName == "job audit-chain-check"); }
            if (expected.All(names.Contains) && checkTraced)
            {
                break;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60),
                $"missing metrics: {string.Join(", ", expected.Except(names))}; seen: {string.Join(", ", names)}; audit-chain check's span {(checkTraced ? "seen" : "not seen")}");
            await Task.Delay(200);
        }

        Activity[] spans;
        lock (activities) { spans = [.. activities]; }
        // A job's trace holds its database calls. (Under the in-memory test server a request's activity does not stay
        // current while the app handles it, so request spans here are roots without children; see the README.)
        // The job may have run more than once by now (at start, and again on another lease turn): any of its runs will do.
        var checks = spans.Where(a => a.Source.Name == AppTelemetry.Name && a.DisplayName == "job audit-chain-check").ToList();
        Assert.NotEmpty(checks);
        Assert.Contains(spans, a => a.Kind == ActivityKind.Client && a.DisplayName == "db query"
            && checks.Any(check => a.ParentSpanId == check.SpanId && a.TraceId == check.TraceId));
        Assert.Contains(spans, a => a.Kind == ActivityKind.Server && a.DisplayName == "POST /account/sign-in");
        // Blazor's own spans: the sign-in form's submit event.
        Assert.Contains(spans, a => a.Source.Name == "Microsoft.AspNetCore.Components" && a.DisplayName.StartsWith("Event onsubmit", StringComparison.Ordinal));

        var scrape = await client.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds", scrape);
        Assert.Contains("aipolicyhub_jobs_runs", scrape);
    }
}

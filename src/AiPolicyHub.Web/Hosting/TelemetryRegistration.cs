using AiPolicyHub.Core.Scheduling;
using AiPolicyHub.Core.Telemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiPolicyHub.Web.Hosting;

/// <summary>The <c>Telemetry</c> configuration section. Everything is off by default: nothing is collected or sent.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OTLP collector, e.g. <c>http://otel-collector:4317</c>: traces and metrics go there. Empty: no export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (port 4317, the default) or <c>http/protobuf</c> (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Serves the metrics for Prometheus to scrape at <see cref="PrometheusPath"/> (no sign-in: expose it only to the scraper).</summary>
    public bool Prometheus { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>Console logs as JSON lines (the built-in formatter), with the trace and span ids of the request or job.</summary>
    public bool JsonConsoleLogs { get; set; }

    public bool Exporting => !string.IsNullOrWhiteSpace(OtlpEndpoint) || Prometheus;

    /// <summary>Traces are also made (not sent) for JSON logs, whose lines then carry the trace ids.</summary>
    public bool Tracing => Exporting || JsonConsoleLogs;
}

/// <summary>
/// OpenTelemetry traces and metrics: requests (ASP.NET Core), circuits and UI events (Blazor's own meters and activity
/// source), database commands (Core's DatabaseCommandTiming: spans and their time), and the app's own (<see cref="AppTelemetry"/>: jobs and leases, imports,
/// reports, the audit verification). Registered only when an exporter is configured.
/// </summary>
public static class TelemetryRegistration
{
    private static readonly string[] Meters =
    [
        AppTelemetry.Name,
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle", "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.EntityFrameworkCore", "Npgsql",
    ];

    private static readonly string[] Sources =
    [
        AppTelemetry.Name, "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits", "Npgsql",
    ];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(options);
        if (options.JsonConsoleLogs)
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true; // the trace and span ids travel as a scope
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            builder.Logging.Configure(o => o.ActivityTrackingOptions =
                ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        }
        if (!options.Tracing)
        {
            return builder;
        }

        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        var http = options.OtlpProtocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase);
        // Over OTLP/HTTP each signal has its own path on the collector (v1/traces, v1/metrics). The exporter adds it only to
        // an endpoint from OTEL_EXPORTER_OTLP_ENDPOINT, not to one set in code, which it would use as it is.
        Action<OtlpExporterOptions> Otlp(string signalPath) => exporter =>
        {
            exporter.Endpoint = http ? new Uri(otlp!, otlp!.AbsolutePath.TrimEnd('/') + "/" + signalPath) : otlp!;
            exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        };
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("AiPolicyHub", serviceInstanceId: JobScheduler.InstanceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Sources).AddAspNetCoreInstrumentation();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(Otlp("v1/traces"));
                }
            });
        if (!options.Exporting)
        {
            return builder;
        }
        telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddAspNetCoreInstrumentation();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(Otlp("v1/metrics"));
                }
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, when <c>Telemetry:Prometheus</c> is on.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        }
        return app;
    }
}

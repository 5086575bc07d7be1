using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiPolicyHub.Core.Telemetry;

/// <summary>
/// The app's own traces and metrics, in .NET's built-in types (no OpenTelemetry package in Core): background jobs and
/// their leases, imports, report generation, the audit verification result. Web's TelemetryRegistration exports them
/// with ASP.NET Core's, Blazor's and EF Core's when an exporter is configured; otherwise nothing listens and they cost
/// next to nothing.
/// </summary>
public static class AppTelemetry
{
    public const string Name = "AiPolicyHub";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> JobRuns = Meter.CreateCounter<long>(
        "aipolicyhub.jobs.runs", "{run}", "Scheduled job runs on this instance, by job and outcome (succeeded, failed).");
    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "aipolicyhub.jobs.duration", "s", "How long each scheduled job run took.");
    public static readonly Counter<long> JobLeases = Meter.CreateCounter<long>(
        "aipolicyhub.jobs.leases", "{attempt}", "Attempts to take a job's lease, by job and result (taken, held elsewhere).");
    public static readonly Counter<long> Imports = Meter.CreateCounter<long>(
        "aipolicyhub.imports", "{import}", "Imports, by target, dry run or not, and outcome.");
    public static readonly Counter<long> ImportedRows = Meter.CreateCounter<long>(
        "aipolicyhub.imports.rows", "{row}", "Rows read by imports, by target.");
    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>(
        "aipolicyhub.imports.duration", "s", "How long each import took.");
    public static readonly Counter<long> Reports = Meter.CreateCounter<long>(
        "aipolicyhub.reports.generated", "{report}", "Reports generated (PDF downloads and previews), by kind and outcome.");
    public static readonly Histogram<double> ReportDuration = Meter.CreateHistogram<double>(
        "aipolicyhub.reports.duration", "s", "How long building and rendering a report took.");
    public static readonly Counter<long> AuditVerifications = Meter.CreateCounter<long>(
        "aipolicyhub.audit.verifications", "{verification}", "Audit-chain verifications, by result (intact, broken).");

    private static int lastAuditEntries = -1, lastAuditIntact = -1;

    /// <summary>Records a verification's result; also the last one, which two gauges report.</summary>
    public static void RecordAuditVerification(bool intact, int entriesChecked)
    {
        AuditVerifications.Add(1, new KeyValuePair<string, object?>("result", intact ? "intact" : "broken"));
        Volatile.Write(ref lastAuditIntact, intact ? 1 : 0);
        Volatile.Write(ref lastAuditEntries, entriesChecked);
    }

    static AppTelemetry()
    {
        Meter.CreateObservableGauge("aipolicyhub.audit.intact", () => Measurements(ref lastAuditIntact), "{bool}",
            "1 when the last audit-chain verification on this instance found the chain intact, 0 when broken.");
        Meter.CreateObservableGauge("aipolicyhub.audit.entries_checked", () => Measurements(ref lastAuditEntries), "{entry}",
            "Entries the last audit-chain verification on this instance checked.");
    }

    private static IEnumerable<Measurement<int>> Measurements(ref int value)
    {
        var current = Volatile.Read(ref value);
        return current < 0 ? [] : [new Measurement<int>(current)];
    }
}

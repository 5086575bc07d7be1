using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPolicyHub.Core.Telemetry;

/// <summary>
/// Database time: each command EF Core sends becomes a client span (a child of the request, page event or job that
/// sent it) and a measurement of <c>aipolicyhub.db.command.duration</c>, by provider and kind (query, non-query, scalar).
/// Costs next to nothing while nobody listens.
/// </summary>
public sealed class DatabaseCommandTiming : DbCommandInterceptor
{
    public static readonly DatabaseCommandTiming Instance = new();

    private static readonly System.Diagnostics.Metrics.Histogram<double> Duration = AppTelemetry.Meter.CreateHistogram<double>(
        "aipolicyhub.db.command.duration", "s", "Time each database command took, by provider and kind.");

    private readonly ConcurrentDictionary<Guid, Activity> open = new();

    private DatabaseCommandTiming() { }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Start(command, eventData, "query", result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Start(command, eventData, "query", result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Start(command, eventData, "non-query", result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Start(command, eventData, "non-query", result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Start(command, eventData, "scalar", result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Start(command, eventData, "scalar", result));

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
        Stop(eventData, "query", result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Stop(eventData, "query", result));

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) =>
        Stop(eventData, "non-query", result);

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Stop(eventData, "non-query", result));

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) =>
        Stop(eventData, "scalar", result);

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Stop(eventData, "scalar", result));

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Fail(eventData.CommandId, eventData.Exception.Message);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Fail(eventData.CommandId, eventData.Exception.Message);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Fail(eventData.CommandId, "canceled");

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Fail(eventData.CommandId, "canceled");
        return Task.CompletedTask;
    }

    private T Start<T>(DbCommand command, CommandEventData eventData, string kind, T result)
    {
        // Only when a tracer listens; the span is the current activity's child, so it sits under its request or job.
        if (AppTelemetry.Source.StartActivity("db " + kind, ActivityKind.Client) is { } activity)
        {
            activity.SetTag("db.system", eventData.Context?.Database.ProviderName);
            activity.SetTag("db.query.text", command.CommandText.Length > 2000 ? command.CommandText[..2000] : command.CommandText);
            // Activity.Current must not stay on the span: the caller's own work goes on under its parent.
            Activity.Current = activity.Parent;
            open[eventData.CommandId] = activity;
        }
        return result;
    }

    private T Stop<T>(CommandExecutedEventData eventData, string kind, T result)
    {
        if (open.TryRemove(eventData.CommandId, out var activity))
        {
            activity.Stop();
        }
        if (Duration.Enabled)
        {
            Duration.Record(eventData.Duration.TotalSeconds,
                new KeyValuePair<string, object?>("provider", eventData.Context?.Database.ProviderName), new KeyValuePair<string, object?>("kind", kind));
        }
        return result;
    }

    private void Fail(Guid commandId, string message)
    {
        if (open.TryRemove(commandId, out var activity))
        {
            activity.SetStatus(ActivityStatusCode.Error, message);
            activity.Stop();
        }
    }
}

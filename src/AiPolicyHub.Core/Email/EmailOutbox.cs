using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Email;

/// <summary>What one sending run did.</summary>
public sealed record SendingOutcome(int Sent, int ToRetry, int Failed);

/// <summary>One message as the administrator's page lists it.</summary>
public sealed record OutgoingEmailView(long Id, string Recipient, string Subject, OutgoingEmailStatus Status, int Attempts,
    DateTime CreatedAt, DateTime NextAttemptAt, DateTime? SentAt, string? LastError);

/// <summary>The outbox as the administrator sees it: how many messages stand where, and the latest ones.</summary>
public sealed record OutboxOverview(IReadOnlyDictionary<OutgoingEmailStatus, int> Counts, IReadOnlyList<OutgoingEmailView> Latest);

/// <summary>
/// Sends the outbox. Each message is claimed before it is sent with one conditional UPDATE (queued and due, or claimed by a
/// sender whose claim ran out) that only one sender can win, on SQLite and PostgreSQL alike — so two instances running at
/// once never send the same message. A failure waits longer each time (<see cref="EmailOptions.RetryDelay"/>) and after
/// <see cref="EmailOptions.MaxAttempts"/> attempts the message is marked failed, for the administrator to see and send again.
/// </summary>
public sealed class EmailOutbox(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, EmailOptions options,
    EmailSettingsStore settingsStore, SmtpMailer mailer, AuditTrail audit, ILogger<EmailOutbox> logger)
{
    public const string EntityType = "Email";
    public const string NotAllowed = "Only an administrator can see and resend emails.";

    /// <summary>This sender's name in claims: the instance's, and a part of its own (two senders may share a process in tests).</summary>
    public string SenderName { get; } = $"{Scheduling.JobScheduler.InstanceName}/{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Adds a message to the outbox of <paramref name="db"/>; the caller saves it with the change that decided to send it.</summary>
    public static void Queue(AppDbContext db, DateTime now, string recipient, string subject, string body) =>
        db.OutgoingEmails.Add(new OutgoingEmail
        {
            Recipient = recipient, Subject = subject, Body = body, Status = OutgoingEmailStatus.Queued, CreatedAt = now, NextAttemptAt = now,
        });

    public async Task<SendingOutcome> SendDueAsync(CancellationToken cancellationToken = default)
    {
        List<long> due;
        EmailSettings settings;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            settings = await EmailSettingsStore.LoadAsync(db, cancellationToken);
            if (!settings.IsConfigured)
            {
                return new SendingOutcome(0, 0, 0); // kept until an administrator sets the server up
            }
            var now = Now();
            due = await Due(db.OutgoingEmails, now).OrderBy(e => e.Id).Select(e => e.Id).Take(options.BatchSize).ToListAsync(cancellationToken);
        }
        int sent = 0, toRetry = 0, failed = 0;
        SmtpConnection? connection = null;
        try
        {
            foreach (var id in due)
            {
                if (await ClaimAsync(id, cancellationToken) is not { } message)
                {
                    continue; // another sender has it
                }
                try
                {
                    connection ??= await mailer.ConnectAsync(settings, settingsStore.PasswordOf(settings), cancellationToken);
                    await connection.SendAsync(message.Recipient, message.Subject, message.Body, cancellationToken);
                    await FinishAsync(message, null, cancellationToken);
                    sent++;
                }
                catch (EmailDeliveryException e)
                {
                    logger.LogWarning("Email #{Id} to {Recipient} not sent (attempt {Attempt}): {Reason}", message.Id, message.Recipient, message.Attempts, e.Message);
                    if (await FinishAsync(message, e.Message, cancellationToken) == OutgoingEmailStatus.Failed) failed++; else toRetry++;
                    if (e.ConnectionLost)
                    {
                        break; // the rest wait for the next run, unclaimed and without an attempt counted
                    }
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        return new SendingOutcome(sent, toRetry, failed);
    }

    private static IQueryable<OutgoingEmail> Due(IQueryable<OutgoingEmail> emails, DateTime now) =>
        emails.Where(e => (e.Status == OutgoingEmailStatus.Queued && e.NextAttemptAt <= now)
            || (e.Status == OutgoingEmailStatus.Sending && e.ClaimedUntil <= now));

    /// <summary>Takes the message for this sender, or returns null when another sender took it first.</summary>
    private async Task<OutgoingEmail?> ClaimAsync(long id, CancellationToken cancellationToken)
    {
        var now = Now();
        var until = now + options.ClaimDuration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var won = await Due(db.OutgoingEmails.Where(e => e.Id == id), now).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, OutgoingEmailStatus.Sending)
            .SetProperty(e => e.ClaimedBy, SenderName)
            .SetProperty(e => e.ClaimedUntil, until)
            .SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken);
        return won == 1 ? await db.OutgoingEmails.AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken) : null;
    }

    /// <summary>Records the attempt's end: sent, to retry later, or failed for good; only while this sender still holds the claim.</summary>
    private async Task<OutgoingEmailStatus> FinishAsync(OutgoingEmail message, string? error, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var mine = db.OutgoingEmails.Where(e => e.Id == message.Id && e.Status == OutgoingEmailStatus.Sending && e.ClaimedBy == SenderName);
        if (error is null)
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, OutgoingEmailStatus.Sent).SetProperty(e => e.SentAt, now)
                .SetProperty(e => e.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            return OutgoingEmailStatus.Sent;
        }
        var status = message.Attempts >= options.MaxAttempts ? OutgoingEmailStatus.Failed : OutgoingEmailStatus.Queued;
        var next = now + options.RetryDelay(message.Attempts);
        var reason = error.Length <= OutgoingEmail.ErrorLength ? error : error[..(OutgoingEmail.ErrorLength - 1)] + "…";
        await mine.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, status).SetProperty(e => e.LastError, reason)
            .SetProperty(e => e.NextAttemptAt, next).SetProperty(e => e.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        return status;
    }

    public async Task<Result<OutboxOverview>> OverviewAsync(ClaimsPrincipal principal, int latest = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor || !actor.Roles.Contains(Roles.Administrator))
        {
            return Result<OutboxOverview>.Failure(NotAllowed);
        }
        var counts = await db.OutgoingEmails.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var rows = await db.OutgoingEmails.AsNoTracking().OrderByDescending(e => e.Id).Take(latest)
            .Select(e => new OutgoingEmailView(e.Id, e.Recipient, e.Subject, e.Status, e.Attempts, e.CreatedAt, e.NextAttemptAt, e.SentAt, e.LastError))
            .ToListAsync(cancellationToken);
        return Result.Success(new OutboxOverview(Enum.GetValues<OutgoingEmailStatus>().ToDictionary(s => s, s => counts.GetValueOrDefault(s)), rows));
    }

    /// <summary>Puts a failed message back in the queue with its attempts counted afresh (audited).</summary>
    public async Task<Result> SendAgainAsync(ClaimsPrincipal principal, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor || !actor.Roles.Contains(Roles.Administrator))
        {
            return Result.Failure(NotAllowed);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = await db.OutgoingEmails.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (message is null || message.Status != OutgoingEmailStatus.Failed)
        {
            return Result.Failure("Only a message that failed can be sent again.");
        }
        message.Status = OutgoingEmailStatus.Queued;
        message.Attempts = 0;
        message.NextAttemptAt = Now();
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Subject, AuditAction.Changed,
            [new FieldChange("Status", "Failed", "Queued to send again"), new FieldChange("Recipient", null, message.Recipient)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }

    private DateTime Now()
    {
        var now = clock.GetUtcNow();
        return new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}

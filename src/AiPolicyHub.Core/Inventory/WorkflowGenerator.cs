using System.Data.Common;
using System.Globalization;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiPolicyHub.Core.Inventory;

/// <summary>
/// Synthetic workflows in bulk, for benchmarks and load tests: deterministic for a given seed, reference date and
/// reference data (departments, classification levels, tools and users already in the database). The rows are spread
/// over every department, classification level, stage and status; names and purposes are built from word lists so
/// that a search for one business object (say "invoice") matches about 4 % of them. Rows are written with plain
/// prepared INSERTs in one transaction (100,000 in seconds), so the column list below follows the schema. Every row passes
/// <see cref="InventoryValidation"/>: production workflows have an owner and a review date (without any user, no
/// workflow is put in production), spot-checks have a rate, oversight has an approving role.
/// </summary>
public static class WorkflowGenerator
{
    public const int DefaultSeed = 20261122;

    private static readonly string[] Verbs =
        ["Draft", "Summarise", "Classify", "Translate", "Review", "Score", "Route", "Extract", "Answer questions on", "Detect anomalies in",
         "Forecast", "Tag"];

    /// <summary>The business objects; each is in about 1 in 25 names and purposes.</summary>
    public static readonly IReadOnlyList<string> Objects =
        ["customer emails", "support tickets", "invoices", "contracts", "job applications", "product descriptions", "meeting notes",
         "source code changes", "payment alerts", "supplier offers", "press releases", "survey responses", "insurance claims",
         "purchase orders", "marketing briefs", "chat transcripts", "sales leads", "policy documents", "expense reports",
         "release notes", "call recordings", "credit applications", "audit findings", "training materials", "shipping documents"];

    private static readonly string[] Teams =
        ["EMEA", "Nordics", "DACH", "Benelux", "UK and Ireland", "North America", "APAC", "LATAM", "Head office", "Shared services",
         "Key accounts", "Small business", "Online shop", "Field service", "Back office", "Night shift", "Partner channel", "Graduates",
         "Project Atlas", "Project Beacon"];

    private static readonly string[] ApprovingRoles =
        ["Team lead", "Department head", "Compliance officer", "Senior analyst", "Reviewing colleague", "Product owner", "Legal counsel"];

    private static readonly int[] Cadences = [3, 6, 12, 12, 24];

    /// <summary>
    /// Inserts <paramref name="count"/> workflows (and 1–2 tool links each when tools exist) in one transaction with
    /// two prepared INSERT statements: about 100× faster than EF's change tracking for 100,000 rows.
    /// Returns how many workflows were inserted.
    /// </summary>
    /// <param name="today">The date review dates are spread around (some past, most future).</param>
    public static async Task<int> GenerateAsync(AppDbContext db, int count, DateOnly today, int seed = DefaultSeed,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var departments = await db.Departments.OrderBy(d => d.Id).Select(d => d.Id).ToArrayAsync(cancellationToken);
        var levels = await db.ClassificationLevels.OrderBy(l => l.Rank).Select(l => l.Id).ToArrayAsync(cancellationToken);
        if (departments.Length == 0 || levels.Length == 0)
        {
            throw new InvalidOperationException("Generating workflows needs departments and classification levels (see ReferenceData).");
        }
        var tools = await db.Tools.OrderBy(t => t.Id).Select(t => t.Id).ToArrayAsync(cancellationToken);
        var owners = await db.Users.Where(u => !u.IsDisabled).OrderBy(u => u.Id).Select(u => u.Id).ToArrayAsync(cancellationToken);

        await db.Database.OpenConnectionAsync(cancellationToken);
        var sqlite = db.Database.IsSqlite();
        // Seven indexes take inserts in random key order: with SQLite's default 2 MB page cache most of them miss.
        var cacheSize = sqlite ? await db.Database.SqlQueryRaw<long>("PRAGMA cache_size").ToListAsync(cancellationToken) : [];
        try
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -131072", cancellationToken); // 128 MB, this connection only
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Ids are assigned here (after the highest one, inside the transaction) so the links need no read-back.
            var first = 1 + (await db.Workflows.MaxAsync(w => (int?)w.Id, cancellationToken) ?? 0);
            var connection = db.Database.GetDbConnection();
            await using var workflowInsert = Insert(connection, transaction.GetDbTransaction(), "Workflows", WorkflowColumns, prepare: sqlite);
            await using var linkInsert = Insert(connection, transaction.GetDbTransaction(), "WorkflowTools", ["WorkflowId", "ToolId"], prepare: sqlite);

            var random = new Random(seed);
            for (var n = 0; n < count; n++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var w = Next(random, first + n, today, departments, levels, tools, owners);
                object?[] values =
                [
                    w.Id, w.Name, w.DepartmentId, w.OwnerId, w.Purpose, (int)w.Stage, (int)w.Autonomy, (int)w.Audience, (int)w.AffectsPeople,
                    w.DataClassificationId, (int)w.DataCategories, (int)w.Oversight, w.SpotCheckPercent, w.ApprovingRole, (int)w.Controls,
                    w.MonthlyVolume, w.ReviewCadenceMonths,
                    // EF Core's SQLite format for DateOnly; Npgsql sends DateOnly as a date.
                    sqlite ? w.NextReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : w.NextReviewDate,
                    (int)w.Status, w.Version,
                ];
                Execute(workflowInsert, values);
                foreach (var link in w.Tools)
                {
                    Execute(linkInsert, [w.Id, link.ToolId]);
                }
            }
            if (db.Database.IsPostgres())
            {
                // The ids were given explicitly: move the identity column's sequence past them, or the next EF insert collides.
                await db.Database.ExecuteSqlRawAsync(
                    """SELECT setval(pg_get_serial_sequence('"Workflows"', 'Id'), (SELECT MAX("Id") FROM "Workflows"))""", cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (cacheSize.Count == 1)
            {
                // The connection goes back to the pool: leave it as it was.
                var restore = "PRAGMA cache_size = " + cacheSize[0].ToString(CultureInfo.InvariantCulture);
                await db.Database.ExecuteSqlRawAsync(restore, CancellationToken.None);
            }
            await db.Database.CloseConnectionAsync();
        }
        return count;
    }

    private static readonly string[] WorkflowColumns =
        ["Id", "Name", "DepartmentId", "OwnerId", "Purpose", "Stage", "Autonomy", "Audience", "AffectsPeople",
         "DataClassificationId", "DataCategories", "Oversight", "SpotCheckPercent", "ApprovingRole", "Controls",
         "MonthlyVolume", "ReviewCadenceMonths", "NextReviewDate", "Status", "Version"];

    /// <param name="prepare">SQLite prepares with untyped parameters; Npgsql would need their types first (and prepares itself on reuse).</param>
    private static DbCommand Insert(DbConnection connection, DbTransaction transaction, string table, string[] columns, bool prepare)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }
        if (prepare)
        {
            command.Prepare();
        }
        return command;
    }

    private static void Execute(DbCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static Workflow Next(Random random, int number, DateOnly today, int[] departments, int[] levels, int[] tools, string[] owners)
    {
        var verb = Pick(random, Verbs);
        var thing = Objects[random.Next(Objects.Count)];
        var team = Pick(random, Teams);

        var (stage, status) = StageAndStatus(random);
        if (stage == LifecycleStage.Production && owners.Length == 0)
        {
            stage = LifecycleStage.Pilot;
        }
        var owned = owners.Length > 0 && (stage == LifecycleStage.Production || random.NextDouble() < 0.7);
        DateOnly? review = stage switch
        {
            LifecycleStage.Production => today.AddDays(random.Next(-120, 366)),
            LifecycleStage.Pilot when random.NextDouble() < 0.7 => today.AddDays(random.Next(-60, 366)),
            _ => null,
        };

        var oversight = (HumanOversight)Weighted(random, [10, 25, 35, 20, 10]);
        var workflow = new Workflow
        {
            Id = number,
            Name = $"{verb} {thing} – {team} #{number:D6}",
            DepartmentId = departments[random.Next(departments.Length)],
            OwnerId = owned ? owners[random.Next(owners.Length)] : null,
            Purpose = $"Uses AI to {Lower(verb)} {thing} for {team}. {OversightSentence(oversight)}",
            Stage = stage,
            Autonomy = (Autonomy)Weighted(random, [35, 35, 20, 10]),
            Audience = (Audience)Weighted(random, [60, 25, 12, 3]),
            AffectsPeople = random.NextDouble() < 0.12 ? (PeopleImpact)(1 << random.Next(7)) : PeopleImpact.None,
            DataClassificationId = levels.Length == 4 ? levels[Weighted(random, [15, 40, 35, 10])] : levels[random.Next(levels.Length)],
            DataCategories = Flags<DataCategories>(random, 7, 0.15),
            Oversight = oversight,
            SpotCheckPercent = oversight == HumanOversight.SpotCheck ? random.Next(1, 51) : null,
            ApprovingRole = oversight == HumanOversight.None ? "" : Pick(random, ApprovingRoles),
            Controls = Flags<VerificationControls>(random, 5, 0.3),
            MonthlyVolume = random.NextDouble() < 0.1 ? null : (int)Math.Pow(10, 1 + random.NextDouble() * 4),
            ReviewCadenceMonths = Pick(random, Cadences),
            NextReviewDate = review,
            Status = status,
            Version = 1,
        };
        if (tools.Length > 0)
        {
            var tool = tools[random.Next(tools.Length)];
            workflow.Tools.Add(new WorkflowTool { ToolId = tool });
            if (tools.Length > 1 && random.NextDouble() < 0.35)
            {
                var second = tools[random.Next(tools.Length - 1)];
                workflow.Tools.Add(new WorkflowTool { ToolId = second == tool ? tools[^1] : second });
            }
        }
        return workflow;
    }

    private static (LifecycleStage, WorkflowStatus) StageAndStatus(Random random)
    {
        var status = (WorkflowStatus)Weighted(random, [14, 14, 46, 5, 5, 16]); // Draft, Submitted, Approved, Rejected, Paused, Retired
        var roll = random.NextDouble();
        var stage = status switch
        {
            WorkflowStatus.Retired => LifecycleStage.Retired,
            WorkflowStatus.Paused => LifecycleStage.Production,
            WorkflowStatus.Approved => roll < 0.7 ? LifecycleStage.Production : LifecycleStage.Pilot,
            WorkflowStatus.Submitted => roll < 0.2 ? LifecycleStage.Idea : roll < 0.8 ? LifecycleStage.Pilot : LifecycleStage.Production,
            _ => roll < 0.6 ? LifecycleStage.Idea : LifecycleStage.Pilot,
        };
        return (stage, status);
    }

    private static string OversightSentence(HumanOversight oversight) => oversight switch
    {
        HumanOversight.None => "Nobody checks the output.",
        HumanOversight.SpotCheck => "A sample of the output is checked.",
        HumanOversight.ReviewBeforeUse => "A person reviews the output before it is used.",
        HumanOversight.ApprovalBeforeRelease => "Output is approved before it leaves the company.",
        _ => "Two people approve the output.",
    };

    private static string Lower(string verb) => char.ToLowerInvariant(verb[0]) + verb[1..];

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>An index into <paramref name="weights"/>, chosen in proportion to the weights.</summary>
    private static int Weighted(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private static T Flags<T>(Random random, int bits, double probability) where T : struct, Enum
    {
        var value = 0;
        for (var bit = 0; bit < bits; bit++)
        {
            if (random.NextDouble() < probability)
            {
                value |= 1 << bit;
            }
        }
        return (T)Enum.ToObject(typeof(T), value);
    }
}

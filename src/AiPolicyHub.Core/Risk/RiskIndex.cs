using System.Data.Common;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiPolicyHub.Core.Risk;

/// <summary>
/// Keeps each workflow's residual risk on its row (<see cref="Workflow.RiskScore"/> and friends), so the dashboard
/// and the lists count and filter in the database. Called by whatever changes what the risk depends on — a workflow
/// save, a tool save — inside that change's transaction, and at start-up for rows never assessed.
/// </summary>
public static class RiskIndex
{
    private const int BatchSize = 1_000;

    /// <summary>Re-assesses the workflows <paramref name="which"/> selects; returns how many rows changed.</summary>
    public static async Task<int> UpdateAsync(AppDbContext db, IQueryable<Workflow> which, CancellationToken cancellationToken = default)
    {
        var ids = await which.Select(w => w.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }
        var levels = await db.ClassificationLevels.AsNoTracking().ToListAsync(cancellationToken);
        var scale = ClassificationScale.From(levels);
        var thresholds = await RiskSettings.ThresholdsAsync(db, cancellationToken);
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification).ToDictionaryAsync(t => t.Id, RuleTool.From, cancellationToken);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var update = UpdateCommand(connection, db.Database.CurrentTransaction);
            var changed = 0;
            foreach (var batch in ids.Chunk(BatchSize))
            {
                var workflows = await db.Workflows.AsNoTracking().Include(w => w.Tools).Include(w => w.DataClassification)
                    .Where(w => batch.Contains(w.Id)).ToListAsync(cancellationToken);
                foreach (var workflow in workflows)
                {
                    var subject = RuleSubject.From(workflow, workflow.Tools.Select(t => tools[t.ToolId]).ToList());
                    var risk = RiskAssessor.Residual(subject, scale, thresholds);
                    if (risk.Residual.Likelihood == workflow.RiskLikelihood && risk.Residual.Impact == workflow.RiskImpact
                        && risk.Tier == workflow.RiskTier && risk.Residual.Score == workflow.RiskScore)
                    {
                        continue;
                    }
                    update.Parameters["@likelihood"].Value = risk.Residual.Likelihood;
                    update.Parameters["@impact"].Value = risk.Residual.Impact;
                    update.Parameters["@score"].Value = risk.Residual.Score;
                    update.Parameters["@tier"].Value = (int)risk.Tier;
                    update.Parameters["@id"].Value = workflow.Id;
                    changed += await update.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            return changed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Workflows never assessed (score 0), e.g. rows that existed before risk was kept, or a bulk load.</summary>
    public static Task<int> UpdateUnassessedAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        UpdateAsync(db, db.Workflows.Where(w => w.RiskScore == 0), cancellationToken);

    // One prepared statement for the whole run, in the caller's transaction when there is one.
    // "@name" parameters: the spelling SQLite and Npgsql both accept.
    private static DbCommand UpdateCommand(DbConnection connection, IDbContextTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction?.GetDbTransaction();
        command.CommandText = """
            UPDATE "Workflows" SET "RiskLikelihood" = @likelihood, "RiskImpact" = @impact, "RiskScore" = @score, "RiskTier" = @tier
            WHERE "Id" = @id
            """;
        foreach (var name in new[] { "@likelihood", "@impact", "@score", "@tier", "@id" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

using System.Globalization;
using AiPolicyHub.Benchmarks.Measurement;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Benchmarks.Areas;

/// <summary>
/// The rule engine over a whole inventory in memory: 100,000 synthetic workflows (seeded, so every run evaluates the
/// same ones) drawn from a pool of 15 tools, about 5 % with a granted exception, evaluated with every built-in rule on
/// one thread, as a nightly findings refresh or the dashboard would. Also one staff-checker question, which evaluates
/// the rules several times to work out its conditions. With them, 10,000 synthetic agents (permissions, autonomy,
/// checkpoints, connectors, activity) judged by the agent rules in the same pass (<c>evaluate_all</c>: the goal is under
/// 1 s on one core), then on their own with their residual risk. <c>--workflows N</c> generates N workflows instead.
/// </summary>
public sealed class RulesBenchmark : IBenchmarkArea
{
    private const int DefaultWorkflows = 100_000, Agents = 10_000, Warmup = 3, Iterations = 21, Seed = 20261122;
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly string[] Levels = ["", "Public", "Internal", "Confidential", "Restricted"];

    public string Name => "rules";

    public string Description => "rule engine: every built-in rule over 100,000 in-memory workflows and 10,000 agents on one thread; one staff-checker question";

    public Task RunAsync(Report report, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = ParseArguments(args);
        var random = new Random(Seed);
        var tools = Enumerable.Range(0, 15).Select(i => Tool(random, i)).ToArray();
        var subjects = new RuleSubject[count];
        var exceptions = new IReadOnlyList<GrantedException>[count];
        for (var i = 0; i < count; i++)
        {
            subjects[i] = Subject(random, tools, i);
            exceptions[i] = random.Next(20) == 0
                ? [new GrantedException(BuiltInRules.All[random.Next(BuiltInRules.All.Count)].Id, Today.AddDays(random.Next(-30, 90)))]
                : [];
        }
        var connectors = Enumerable.Range(0, 40).Select(i => new RuleConnector($"Connector {i}",
            random.Next(5) == 0 ? ToolApprovalStatus.Proposed : ToolApprovalStatus.Approved, IsPaused: random.Next(20) == 0)).ToArray();
        var agents = new RuleSubject[Agents];
        for (var i = 0; i < agents.Length; i++)
        {
            agents[i] = Agent(random, tools, connectors, i);
        }
        report.Figure("workflows", count, "workflows");
        report.Figure("agents", Agents, "agents");
        report.Figure("rules", BuiltInRules.All.Count, "rules");

        var engine = RuleEngine.Default;
        var findings = new List<RuleFinding>(count * 2);
        var allocated = 0L;
        var timing = Measure.Run("evaluate_all", Warmup, Iterations, _ =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            findings.Clear();
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < subjects.Length; i++)
            {
                engine.EvaluateInto(subjects[i], exceptions[i], Today, findings);
            }
            for (var i = 0; i < agents.Length; i++)
            {
                engine.EvaluateInto(agents[i], [], Today, findings);
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        report.Timing(timing, TimeUnit.Milliseconds, throughput: false);
        report.Figure("findings_total", findings.Count, "findings");
        report.Figure("per_record", timing.Median.TotalMicroseconds / (count + Agents), "µs");
        report.Figure("allocated_per_record", (double)allocated / (count + Agents), "bytes");

        // The agents alone, as the dashboard and the findings page judge them: rules, then residual risk.
        var agentFindings = new List<RuleFinding>(Agents * 2);
        report.Timing(Measure.Run("evaluate_agents", Warmup, Iterations, _ =>
        {
            agentFindings.Clear();
            for (var i = 0; i < agents.Length; i++)
            {
                engine.EvaluateInto(agents[i], [], Today, agentFindings);
            }
        }), TimeUnit.Milliseconds, throughput: false);
        report.Figure("agent_findings", agentFindings.Count, "findings");
        var scale = engine.Settings.Scale;
        report.Timing(Measure.Run("agents_risk", Warmup, Iterations, _ =>
        {
            for (var i = 0; i < agents.Length; i++)
            {
                RiskAssessor.Residual(agents[i], scale);
            }
        }), TimeUnit.Milliseconds, throughput: false);

        // A question answered with conditions, the most work for the checker: it searches for the weakest safeguards. (Screening
        // applicants, asked here before, is high-risk since the checker sends such uses to an approved workflow.)
        var checker = new UsageChecker(engine);
        var approved = new RuleTool("Approved assistant", ToolApprovalStatus.Approved, 3, Levels[3], VendorTraining.No, true, ToolCapabilities.Text);
        var question = new UsageCheck(approved, UsageTask.AnsweringCustomers, 3, DataCategories.PersonalData, Audience.CustomerFacing, false);
        report.Timing(Measure.Run("usage_check", 200, 2_000, _ =>
        {
            if (checker.Check(question, Today).Value?.Verdict != Verdict.AllowedWithConditions)
            {
                throw new InvalidOperationException("The benchmark question should be allowed with conditions.");
            }
        }), TimeUnit.Microseconds, throughput: false);
        report.Timing(Measure.Run("approved_alternatives", 20, 200, _ => checker.ApprovedAlternatives(question, tools, Today)),
            TimeUnit.Microseconds, throughput: false);
        return Task.CompletedTask;
    }

    /// <summary>Mostly approved tools cleared for Internal or Confidential data, a few risky ones.</summary>
    private static RuleTool Tool(Random random, int index)
    {
        var status = random.Next(10) switch
        {
            < 6 => ToolApprovalStatus.Approved,
            < 8 => ToolApprovalStatus.ApprovedWithRestrictions,
            8 => ToolApprovalStatus.Proposed,
            _ => random.Next(2) == 0 ? ToolApprovalStatus.Prohibited : ToolApprovalStatus.Retired,
        };
        var rank = random.Next(2, 5);
        var capabilities = random.Next(4) switch
        {
            0 => ToolCapabilities.Code,
            1 => ToolCapabilities.Text | ToolCapabilities.Code,
            2 => ToolCapabilities.Text | ToolCapabilities.DecisionSupport,
            _ => ToolCapabilities.Text,
        };
        return new RuleTool($"Tool {index}", status, rank, Levels[rank], (VendorTraining)random.Next(3),
            random.Next(4) != 0, capabilities, IsPaused: random.Next(15) == 0);
    }

    /// <summary>A random mix of risk factors and safeguards: about two findings per workflow, so text building is measured too.</summary>
    private static RuleSubject Subject(Random random, RuleTool[] tools, int index)
    {
        var toolCount = random.Next(1, 4);
        var used = new RuleTool[toolCount];
        for (var t = 0; t < toolCount; t++)
        {
            used[t] = tools[random.Next(tools.Length)];
        }
        var rank = random.Next(1, 5);
        var oversight = (HumanOversight)random.Next(5);
        return new RuleSubject
        {
            Name = $"Workflow {index}",
            Stage = (LifecycleStage)random.Next(4),
            Status = random.Next(30) == 0 ? WorkflowStatus.Paused : (WorkflowStatus)random.Next(4),
            Autonomy = (Autonomy)random.Next(4),
            Audience = (Audience)random.Next(4),
            AffectsPeople = random.Next(8) == 0 ? (PeopleImpact)(1 << random.Next(7)) : PeopleImpact.None,
            ClassificationRank = rank,
            ClassificationName = Levels[rank],
            DataCategories = (DataCategories)random.Next(128) & (DataCategories)random.Next(128),
            Oversight = oversight,
            SpotCheckPercent = oversight == HumanOversight.SpotCheck ? random.Next(1, 30) : null,
            Controls = (VerificationControls)random.Next(32),
            HasOwner = random.Next(10) != 0,
            NextReviewDate = random.Next(20) == 0 ? null : Today.AddDays(random.Next(-60, 365)),
            Tools = used,
        };
    }

    /// <summary>A random agent: about one in three acts alone, some spend or send without a checkpoint, some use unapproved connectors or sit idle.</summary>
    private static RuleSubject Agent(Random random, RuleTool[] tools, RuleConnector[] connectors, int index)
    {
        var permissions = AgentPermissions.ReadData | (AgentPermissions)(random.Next(32) << 1);
        var checkpoints = permissions & (AgentPermissions)random.Next(64);
        var used = new RuleConnector[random.Next(0, 4)];
        for (var c = 0; c < used.Length; c++)
        {
            used[c] = connectors[random.Next(connectors.Length)];
        }
        var rank = random.Next(1, 5);
        return AgentRules.Subject($"Agent {index}", random.Next(30) == 0 ? WorkflowStatus.Paused : (WorkflowStatus)random.Next(4), permissions,
            (AgentAutonomy)random.Next(3), checkpoints, rank, Levels[rank], tools[random.Next(tools.Length)], used,
            random.Next(4) == 0 ? null : Today.AddDays(-random.Next(0, 200)), random.Next(10) != 0, inUseSince: Today.AddDays(-random.Next(0, 400)));
    }

    private static int ParseArguments(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return DefaultWorkflows;
        }
        if (args is ["--workflows", var text] && int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }
        throw new BenchmarkUsageException($"The rules area takes only --workflows N (got: {string.Join(' ', args)}).");
    }
}

using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using FsCheck;
using FsCheck.Fluent;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

/// <summary>
/// Properties over random workflows, settings and questions: more risk never removes a finding or improves a verdict,
/// and more safeguards never add a finding. Settings are random too (rules on or off, any valid parameter), with the
/// audience parameters “from an audience up”, as the defaults are: with a set such as “customer-facing only”, widening
/// the audience to the public would drop the finding by design.
/// </summary>
public class RuleMonotonicityProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    private static Gen<T> Any<T>() where T : struct, Enum => Gen.Elements(Enum.GetValues<T>());

    private static Gen<T> AnyFlags<T>() where T : struct, Enum =>
        Gen.Choose(0, Enum.GetValues<T>().Select(v => Convert.ToInt32(v)).Aggregate(0, (a, b) => a | b)).Select(v => (T)(object)v);

    private static readonly Gen<int> Rank = Gen.Choose(1, 4);

    private static readonly Gen<RuleTool> Tool =
        from name in Gen.Elements("Alpha", "Beta", "Gamma")
        from status in Any<ToolApprovalStatus>()
        from max in Rank
        from training in Any<VendorTraining>()
        from agreement in Gen.Elements(true, false)
        from capabilities in AnyFlags<ToolCapabilities>()
        from paused in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
        select new RuleTool(name, status, max, LevelNames[max], training, agreement, capabilities, paused);

    private static readonly Gen<int?> Percent = Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 100).Select(p => (int?)p));

    private static readonly Gen<RuleSubject> Subject =
        from stage in Any<LifecycleStage>()
        from status in Any<WorkflowStatus>()
        from autonomy in Any<Autonomy>()
        from audience in Any<Audience>()
        from people in Gen.Frequency((2, Gen.Constant(PeopleImpact.None)), (1, AnyFlags<PeopleImpact>()))
        from rank in Rank
        from data in AnyFlags<DataCategories>()
        from oversight in Any<HumanOversight>()
        from percent in Percent
        from controls in AnyFlags<VerificationControls>()
        from owner in Gen.Elements(true, false)
        from review in Gen.OneOf(Gen.Constant<DateOnly?>(null), Gen.Choose(-20, 20).Select(d => (DateOnly?)Today.AddDays(d)))
        from tools in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Tool, n))
        from paused in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
        select new RuleSubject
        {
            Name = "Random workflow", Stage = stage, Status = status, Autonomy = autonomy, Audience = audience, AffectsPeople = people,
            ClassificationRank = rank, ClassificationName = LevelNames[rank], DataCategories = data, Oversight = oversight,
            SpotCheckPercent = percent, Controls = controls, HasOwner = owner, NextReviewDate = review, Tools = tools, IsPaused = paused,
        };

    private static readonly Gen<RuleEngine> Engine =
        from enabled in Gen.ArrayOf(Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false))), BuiltInRules.All.Count)
        from minimumRank in Rank
        from graceDays in Gen.Choose(0, 30)
        from minimumPercent in Gen.Choose(1, 100)
        from reviewFrom in Any<Audience>()
        from sampleFrom in Any<Audience>()
        from generalAssistants in Gen.Choose(0, 1)
        select new RuleEngine(Disable(RuleSettings.Default, enabled)
            .WithParameter(AutomationWithSensitiveDataRule.RuleId, AutomationWithSensitiveDataRule.MinimumRankKey, minimumRank)
            .WithParameter(ProductionOwnershipRule.RuleId, ProductionOwnershipRule.GraceDaysKey, graceDays)
            .WithParameter(SpotCheckRateRule.RuleId, SpotCheckRateRule.MinimumPercentKey, minimumPercent)
            .WithParameter(SpotCheckRateRule.RuleId, SpotCheckRateRule.AudiencesKey, (int)AudienceSetExtensions.FromAudienceUp(sampleFrom))
            .WithParameter(ExternalOutputReviewRule.RuleId, ExternalOutputReviewRule.AudiencesKey, (int)AudienceSetExtensions.FromAudienceUp(reviewFrom))
            .WithParameter(AiCodeReviewRule.RuleId, AiCodeReviewRule.GeneralAssistantsKey, generalAssistants));

    private static RuleSettings Disable(RuleSettings settings, bool[] enabled)
    {
        for (var i = 0; i < enabled.Length; i++)
        {
            settings = enabled[i] ? settings : settings.Disable(BuiltInRules.All[i].Id);
        }
        return settings;
    }

    /// <summary>A workflow, a riskier (or more guarded) variant of it, and the engine to compare them with.</summary>
    private sealed record Pair(RuleSubject Before, RuleSubject After, RuleEngine Engine)
    {
        public override string ToString() => $"before: {Before}{Environment.NewLine}after: {After}{Environment.NewLine}settings: " +
            string.Join("; ", Engine.AllRules.Select(r => $"{r.Id} {(Engine.EnabledRules.Contains(r) ? "on" : "off")} {Engine.Settings.ParametersFor(r)}"));
    }

    private static Arbitrary<Pair> Pairs(Func<RuleSubject, Gen<RuleSubject>> change) =>
        (from before in Subject
         from after in change(before)
         from engine in Engine
         select new Pair(before, after, engine)).ToArbitrary();

    private static HashSet<string> Ids(Pair pair, RuleSubject subject) =>
        [.. pair.Engine.Evaluate(subject, Today).Select(f => f.RuleId)];

    private static void NeverRemovesAFinding(Arbitrary<Pair> pairs) =>
        Prop.ForAll(pairs, p => Ids(p, p.Before).IsSubsetOf(Ids(p, p.After))).Check(Runs);

    private static void NeverAddsAFinding(Arbitrary<Pair> pairs) =>
        Prop.ForAll(pairs, p => Ids(p, p.After).IsSubsetOf(Ids(p, p.Before))).Check(Runs);

    private static Gen<RuleSubject> MoreSensitive(RuleSubject s) =>
        from rank in Gen.Choose(s.ClassificationRank, 4)
        from extra in AnyFlags<DataCategories>()
        select s.WithRank(rank) with { DataCategories = s.DataCategories | extra };

    private static Gen<RuleSubject> WiderAudience(RuleSubject s) =>
        Gen.Elements(Enum.GetValues<Audience>().Where(a => a >= s.Audience).ToArray()).Select(a => s with { Audience = a });

    private static Gen<RuleSubject> MoreAutonomous(RuleSubject s) =>
        Gen.Elements(Enum.GetValues<Autonomy>().Where(a => a >= s.Autonomy).ToArray()).Select(a => s with { Autonomy = a });

    private static Gen<RuleSubject> MoreControls(RuleSubject s) =>
        AnyFlags<VerificationControls>().Select(extra => s with { Controls = s.Controls | extra });

    /// <summary>Oversight at least as strong, and a spot-check sample at least as large.</summary>
    private static Gen<RuleSubject> StrongerOversight(RuleSubject s) =>
        from oversight in Gen.Elements(Enum.GetValues<HumanOversight>().Where(o => o >= s.Oversight).ToArray())
        from percent in Gen.Choose(s.SpotCheckPercent ?? 0, 100)
        select s with { Oversight = oversight, SpotCheckPercent = s.Oversight == HumanOversight.SpotCheck || oversight == HumanOversight.SpotCheck ? percent : s.SpotCheckPercent };

    [Fact]
    public void More_sensitive_data_never_removes_a_finding() => NeverRemovesAFinding(Pairs(MoreSensitive));

    [Fact]
    public void A_wider_audience_never_removes_a_finding() => NeverRemovesAFinding(Pairs(WiderAudience));

    [Fact]
    public void More_autonomy_never_removes_a_finding() => NeverRemovesAFinding(Pairs(MoreAutonomous));

    [Fact]
    public void Adding_verification_controls_never_adds_a_finding() => NeverAddsAFinding(Pairs(MoreControls));

    [Fact]
    public void Stronger_oversight_never_adds_a_finding() => NeverAddsAFinding(Pairs(StrongerOversight));

    [Fact]
    public void Evaluation_is_deterministic() =>
        Prop.ForAll(Pairs(Gen.Constant), p => p.Engine.Evaluate(p.Before, Today).SequenceEqual(p.Engine.Evaluate(p.After, Today))).Check(Runs);

    [Fact]
    public void An_exception_suppresses_exactly_its_rule_while_it_is_valid() =>
        Prop.ForAll(Pairs(Gen.Constant), Gen.Choose(-3, 3).ToArbitrary(), (p, days) =>
        {
            var all = p.Engine.Evaluate(p.Before, Today);
            if (all.Count == 0)
            {
                return true;
            }
            var excepted = all[0].RuleId;
            var withException = p.Engine.Evaluate(p.Before, [new GrantedException(excepted, Today.AddDays(days))], Today);
            return days >= 0
                ? withException.SequenceEqual(all.Skip(1))
                : withException.SequenceEqual(all);
        }).Check(Runs);

    // The staff checker: verdicts ordered from best to worst; a riskier question never gets a better one.

    private static int Goodness(Verdict verdict) => verdict switch
    {
        Verdict.Allowed => 3,
        Verdict.AllowedWithConditions => 2,
        Verdict.Paused => 1,
        // Not ad hoc (only in an approved workflow) is as far from “allowed” as “not allowed”.
        _ => 0,
    };

    private sealed record Questions(UsageCheck Before, UsageCheck After, RuleEngine Engine)
    {
        public override string ToString() => $"before: {Before}{Environment.NewLine}after: {After}";
    }

    private static readonly Gen<UsageCheck> Question =
        from tool in Gen.Frequency((1, Gen.Constant<RuleTool?>(null)), (6, Tool.Select(t => (RuleTool?)t)))
        from task in Any<UsageTask>()
        from rank in Rank
        from data in AnyFlags<DataCategories>()
        from audience in Any<Audience>()
        from people in Gen.Elements(true, false)
        select new UsageCheck(tool, task, rank, data, audience, people);

    private static Gen<UsageCheck> Riskier(UsageCheck q) =>
        from rank in Gen.Choose(q.ClassificationRank, 4)
        from extra in AnyFlags<DataCategories>()
        from audience in Gen.Elements(Enum.GetValues<Audience>().Where(a => a >= q.Audience).ToArray())
        from people in Gen.Elements(true, q.DecidesAboutPeople)
        select q with { ClassificationRank = rank, DataCategories = q.DataCategories | extra, Audience = audience, DecidesAboutPeople = people };

    [Fact]
    public void A_riskier_question_never_gets_a_better_verdict() =>
        Prop.ForAll(
            (from before in Question from after in Riskier(before) from engine in Engine select new Questions(before, after, engine)).ToArbitrary(),
            q =>
            {
                var checker = new UsageChecker(q.Engine);
                var before = checker.Check(q.Before, Today);
                var after = checker.Check(q.After, Today);
                // Adding categories can make a question contradictory (special-category data as Public): no verdict to compare.
                return !before.Succeeded || !after.Succeeded || Goodness(after.Value!.Verdict) <= Goodness(before.Value!.Verdict);
            }).Check(Runs);

    [Fact]
    public void A_riskier_proposal_never_gets_a_better_verdict_whether_more_sensitive_wider_or_more_autonomous() =>
        Prop.ForAll(
            Pairs(s => from a in MoreSensitive(s) from b in WiderAudience(a) from c in MoreAutonomous(b) select c),
            p =>
            {
                var checker = new UsageChecker(p.Engine);
                return Goodness(checker.Decide(p.After, Today).Verdict) <= Goodness(checker.Decide(p.Before, Today).Verdict);
            }).Check(Runs);

    [Fact]
    public void A_not_allowed_answer_is_one_no_safeguard_could_fix_and_an_allowed_one_breaks_no_rule() =>
        Prop.ForAll(Pairs(Gen.Constant), p =>
        {
            var answer = new UsageChecker(p.Engine).Decide(p.Before, Today);
            var guarded = p.Engine.Evaluate(p.Before with
            {
                Oversight = HumanOversight.TwoPersonApproval,
                Controls = (VerificationControls)31,
            }, Today);
            var bare = p.Engine.Evaluate(p.Before with { Oversight = HumanOversight.None, SpotCheckPercent = null, Controls = VerificationControls.None }, Today);
            return answer.Verdict switch
            {
                Verdict.NotAllowed => guarded.Count > 0 || AiPolicyHub.Core.Risk.EuAiActClassifier.Suggest(p.Before).Category == AiPolicyHub.Core.Risk.EuAiActCategory.Prohibited,
                Verdict.Paused => guarded.Count > 0,
                // High-risk: no safeguard the person could add makes it theirs to do; the obligations are a workflow owner's.
                Verdict.ApprovedWorkflowOnly => guarded.Count == 0 && answer.Conditions.Count == 0,
                Verdict.Allowed => bare.Count == 0,
                _ => guarded.Count == 0 && answer.Conditions.Count > 0,
            };
        }).Check(Runs);
}

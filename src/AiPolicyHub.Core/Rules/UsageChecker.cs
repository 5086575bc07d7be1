using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules.BuiltIn;

namespace AiPolicyHub.Core.Rules;

/// <summary>
/// The staff checker (“Can I use AI for this?”), answered by the same rules as the inventory. The question becomes a
/// proposed workflow, evaluated twice: with every safeguard (two-person approval and every verification control) and
/// with none. A finding that remains with every safeguard cannot be fixed by how the person works (wrong tool, data too
/// sensitive): not allowed. Findings that only appear without safeguards become conditions: the weakest oversight and
/// the fewest controls that make the proposal clean, found by evaluating the rules again.
/// </summary>
public sealed class UsageChecker(RuleEngine engine)
{
    public const string UnknownToolReason = "The tool is not in the approved list.";

    private const VerificationControls AllControls = VerificationControls.FactCheck | VerificationControls.CodeReview
        | VerificationControls.BiasTesting | VerificationControls.ProvenanceLogging | VerificationControls.IndependentValidation;

    private const DataCategories NeverPublic = DataCategories.SpecialCategoryData | DataCategories.Credentials | DataCategories.TradeSecrets;

    public RuleEngine Engine => engine;

    /// <summary>The answer, or messages when the question is incomplete or contradicts itself.</summary>
    public Result<UsageAnswer> Check(UsageCheck check, DateOnly today)
    {
        var errors = Validate(check, engine.Settings.Scale);
        if (errors.Count > 0)
        {
            return Result<UsageAnswer>.Failure([.. errors]);
        }
        if (check.Tool is null)
        {
            return Result.Success(new UsageAnswer(Verdict.NotAllowed,
                [$"{UnknownToolReason} Ask the compliance team to assess it, or use one of the approved tools."], [], []));
        }
        return Result.Success(Decide(Proposal(check, engine.Settings.Scale, today), today));
    }

    /// <summary>
    /// The approved tools (other than the one asked about) made for the task (<see cref="UsageTaskProfile.Fits"/>) with
    /// which the same use would be allowed, with or without conditions: those allowed outright first, then by fewest conditions, then by name.
    /// </summary>
    public IReadOnlyList<UsageAlternative> ApprovedAlternatives(UsageCheck check, IEnumerable<RuleTool> tools, DateOnly today)
    {
        var alternatives = new List<UsageAlternative>();
        foreach (var tool in tools)
        {
            if (tool.ApprovalStatus is not (ToolApprovalStatus.Approved or ToolApprovalStatus.ApprovedWithRestrictions)
                || tool.IsPaused
                || !UsageTaskProfile.Fits(check.Task, tool.Capabilities)
                || string.Equals(tool.Name, check.Tool?.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var answer = Check(check with { Tool = tool }, today);
            if (answer is { Succeeded: true, Value: { Verdict: Verdict.Allowed or Verdict.AllowedWithConditions } allowed })
            {
                alternatives.Add(new UsageAlternative(tool, allowed));
            }
        }
        return
        [
            .. alternatives
                .OrderBy(a => a.Answer.Verdict)
                .ThenBy(a => a.Answer.Conditions.Count)
                .ThenBy(a => a.Tool.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(a => a.Tool.Name, StringComparer.Ordinal),
        ];
    }

    /// <summary>Messages for a question that cannot be answered as asked (empty when it can).</summary>
    public static IReadOnlyList<string> Validate(UsageCheck check, ClassificationScale scale)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(check.Task))
        {
            errors.Add("Choose what you want to use AI for.");
        }
        if (!Enum.IsDefined(check.Audience))
        {
            errors.Add("Choose who will see the result.");
        }
        if (!scale.Contains(check.ClassificationRank))
        {
            errors.Add("Choose how sensitive the data is.");
        }
        else if (check.ClassificationRank == scale.Lowest.Rank && (check.DataCategories & NeverPublic) != 0)
        {
            var categories = RuleText.List([.. EnumText.Flags(check.DataCategories & NeverPublic).Select(RuleText.Lower)]);
            errors.Add($"{scale.Lowest.Name} data cannot include {categories}: choose a more sensitive level, or leave those out.");
        }
        return errors;
    }

    /// <summary>The question as a workflow the rules can evaluate; safeguards are left to <see cref="Decide"/>.</summary>
    internal static RuleSubject Proposal(UsageCheck check, ClassificationScale scale, DateOnly today)
    {
        var profile = UsageTaskProfile.Of(check.Task);
        var people = profile.AffectsPeople != PeopleImpact.None ? profile.AffectsPeople
            : check.DecidesAboutPeople ? RuleText.AllPeopleAreas
            : PeopleImpact.None;
        return new RuleSubject
        {
            Name = EnumText.Of(check.Task),
            Purpose = check.TaskDescription ?? "",
            // A use in earnest, with an owner (the person asking) and a review that is not due.
            Stage = LifecycleStage.Production,
            Status = WorkflowStatus.Approved,
            HasOwner = true,
            NextReviewDate = today,
            Autonomy = check.Autonomy is { } autonomy && autonomy > profile.Autonomy ? autonomy : profile.Autonomy,
            Audience = check.Audience > profile.MinimumAudience ? check.Audience : profile.MinimumAudience,
            AffectsPeople = people,
            ClassificationRank = check.ClassificationRank,
            ClassificationName = scale.NameOf(check.ClassificationRank),
            DataCategories = check.DataCategories | profile.Data,
            Oversight = HumanOversight.None,
            Tools = check.Tool is null ? [] : [check.Tool],
        };
    }

    /// <summary>The verdict for a proposed use; its oversight and controls are ignored (they are what the answer sets).</summary>
    internal UsageAnswer Decide(RuleSubject proposal, DateOnly today)
    {
        var guarded = engine.Evaluate(proposal with
        {
            Oversight = HumanOversight.TwoPersonApproval, SpotCheckPercent = null, Controls = AllControls,
        }, today);
        if (guarded.Count > 0)
        {
            var verdict = guarded.All(f => f.RuleId == PausedInUseRule.RuleId) ? Verdict.Paused : Verdict.NotAllowed;
            return new UsageAnswer(verdict, [.. guarded.Select(f => f.Text)], [], guarded);
        }

        var bare = proposal with { Oversight = HumanOversight.None, SpotCheckPercent = null, Controls = VerificationControls.None };
        var unguarded = engine.Evaluate(bare, today);
        var safeguards = unguarded.Count > 0 ? Safeguards(bare, today) : (HumanOversight.None, null, VerificationControls.None);
        var conditions = Conditions(safeguards).ToList();

        var highRisk = EuAiActClassifier.Suggest(proposal);
        if (highRisk.Category == EuAiActCategory.Prohibited)
        {
            return new UsageAnswer(Verdict.NotAllowed, [highRisk.Reason], [], unguarded);
        }
        if (highRisk.Category == EuAiActCategory.HighRisk
            || unguarded.Any(f => f.Severity == FindingSeverity.Critical)
            || (safeguards.Controls & OwnersOnly) != 0)
        {
            return OnlyInAnApprovedWorkflow(proposal, highRisk, unguarded, conditions);
        }

        foreach (var tool in proposal.Tools)
        {
            if (tool.ApprovalStatus == ToolApprovalStatus.ApprovedWithRestrictions)
            {
                conditions.Add($"Follow the restrictions compliance recorded for {RuleText.Quoted(tool.Name)}.");
            }
        }
        if (conditions.Count == 0)
        {
            // Plain “allowed”: there is nothing to explain, and no finding to list.
            return new UsageAnswer(Verdict.Allowed, [], [], []);
        }
        var reasons = unguarded.Count > 0
            ? unguarded.Select(f => f.Explanation).ToList()
            : ["The tool is approved with restrictions."];
        return new UsageAnswer(Verdict.AllowedWithConditions, reasons, conditions, unguarded);
    }

    /// <summary>What the answer says instead of a reason when the verdict is a plain <see cref="Verdict.Allowed"/>.</summary>
    public const string NothingRestricts = "No rule of the AI policy restricts this use.";

    /// <summary>Safeguards a member of staff cannot provide on their own: the owner of an approved workflow arranges them.</summary>
    private const VerificationControls OwnersOnly = VerificationControls.BiasTesting;

    /// <summary>
    /// A high-risk use: why it is one, and what the workflow that may do it has to provide (its owner's obligations, not
    /// the asker's: no conditions).
    /// </summary>
    private static UsageAnswer OnlyInAnApprovedWorkflow(RuleSubject proposal, EuAiActSuggestion suggestion, IReadOnlyList<RuleFinding> unguarded,
        IReadOnlyList<string> safeguards)
    {
        var what = proposal.AffectsPeople != PeopleImpact.None
            ? $"it makes or supports decisions about {RuleText.PeopleAreas(proposal.AffectsPeople)}"
            : suggestion.Category == EuAiActCategory.HighRisk
                ? "the EU AI Act lists it as a high-risk area"
                : $"the AI policy flags it as critical ({RuleText.List([.. unguarded.Where(f => f.Severity == FindingSeverity.Critical).Select(f => RuleText.Quoted(f.Title))])})";
        List<string> reasons =
        [
            $"This is a high-risk use of AI: {what}. It may not be done on your own initiative, even with an approved tool — only by following a workflow that compliance has approved for it.",
        ];
        if (safeguards.Count > 0)
        {
            reasons.Add("Such a workflow has an owner who arranges what the policy requires: "
                + RuleText.List([.. safeguards.Select(c => char.ToLowerInvariant(c[0]) + c[1..].TrimEnd('.'))]) + ".");
        }
        return new UsageAnswer(Verdict.ApprovedWorkflowOnly, reasons, [], unguarded);
    }

    /// <summary>The weakest oversight, then the fewest controls, with which <paramref name="bare"/> has no finding.</summary>
    private (HumanOversight Oversight, int? Percent, VerificationControls Controls) Safeguards(RuleSubject bare, DateOnly today)
    {
        bool Clean(HumanOversight oversight, int? percent, VerificationControls controls) =>
            engine.Evaluate(bare with { Oversight = oversight, SpotCheckPercent = percent, Controls = controls }, today).Count == 0;

        var oversight = HumanOversight.TwoPersonApproval;
        int? percent = null;
        foreach (var candidate in Enum.GetValues<HumanOversight>())
        {
            if (candidate == HumanOversight.SpotCheck)
            {
                // The smallest sample that is enough, if any is; the rules only get stricter as the sample shrinks.
                if (Clean(candidate, 100, AllControls))
                {
                    int low = 1, high = 100;
                    while (low < high)
                    {
                        var middle = (low + high) / 2;
                        if (Clean(candidate, middle, AllControls)) high = middle; else low = middle + 1;
                    }
                    (oversight, percent) = (candidate, low);
                    break;
                }
            }
            else if (Clean(candidate, null, AllControls))
            {
                oversight = candidate;
                break;
            }
        }

        var controls = AllControls;
        foreach (var control in EnumText.Flags(AllControls))
        {
            if (Clean(oversight, percent, controls & ~control))
            {
                controls &= ~control;
            }
        }
        return (oversight, percent, controls);
    }

    /// <summary>The safeguards as things to do.</summary>
    private static IEnumerable<string> Conditions((HumanOversight Oversight, int? Percent, VerificationControls Controls) safeguards)
    {
        var (oversight, percent, controls) = safeguards;
        var oversightCondition = oversight switch
        {
            HumanOversight.SpotCheck => $"A person checks at least {RuleText.Percent(percent!.Value)} of the outputs.",
            HumanOversight.ReviewBeforeUse => "A person reviews the output before it is used or sent.",
            HumanOversight.ApprovalBeforeRelease => "An accountable person approves each output before it is released or acted on.",
            HumanOversight.TwoPersonApproval => "Two people approve each output before it is released or acted on.",
            _ => null,
        };
        if (oversightCondition is not null)
        {
            yield return oversightCondition;
        }
        foreach (var control in EnumText.Flags(controls))
        {
            yield return control switch
            {
                VerificationControls.FactCheck => "Facts, figures and quotes are checked against their sources.",
                VerificationControls.CodeReview => "A developer reviews the AI-written code before it is merged or run.",
                VerificationControls.BiasTesting => "The results are tested for bias against groups of people.",
                VerificationControls.ProvenanceLogging => "The tool, model and prompt behind each output are recorded.",
                VerificationControls.IndependentValidation => "Someone other than the person using the AI, or a different system, checks the output.",
                _ => EnumText.Of(control) + ".",
            };
        }
    }
}

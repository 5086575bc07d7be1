using Deque.AxeCore.Commons;

namespace AiPolicyHub.E2E.Tests.Infrastructure;

/// <summary>
/// axe-core, as Deque's package bundles it, run in the page: put into a loaded page once, then run as often as the test
/// needs there. Deque's own runner puts the whole script (about 650 KB) into the page and carries the whole result back for
/// every check: an interface tour cost 440 CPU-seconds with it, 130 this way.
/// </summary>
public static class Axe
{
    private static readonly string Source = new BundledAxeScriptProvider().GetScript();

    /// <summary>The rules every page must pass: WCAG 2.1 A and AA, and axe's best practices.</summary>
    public static readonly string[] AllRuleTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    /// <summary>The rules about colour, all that changes between the light and the dark theme.</summary>
    public static readonly string[] ColourRules = ["color-contrast", "link-in-text-block"];

    /// <summary>
    /// The serious and critical violations on the page once it has come to rest, one line each ("rule (impact) help"), with
    /// up to five of the offending elements and axe's reason on the lines below it; empty when there is none.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, bool colourOnly = false)
    {
        await AtRestAsync(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source);
        }
        var runOnly = colourOnly
            ? new { type = "rule", values = ColourRules }
            : new { type = "tag", values = AllRuleTags };
        // Only violations are asked for: axe then skips writing out every passing node (much of its time on long pages).
        var violations = await page.EvaluateAsync<Violation[]>("""
            async runOnly => (await axe.run(document, { runOnly, resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                           nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + [...n.any, ...n.all, ...n.none].map(c => c.message).join(' ')) }))
            """, runOnly);
        return [.. violations.Select(v => $"{v.Id} ({v.Impact}) {v.Help}" + string.Concat(v.Nodes.Select(n => $"\n    {n}")))];
    }

    /// <summary>
    /// Waits until no CSS transition or finite animation is running: colours fade into a new theme, the page slides over
    /// into the drawer's place, a pressed button's shade fades; what is checked is what a person sees once the page has
    /// come to rest.
    /// </summary>
    public static async Task AtRestAsync(IPage page) =>
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)");

    private sealed class Violation
    {
        public string Id { get; set; } = "";
        public string Impact { get; set; } = "";
        public string Help { get; set; } = "";
        public string[] Nodes { get; set; } = [];
    }
}

using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Policies;
using AiPolicyHub.Core.Reports;
using Microsoft.EntityFrameworkCore;
using static AiPolicyHub.Core.Tests.Policies.PolicyTestData;

namespace AiPolicyHub.Core.Tests.Policies;

/// <summary>Editing, publishing and comparing the policy, against a real SQLite database.</summary>
public sealed class PolicyDocumentsTests : IAsyncLifetime
{
    private readonly TestClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private TestServices test = null!;
    private ClaimsPrincipal officer = null!, staff = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices(clock).InitializeAsync();
        officer = await test.CreateUserAsync("Olga Officer", Roles.ComplianceOfficer);
        staff = await test.CreateUserAsync("Sam Staff", Roles.Staff);
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private static string Text(PolicySection section) => string.Join("\n", PolicyText.Lines(section));

    [Fact]
    public async Task The_default_draft_has_the_principles_and_every_generated_section_with_the_pause_references()
    {
        var draft = (await test.Policies.DraftAsync(officer)).Value!;

        Assert.Equal(0, draft.Version);
        Assert.Equal(1, draft.NextNumber);
        var principles = draft.Sections.Single(s => s.Key == "principles").Markdown;
        foreach (var words in new[] { "assistant, not an authority", "Verify important claims", "Humans approve", "Protect data", "Track where AI is used",
                     "Review AI-written code", "provenance", "Separate generation from validation", "MANAGE 2.4", "Art. 26(5)", "14(4)(e)" })
        {
            Assert.Contains(words, principles);
        }
        Assert.Equal(PolicySectionKinds.Generated, draft.Sections.Where(s => s.IsGenerated).Select(s => s.Kind));
        Assert.Contains("Art. 4", draft.Sections.Single(s => s.Key == "literacy").Markdown);
    }

    [Fact]
    public async Task Only_compliance_officers_and_administrators_edit_and_publish()
    {
        var manager = await test.CreateUserAsync("Mia Manager", Roles.Manager);
        var sections = DefaultPolicy.Sections("Test Organisation");

        Assert.Equal([PolicyDocuments.NotAllowed], (await test.Policies.DraftAsync(staff)).Errors);
        Assert.Equal(SaveStatus.Forbidden, (await test.Policies.SaveDraftAsync(manager, sections, 0)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await test.Policies.PublishAsync(staff, sections, 0, "Staff trying to publish")).Status);
        Assert.Empty(await test.Policies.VersionsAsync(staff));

        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        Assert.Equal(SaveStatus.Saved, (await test.Policies.PublishAsync(admin, sections, 0, "First version of the policy")).Status);
        Assert.Single(await test.Policies.VersionsAsync(staff));
    }

    [Fact]
    public async Task Publishing_freezes_the_generated_sections_as_they_were_while_the_draft_follows_live_data()
    {
        await AddToolAsync(test, "Alpha Writer");
        var first = await PublishAsync(test, officer, "First version of the policy");
        clock.AddDays(3);
        await AddToolAsync(test, "Beta Coder");

        var v1 = (await test.Policies.GetAsync(staff, first))!;
        var tools = Text(v1.Content.Sections.Single(s => s.Kind == PolicySectionKind.ApprovedTools));
        Assert.Contains("Alpha Writer", tools);
        Assert.DoesNotContain("Beta Coder", tools);
        var live = (await test.Policies.GeneratedAsync(officer)).Value![PolicySectionKind.ApprovedTools];
        Assert.Contains("Beta Coder", string.Join("\n", PolicyText.LinesOf(live)));

        var second = await PublishAsync(test, officer, "Beta Coder is approved for code");
        var versions = await test.Policies.VersionsAsync(staff);
        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Equal(2, second);
        Assert.All(versions, v => Assert.Equal("Olga Officer", v.ApprovedBy));
        Assert.Equal(new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc), versions[0].PublishedAt);
        Assert.Equal("Beta Coder is approved for code", versions[0].ChangeSummary);
        Assert.Contains("Beta Coder", Text((await test.Policies.GetAsync(staff))!.Content.Sections.Single(s => s.Kind == PolicySectionKind.ApprovedTools)));
        // The first version is as it was published, content hash included.
        var again = (await test.Policies.GetAsync(staff, first))!;
        Assert.Equal(v1.Info, again.Info);
        Assert.Equal(tools, Text(again.Content.Sections.Single(s => s.Kind == PolicySectionKind.ApprovedTools)));
    }

    [Fact]
    public async Task A_published_version_carries_the_hash_of_its_content_and_the_publication_is_audited()
    {
        var number = await PublishAsync(test, officer, "First version of the policy");

        await using var db = await test.DbAsync();
        var stored = await db.PolicyVersions.SingleAsync(v => v.Number == number);
        Assert.Equal(PolicyDocuments.HashOf(stored.ContentJson), stored.ContentHash);
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == PolicyDocuments.VersionEntityType);
        Assert.Equal("Olga Officer", entry.UserName);
        Assert.Contains(stored.ContentHash, entry.ChangesJson);
        Assert.Contains("First version of the policy", entry.ChangesJson);
    }

    [Fact]
    public async Task A_change_summary_and_the_sections_text_are_required()
    {
        var draft = (await test.Policies.DraftAsync(officer)).Value!;

        var noSummary = await test.Policies.PublishAsync(officer, draft.Sections, draft.Version, "  ");
        Assert.Equal(SaveStatus.Invalid, noSummary.Status);
        Assert.NotEmpty(noSummary.Errors!.For("ChangeSummary"));

        var emptyText = await test.Policies.SaveDraftAsync(officer, WithText(draft.Sections, "purpose", _ => " "), draft.Version);
        Assert.NotEmpty(emptyText.Errors!.For("Sections[0].Markdown"));
        var twice = await test.Policies.SaveDraftAsync(officer, [.. draft.Sections, new DraftSection("tools-again", "Tools", PolicySectionKind.ApprovedTools)], draft.Version);
        Assert.NotEmpty(twice.Errors!.For("Sections"));
        Assert.Empty(await test.Policies.VersionsAsync(officer));
    }

    [Fact]
    public async Task Two_officers_saving_the_same_draft_version_do_not_overwrite_each_other()
    {
        var second = await test.CreateUserAsync("Otto Officer", Roles.ComplianceOfficer);
        var loaded = (await test.Policies.DraftAsync(officer)).Value!;

        var mine = await test.Policies.SaveDraftAsync(officer, WithText(loaded.Sections, "purpose", t => t + "\n\nMine."), loaded.Version);
        var theirs = await test.Policies.SaveDraftAsync(second, WithText(loaded.Sections, "purpose", t => t + "\n\nTheirs."), loaded.Version);
        var publishStale = await test.Policies.PublishAsync(second, loaded.Sections, loaded.Version, "Publishing a stale draft");

        Assert.Equal(SaveStatus.Saved, mine.Status);
        Assert.Equal(SaveStatus.Conflict, theirs.Status);
        Assert.Equal("Olga Officer", theirs.Conflict!.ChangedBy);
        Assert.Equal(mine.Version, theirs.Conflict.CurrentVersion);
        Assert.Equal(SaveStatus.Conflict, publishStale.Status);
        var now = (await test.Policies.DraftAsync(second)).Value!;
        Assert.EndsWith("Mine.", now.Sections.Single(s => s.Key == "purpose").Markdown);
        Assert.Equal("Olga Officer", now.UpdatedBy);
        Assert.Empty(await test.Policies.VersionsAsync(officer));
    }

    [Fact]
    public async Task The_diff_shows_each_changed_section_with_its_removed_and_added_lines_and_leaves_the_rest_unchanged()
    {
        await AddToolAsync(test, "Alpha Writer");
        await PublishAsync(test, officer, "First version of the policy");
        await AddToolAsync(test, "Beta Coder");
        await PublishAsync(test, officer, "Tighter data rule and a new tool", sections =>
            [.. WithText(sections, "principles", t => t.Replace("never paste credentials", "never paste credentials, keys")),
             new DraftSection("contacts", "Who to ask", PolicySectionKind.Authored, "Ask **compliance@example.com**.")]);

        var comparison = (await test.Policies.CompareAsync(staff, 2))!;

        Assert.Equal(1, comparison.From!.Number);
        Assert.Equal(2, comparison.To.Number);
        var principles = comparison.Sections.Single(s => s.Key == "principles");
        Assert.Equal(SectionChange.Changed, principles.Change);
        Assert.Contains(principles.Lines, l => l.Change == LineChange.Removed && l.Text.Contains("never paste credentials or secrets"));
        Assert.Contains(principles.Lines, l => l.Change == LineChange.Added && l.Text.Contains("never paste credentials, keys"));
        Assert.Equal((1, 1), (principles.AddedLines, principles.RemovedLines));
        var tools = comparison.Sections.Single(s => s.Kind == PolicySectionKind.ApprovedTools);
        Assert.Equal(SectionChange.Changed, tools.Change);
        Assert.Equal([LineChange.Added], tools.Lines.Where(l => l.Text.Contains("Beta Coder")).Select(l => l.Change));
        Assert.Equal(SectionChange.Added, comparison.Sections.Single(s => s.Key == "contacts").Change);
        Assert.Equal(SectionChange.Unchanged, comparison.Sections.Single(s => s.Key == "purpose").Change);
        Assert.Equal(SectionChange.Unchanged, comparison.Sections.Single(s => s.Kind == PolicySectionKind.RulesInForce).Change);

        var first = (await test.Policies.CompareAsync(staff, 1))!;
        Assert.Null(first.From);
        Assert.All(first.Sections, s => Assert.Equal(SectionChange.Added, s.Change));
        Assert.Null(await test.Policies.CompareAsync(staff, 3));
    }

    [Fact]
    public async Task Removing_and_renaming_sections_show_in_the_diff()
    {
        await PublishAsync(test, officer, "First version of the policy");
        await PublishAsync(test, officer, "Shorter policy", sections =>
            [.. sections.Where(s => s.Key != "literacy").Select(s => s.Key == "purpose" ? s with { Title = "Why this policy exists" } : s)]);

        var comparison = (await test.Policies.CompareAsync(officer, 2))!;

        Assert.Equal(SectionChange.Removed, comparison.Sections.Single(s => s.Key == "literacy").Change);
        var renamed = comparison.Sections.Single(s => s.Key == "purpose");
        Assert.Equal((SectionChange.Changed, "Purpose and scope", "Why this policy exists"), (renamed.Change, renamed.OldTitle, renamed.Title));
    }

    [Fact]
    public void A_line_diff_keeps_common_lines_and_puts_removed_lines_before_the_lines_that_replace_them()
    {
        var diff = PolicyDiff.Lines(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"]);

        Assert.Equal(
            [(LineChange.Same, "a"), (LineChange.Removed, "b"), (LineChange.Added, "x"), (LineChange.Same, "c"), (LineChange.Same, "d"), (LineChange.Added, "e")],
            diff.Select(l => (l.Change, l.Text)));
        Assert.All(PolicyDiff.Lines(["same"], ["same"]), l => Assert.Equal(LineChange.Same, l.Change));
        Assert.Equal([LineChange.Removed, LineChange.Removed], PolicyDiff.Lines(["a", "b"], []).Select(l => l.Change));
    }

    [Fact]
    public void Markdown_renders_to_html_without_raw_html_or_script_links()
    {
        var html = PolicyMarkdown.ToHtml("**Bold** <script>alert(1)</script> [click](javascript:alert(2)) [ok](https://example.com) ![img](https://tracker.example/p.png) <img src=x onerror=alert(3)>");

        Assert.Contains("<strong>Bold</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("href=\"https://example.com\"", html);
    }

    [Fact]
    public void Markdown_becomes_report_blocks_with_headings_lists_styles_and_tables()
    {
        var blocks = PolicyMarkdown.ToBlocks("# Heading\n\nSome **bold** and *italic* text with [a link](https://example.com).\n\n1. One\n2. Two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n> Note");

        var heading = Assert.IsType<HeadingBlock>(blocks[0]);
        Assert.Equal((2, "Heading"), (heading.Level, heading.Text));
        var paragraph = Assert.IsType<ParagraphBlock>(blocks[1]);
        Assert.Contains(paragraph.Spans, s => s is { Text: "bold", Style: SpanStyle.Bold });
        Assert.Contains(paragraph.Spans, s => s is { Text: "italic", Style: SpanStyle.Italic });
        Assert.Contains(paragraph.Spans, s => s is { Text: "a link", LinkUrl: "https://example.com" });
        var list = Assert.IsType<ListBlock>(blocks[2]);
        Assert.Equal(ListKind.Numbered, list.Kind);
        Assert.Equal(2, list.Items.Count);
        var table = Assert.IsType<TableBlock>(blocks[3]);
        Assert.Equal(["A", "B"], table.Columns.Select(c => c.Header));
        Assert.Equal(["1", "2"], table.Rows.Single().Cells);
        Assert.IsType<CalloutBlock>(blocks[4]);
    }
}

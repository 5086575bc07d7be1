using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Webhooks;
using AiPolicyHub.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Admin;

public sealed class WebhooksPageTests : SignedInPageTest
{
    private WebhookSubscriptions Subscriptions => Core.Provider.GetRequiredService<WebhookSubscriptions>();

    [Fact]
    public async Task Without_subscriptions_the_page_says_how_to_add_one()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);

        var page = Render<WebhooksPage>();

        page.WaitForAssertion(() => Assert.Contains("No address is subscribed yet", page.Find("[data-testid=webhooks-empty]").TextContent));
    }

    [Fact]
    public async Task An_internal_address_is_refused_with_the_reason_next_to_the_form_and_nothing_is_subscribed()
    {
        var ada = await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=webhooks-empty]"));

        page.Find("input[placeholder='https://hooks.example.org/aipolicyhub']").Input("http://127.0.0.1:8080/hook");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("127.0.0.1 is an internal address", page.Find("[role=alert]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=webhook-secret]"));
        Assert.Empty((await Subscriptions.ListAsync(ada)).Value!);
    }

    [Fact]
    public async Task The_delivery_log_shows_each_delivery_with_its_result_and_the_error()
    {
        var ada = await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        var subscription = (await Subscriptions.CreateAsync(ada, new WebhookSubscriptionForm
        {
            Url = "https://192.0.2.10/hook", Description = "GRC tool", Events = [WebhookEventTypes.WorkflowApproved],
        })).Value!.Subscription;
        await using (var db = await Core.DbAsync())
        {
            var now = Core.Clock.GetUtcNow().UtcDateTime;
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                SubscriptionId = subscription.Id, EventId = "evt_1", EventType = WebhookEventTypes.WorkflowApproved, SubjectName = "Support reply drafts",
                Body = "{}", CreatedAt = now, NextAttemptAt = now, State = WebhookDeliveryState.Failed, Attempts = 1, LastAttemptAt = now,
                LastStatusCode = 404, LastError = "The receiver refused the delivery (HTTP 404); it is not tried again.",
                AttemptLog = [new WebhookAttempt { Number = 1, At = now, StatusCode = 404 }],
            });
            await db.SaveChangesAsync();
        }

        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.Contains("1 failed", page.Find("article").TextContent));
        await page.Find("button[aria-label='Deliveries of https://192.0.2.10/hook']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("table tbody tr")));
        var row = page.Find("table tbody tr");
        Assert.Contains("A workflow is approved", row.TextContent);
        Assert.Contains("Support reply drafts", row.TextContent);
        Assert.Equal("Failed", row.QuerySelector(".badge")!.TextContent);
        Assert.Contains("HTTP 404", row.TextContent);
        Assert.Contains("it is not tried again", row.TextContent);
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Webhooks;

/// <summary>
/// Webhooks end to end against a real receiver on 127.0.0.1 (allowed in these tests' settings, as an administrator would
/// allow an internal receiver): events come from the real Core steps through the audit trail, are signed, retried and logged.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly TestClock clock = new();
    private TestServices test = null!;
    private ClaimsPrincipal admin = null!, mia = null!, cora = null!;
    private int support, internalLevel, chatbot;

    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(30);

    public async Task InitializeAsync()
    {
        test = await new TestServices(clock, webhooks: new WebhookOptions
        {
            AllowedHosts = ["127.0.0.1"],
            RetryDelays = [Retry, Retry],
            Timeout = TimeSpan.FromSeconds(5),
            LinkBaseUrl = "https://hub.example.org",
        }).InitializeAsync();
        support = await test.AddDepartmentAsync("Support");
        internalLevel = await test.ClassificationIdAsync("Internal");
        admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        mia = await test.CreateUserAsync("Mia Manager", Roles.Manager, support);
        cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        chatbot = (await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "ChatGPT Enterprise", Vendor = "OpenAI", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private WebhookSubscriptions Subscriptions => test.Provider.GetRequiredService<WebhookSubscriptions>();
    private WebhookDispatcher Dispatcher => test.Provider.GetRequiredService<WebhookDispatcher>();

    private async Task<WebhookSecret> SubscribeAsync(string url, params string[] events)
    {
        var created = await Subscriptions.CreateAsync(admin, new WebhookSubscriptionForm { Url = url, Description = "GRC tool", Events = [.. events] });
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return created.Value!;
    }

    /// <summary>Mia creates and submits a workflow, Cora approves it: the real steps, as the pages and the API call them.</summary>
    private async Task<int> ApproveAWorkflowAsync(string name = "Support reply drafts")
    {
        var saved = await test.Workflows.SaveAsync(mia, null, new WorkflowForm
        {
            Name = name, Purpose = "Drafts replies to routine questions.", DepartmentId = support, OwnerId = TestServices.UserId(mia),
            DataClassificationId = internalLevel, ToolIds = [chatbot], ApprovingRole = "Team lead", Oversight = HumanOversight.ReviewBeforeUse,
        });
        Assert.Equal(SaveStatus.Saved, saved.Status);
        Assert.Equal(SaveStatus.Saved, (await test.Approvals.SubmitAsync(mia, saved.Id, saved.Version)).Status);
        var version = (await test.Workflows.GetAsync(saved.Id))!.Version;
        Assert.Equal(SaveStatus.Saved, (await test.Approvals.ApproveAsync(cora, saved.Id, version, "Fine.")).Status);
        return saved.Id;
    }

    private static string Hmac(string secret, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task An_approval_through_the_real_step_arrives_signed_with_the_subscriptions_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver.Url, WebhookEventTypes.WorkflowApproved);
        var workflowId = await ApproveAWorkflowAsync();

        await Dispatcher.RunAsync(CancellationToken.None);

        var delivery = Assert.Single(receiver.Received);
        var signature = delivery.Headers[WebhookSignature.Header];
        var parts = signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(clock.Now.ToUnixTimeSeconds().ToString(), parts["t"]);
        Assert.Equal(Hmac(subscription.Secret, $"{parts["t"]}.{delivery.Body}"), parts["v1"]);
        Assert.NotEqual(Hmac("another secret", $"{parts["t"]}.{delivery.Body}"), parts["v1"]);

        using var json = JsonDocument.Parse(delivery.Body);
        var root = json.RootElement;
        Assert.Equal("workflow.approved", root.GetProperty("type").GetString());
        Assert.Equal("workflow.approved", delivery.Headers[WebhookSignature.EventHeader]);
        Assert.Equal(root.GetProperty("id").GetString(), delivery.Headers[WebhookSignature.DeliveryHeader]);
        var subject = root.GetProperty("subject");
        Assert.Equal(workflowId.ToString(), subject.GetProperty("id").GetString());
        Assert.Equal("Support reply drafts", subject.GetProperty("name").GetString());
        Assert.Equal($"https://hub.example.org/workflows/{workflowId}", subject.GetProperty("link").GetString());
        Assert.DoesNotContain("Cora", delivery.Body); // who approved it is not the receiver's business

        var log = (await Subscriptions.DeliveriesAsync(admin, subscription.Subscription.Id)).Value!;
        Assert.Equal(WebhookDeliveryState.Delivered, Assert.Single(log).State);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_event_on_the_third_try_and_the_log_shows_each_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(503, 500, 200);
        var subscription = await SubscribeAsync(receiver.Url, WebhookEventTypes.WorkflowApproved);
        await ApproveAWorkflowAsync();

        await Dispatcher.RunAsync(CancellationToken.None);
        await Dispatcher.RunAsync(CancellationToken.None); // not due yet: nothing is sent again
        Assert.Single(receiver.Received);
        var pending = Assert.Single((await Subscriptions.DeliveriesAsync(admin, subscription.Subscription.Id)).Value!);
        Assert.Equal(WebhookDeliveryState.Pending, pending.State);
        Assert.Equal(clock.Now.UtcDateTime + Retry, pending.NextAttemptAt);

        clock.Now += Retry;
        await Dispatcher.RunAsync(CancellationToken.None);
        clock.Now += Retry;
        await Dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Headers[WebhookSignature.DeliveryHeader]).Distinct()); // the same event each time
        var delivered = Assert.Single((await Subscriptions.DeliveriesAsync(admin, subscription.Subscription.Id)).Value!);
        Assert.Equal(WebhookDeliveryState.Delivered, delivered.State);
        Assert.Equal(3, delivered.Attempts);
        Assert.Equal([503, 500, 200], delivered.AttemptLog.Select(a => a.StatusCode ?? 0));
        Assert.Null(delivered.NextAttemptAt);
    }

    [Fact]
    public async Task A_delivery_is_marked_failed_when_its_attempts_run_out_and_a_client_error_is_not_retried()
    {
        await using var failing = await WebhookReceiver.StartAsync(500, 500, 500, 500);
        var down = await SubscribeAsync(failing.Url, WebhookEventTypes.WorkflowApproved);
        await ApproveAWorkflowAsync();
        for (var run = 0; run < 5; run++)
        {
            await Dispatcher.RunAsync(CancellationToken.None);
            clock.Now += Retry;
        }
        Assert.Equal(3, failing.Received.Count); // one try and the two retries configured
        var failed = Assert.Single((await Subscriptions.DeliveriesAsync(admin, down.Subscription.Id)).Value!);
        Assert.Equal(WebhookDeliveryState.Failed, failed.State);
        Assert.Contains("Given up after 3 attempts", failed.LastError);

        await using var refusing = await WebhookReceiver.StartAsync(404);
        var gone = await SubscribeAsync(refusing.Url, WebhookEventTypes.WorkflowApproved);
        await ApproveAWorkflowAsync("Another workflow");
        await Dispatcher.RunAsync(CancellationToken.None);
        clock.Now += Retry;
        await Dispatcher.RunAsync(CancellationToken.None);
        Assert.Single(refusing.Received);
        var refused = Assert.Single((await Subscriptions.DeliveriesAsync(admin, gone.Subscription.Id)).Value!);
        Assert.Equal(WebhookDeliveryState.Failed, refused.State);
        Assert.Equal(404, refused.LastStatusCode);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_fails_the_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync(307);
        var subscription = await SubscribeAsync(receiver.Url, WebhookEventTypes.WorkflowApproved);
        await ApproveAWorkflowAsync();

        await Dispatcher.RunAsync(CancellationToken.None);

        Assert.Single(receiver.Received); // nothing went to /elsewhere
        var failed = Assert.Single((await Subscriptions.DeliveriesAsync(admin, subscription.Subscription.Id)).Value!);
        Assert.Equal((WebhookDeliveryState.Failed, 307), (failed.State, failed.LastStatusCode));
        Assert.Contains("redirect, which is not followed", failed.LastError);
    }

    [Fact]
    public async Task Two_senders_claiming_the_same_delivery_send_it_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver.Url, WebhookEventTypes.WorkflowApproved);
        await ApproveAWorkflowAsync();
        await Dispatcher.QueueEventsAsync();
        var id = Assert.Single((await Subscriptions.DeliveriesAsync(admin, subscription.Subscription.Id)).Value!).Id;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Dispatcher.DeliverAsync(id))));

        Assert.Single(results, r => r is not null);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Events_come_from_every_step_that_records_them_and_only_subscribed_ones_after_the_subscription_are_sent()
    {
        var earlier = await ApproveAWorkflowAsync("Approved before anyone listened");
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url, WebhookEventTypes.WorkflowPaused, WebhookEventTypes.IncidentReported, WebhookEventTypes.ToolStatusChanged,
            WebhookEventTypes.ToolPaused);
        var workflowId = await ApproveAWorkflowAsync(); // approved, but not subscribed

        Assert.Equal(SaveStatus.Saved, (await test.Pauses.PauseWorkflowAsync(cora, workflowId, "Wrong answers reached customers.")).Status);
        Assert.Equal(SaveStatus.Saved, (await test.Incidents.ReportAsync(mia, new AiPolicyHub.Core.Incidents.IncidentReport
        {
            WorkflowId = workflowId, Title = "A wrong refund promise", WhatHappened = "The draft promised a refund we do not give.",
            OccurredAt = clock.Now.UtcDateTime.AddHours(-2),
        })).Status);
        var tool = (await test.Tools.GetAsync(chatbot))!;
        tool.ApprovalStatus = ToolApprovalStatus.Prohibited;
        Assert.Equal(SaveStatus.Saved, (await test.Tools.SaveAsync(cora, chatbot, tool)).Status);

        await Dispatcher.RunAsync(CancellationToken.None);

        var received = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        // The prohibited tool fires the default risk trigger, which pauses the tool and the workflows using it: the one already
        // paused by hand is not paused again, the earlier one is.
        Assert.Equal(["workflow.paused", "incident.reported", "tool.status_changed", "tool.paused", "workflow.paused"],
            received.Select(r => r.GetProperty("type").GetString()));
        Assert.Equal([workflowId.ToString(), earlier.ToString()],
            received.Where(r => r.GetProperty("type").GetString() == "workflow.paused").Select(r => r.GetProperty("subject").GetProperty("id").GetString()));
        var statusChange = received.Single(r => r.GetProperty("type").GetString() == "tool.status_changed").GetProperty("data");
        Assert.Equal("Approved", statusChange.GetProperty("previousStatus").GetString());
        Assert.Equal("Prohibited", statusChange.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_test_event_is_sent_at_once_and_a_rotated_secret_signs_from_then_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver.Url, WebhookEventTypes.PolicyPublished);
        var rotated = await Subscriptions.RotateSecretAsync(admin, subscription.Subscription.Id);
        Assert.True(rotated.Succeeded);
        Assert.NotEqual(subscription.Secret, rotated.Value!.Secret);

        var sent = await Subscriptions.SendTestAsync(admin, subscription.Subscription.Id);

        Assert.Equal(WebhookDeliveryState.Delivered, sent.Value!.State);
        var delivery = Assert.Single(receiver.Received);
        Assert.Equal("webhook.test", delivery.Headers[WebhookSignature.EventHeader]);
        var t = delivery.Headers[WebhookSignature.Header].Split(',')[0][2..];
        Assert.EndsWith("v1=" + Hmac(rotated.Value.Secret, $"{t}.{delivery.Body}"), delivery.Headers[WebhookSignature.Header]);
    }
}

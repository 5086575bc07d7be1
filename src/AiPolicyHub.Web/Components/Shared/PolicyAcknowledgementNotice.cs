namespace AiPolicyHub.Web.Components.Shared;

/// <summary>
/// Tells the policy banner (in the layout) that the user acknowledged a version on a page, so it disappears at once.
/// Scoped: one per circuit, shared by the layout and the page.
/// </summary>
public sealed class PolicyAcknowledgementNotice
{
    public event Func<Task>? Changed;

    public Task RaiseAsync() => Changed?.Invoke() ?? Task.CompletedTask;
}

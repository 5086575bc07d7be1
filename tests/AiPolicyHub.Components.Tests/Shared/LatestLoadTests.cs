using AiPolicyHub.Web.Components.Shared;

namespace AiPolicyHub.Components.Tests.Shared;

/// <summary>The lists' loads: what the user last asked for is what the list shows, whatever order the answers come in.</summary>
public sealed class LatestLoadTests
{
    [Fact]
    public async Task An_answer_that_comes_after_a_newer_filter_began_is_dropped_and_the_newer_one_is_shown()
    {
        var loads = new LatestLoad();
        var slow = new TaskCompletionSource<string>();
        var fast = new TaskCompletionSource<string>();

        // The first query ignores cancellation (as a query already on its way may) and answers last.
        var first = loads.RunAsync(_ => slow.Task);
        var second = loads.RunAsync(_ => fast.Task);
        fast.SetResult("rows of the newer filter");
        slow.SetResult("rows of the old filter");

        Assert.Equal("rows of the newer filter", await second);
        Assert.Null(await first);
        Assert.False(loads.IsRunning);
    }

    [Fact]
    public async Task A_replaced_load_is_cancelled_and_the_list_stays_busy_until_the_newer_one_answers()
    {
        var loads = new LatestLoad();
        var newer = new TaskCompletionSource<string>();
        CancellationToken seen = default;

        var first = loads.RunAsync(async token =>
        {
            seen = token;
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        });
        var second = loads.RunAsync(_ => newer.Task);

        Assert.Null(await first);
        Assert.True(seen.IsCancellationRequested);
        Assert.True(loads.IsRunning);
        newer.SetResult("rows");
        Assert.Equal("rows", await second);
        Assert.False(loads.IsRunning);
    }

    [Fact]
    public async Task A_failing_load_reports_its_error_and_leaves_the_list_not_busy()
    {
        var loads = new LatestLoad();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => loads.RunAsync<string>(_ => throw new InvalidOperationException("database is locked")));

        Assert.Equal("database is locked", error.Message);
        Assert.False(loads.IsRunning);
    }
}

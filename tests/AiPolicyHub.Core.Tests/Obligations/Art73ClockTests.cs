using AiPolicyHub.Core.Obligations;

namespace AiPolicyHub.Core.Tests.Obligations;

public sealed class Art73ClockTests
{
    private static readonly DateOnly Aware = new(2026, 12, 1);

    [Theory]
    [InlineData(SeriousIncidentKind.General, 15, "2026-12-16")]
    [InlineData(SeriousIncidentKind.Death, 10, "2026-12-11")]
    [InlineData(SeriousIncidentKind.WidespreadOrCriticalInfrastructure, 2, "2026-12-03")]
    public void Each_kind_has_its_deadline_counted_from_the_day_of_awareness(SeriousIncidentKind kind, int days, string deadline)
    {
        Assert.Equal(days, Art73Clock.DaysFor(kind));
        Assert.Equal(DateOnly.Parse(deadline), Art73Clock.On(kind, Aware, Aware, reported: false).Deadline);
        Assert.Equal(days, Art73Clock.On(kind, Aware, Aware, false).DaysLeft);
    }

    [Theory]
    [InlineData(SeriousIncidentKind.General)]
    [InlineData(SeriousIncidentKind.Death)]
    [InlineData(SeriousIncidentKind.WidespreadOrCriticalInfrastructure)]
    public void The_deadline_day_is_still_in_time_and_the_day_after_is_overdue(SeriousIncidentKind kind)
    {
        var deadline = Aware.AddDays(Art73Clock.DaysFor(kind));

        var onTheDay = Art73Clock.On(kind, Aware, deadline, false);
        Assert.Equal((0, false), (onTheDay.DaysLeft, onTheDay.Overdue));
        Assert.StartsWith("Due today", onTheDay.Describe());

        var dayAfter = Art73Clock.On(kind, Aware, deadline.AddDays(1), false);
        Assert.Equal((-1, true), (dayAfter.DaysLeft, dayAfter.Overdue));
        Assert.StartsWith("Overdue by 1 day", dayAfter.Describe());
    }

    [Fact]
    public void A_reported_incident_is_never_overdue_and_the_countdown_reads_in_words()
    {
        Assert.False(Art73Clock.On(SeriousIncidentKind.Death, Aware, Aware.AddDays(30), reported: true).Overdue);
        Assert.Equal("Due in 15 days (by 16 December 2026)", Art73Clock.On(SeriousIncidentKind.General, Aware, Aware, false).Describe());
        Assert.Equal("Due tomorrow (3 December 2026)", Art73Clock.On(SeriousIncidentKind.WidespreadOrCriticalInfrastructure, Aware, Aware.AddDays(1), false).Describe());
        Assert.Equal("Overdue by 5 days (was due 11 December 2026)", Art73Clock.On(SeriousIncidentKind.Death, Aware, Aware.AddDays(15), false).Describe());
    }
}

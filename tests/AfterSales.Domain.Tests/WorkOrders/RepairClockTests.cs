using System.Globalization;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Tests.WorkOrders;

public class RepairClockTests
{
    private static readonly WorkingCalendar China = ChinaPublicHolidays.Calendar;

    private static readonly CustomerNotification Told =
        new("tech1", new DateTimeOffset(2026, 3, 9, 2, 30, 0, TimeSpan.Zero), "Part delayed at the supplier");

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-02", "2026-03-11")] // Monday → Wednesday of the next week
    [InlineData("2026-03-06", "2026-03-17")] // Friday
    [InlineData("2026-09-28", "2026-10-13")] // across National Day
    public void Parts_replacement_is_due_seven_working_days_after_acceptance(string accepted, string due)
    {
        var clock = RepairClock.ForPartsReplacement(D(accepted), China);

        Assert.Equal(RepairKind.PartsReplacement, clock.Kind);
        Assert.Equal(7, clock.AllowedWorkingDays);
        Assert.Equal(D(due), clock.Deadline);
        Assert.Equal(D(due), clock.OriginalDeadline);
    }

    [Theory]
    [InlineData(10, "2026-03-16")]
    [InlineData(15, "2026-03-23")]
    public void Factory_return_is_due_after_the_category_days(int days, string due) =>
        Assert.Equal(D(due), RepairClock.ForReturnToFactory(D("2026-03-02"), days, China).Deadline);

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(16)]
    public void Factory_return_days_outside_10_to_15_are_refused(int days)
    {
        var ex = Assert.Throws<DomainException>(() => RepairClock.ForReturnToFactory(D("2026-03-02"), days, China));
        Assert.Equal("clock.factory_days_out_of_range", ex.Code);
    }

    // accepted Monday 2026-03-02, due Wednesday 2026-03-11
    [Theory]
    [InlineData("2026-03-02", 7, RepairClockState.OnTrack)]
    [InlineData("2026-03-06", 3, RepairClockState.OnTrack)]
    [InlineData("2026-03-07", 3, RepairClockState.OnTrack)] // Saturday: Mon, Tue, Wed left
    [InlineData("2026-03-09", 2, RepairClockState.DueSoon)]
    [InlineData("2026-03-10", 1, RepairClockState.DueSoon)]
    [InlineData("2026-03-11", 0, RepairClockState.DueSoon)] // the deadline day itself is still on time
    [InlineData("2026-03-12", -1, RepairClockState.Overdue)]
    [InlineData("2026-03-16", -3, RepairClockState.Overdue)]
    public void Days_left_and_state_follow_working_days(string today, int daysLeft, RepairClockState state)
    {
        var clock = RepairClock.ForPartsReplacement(D("2026-03-02"), China);

        Assert.Equal(daysLeft, clock.DaysLeft(D(today), China));
        Assert.Equal(state, clock.State(D(today), China));
    }

    [Fact]
    public void A_clock_is_overdue_the_day_after_a_friday_deadline_even_on_a_weekend()
    {
        var clock = RepairClock.ForPartsReplacement(D("2026-03-04"), China); // due Friday 2026-03-13

        Assert.Equal(D("2026-03-13"), clock.Deadline);
        Assert.Equal(RepairClockState.Overdue, clock.State(D("2026-03-14"), China));
    }

    [Theory]
    [InlineData(0, "2026-03-10", RepairClockState.OnTrack)]
    [InlineData(0, "2026-03-11", RepairClockState.DueSoon)]
    [InlineData(4, "2026-03-05", RepairClockState.DueSoon)]
    public void The_due_soon_threshold_is_configurable(int within, string today, RepairClockState state) =>
        Assert.Equal(state, RepairClock.ForPartsReplacement(D("2026-03-02"), China).State(D(today), China, within));

    [Fact]
    public void Extending_before_the_deadline_with_a_notification_moves_it_and_keeps_history()
    {
        var clock = RepairClock.ForPartsReplacement(D("2026-03-02"), China);

        clock.Extend(D("2026-03-18"), Told, today: D("2026-03-09"));
        clock.Extend(D("2026-03-25"), Told with { Note = "Second delay" }, today: D("2026-03-18"));

        Assert.Equal(D("2026-03-25"), clock.Deadline);
        Assert.Equal(D("2026-03-11"), clock.OriginalDeadline);
        Assert.Collection(
            clock.Extensions,
            e => Assert.Equal((D("2026-03-11"), D("2026-03-18"), D("2026-03-09")), (e.PreviousDeadline, e.NewDeadline, e.RecordedOn)),
            e => Assert.Equal((D("2026-03-18"), D("2026-03-25"), "Second delay"), (e.PreviousDeadline, e.NewDeadline, e.Notification.Note)));
        Assert.Equal(RepairClockState.OnTrack, clock.State(D("2026-03-12"), China));
    }

    [Fact]
    public void Extending_on_the_deadline_day_is_still_allowed()
    {
        var clock = RepairClock.ForPartsReplacement(D("2026-03-02"), China);

        clock.Extend(D("2026-03-13"), Told, today: D("2026-03-11"));

        Assert.Equal(D("2026-03-13"), clock.Deadline);
    }

    [Fact]
    public void Extending_after_the_deadline_is_refused()
    {
        var clock = RepairClock.ForPartsReplacement(D("2026-03-02"), China);

        var ex = Assert.Throws<DomainException>(() => clock.Extend(D("2026-03-20"), Told, today: D("2026-03-12")));

        Assert.Equal("clock.extension_after_deadline", ex.Code);
        Assert.Empty(clock.Extensions);
    }

    public static TheoryData<CustomerNotification?> MissingNotifications => new()
    {
        null,
        new CustomerNotification("", Told.NotifiedAt, "note"),
        new CustomerNotification("   ", Told.NotifiedAt, "note"),
    };

    [Theory]
    [MemberData(nameof(MissingNotifications))]
    public void Extending_without_telling_the_customer_is_refused(CustomerNotification? notification)
    {
        var clock = RepairClock.ForPartsReplacement(D("2026-03-02"), China);

        var ex = Assert.Throws<DomainException>(() => clock.Extend(D("2026-03-20"), notification, today: D("2026-03-09")));

        Assert.Equal("clock.extension_without_notification", ex.Code);
    }

    [Theory]
    [InlineData("2026-03-11")]
    [InlineData("2026-03-10")]
    public void Extending_to_a_date_not_later_than_the_deadline_is_refused(string newDeadline)
    {
        var clock = RepairClock.ForPartsReplacement(D("2026-03-02"), China);

        var ex = Assert.Throws<DomainException>(() => clock.Extend(D(newDeadline), Told, today: D("2026-03-09")));

        Assert.Equal("clock.extension_not_later", ex.Code);
        Assert.Equal(D("2026-03-11"), clock.Deadline);
    }
}

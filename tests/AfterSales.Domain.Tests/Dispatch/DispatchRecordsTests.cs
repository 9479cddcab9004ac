using AfterSales.Domain.Calendar;
using AfterSales.Domain.Dispatch;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.Dispatch;

public class DispatchRecordsTests
{
    private static RotationCandidate Tech(int position, bool onLeave = false) =>
        new($"t{position}", $"Tech {position}", position, new HashSet<string> { "AC" }, onLeave, false, 0, 4);

    [Fact]
    public void Choosing_someone_other_than_the_suggestion_needs_a_reason()
    {
        var suggestion = FairRotation.Suggest([Tech(1), Tech(2)], 0, "AC");
        var error = Assert.Throws<DomainException>(() => new DispatchDecision(1, 2, "AC", suggestion, "t2", "  ", "dispatch1", DateTimeOffset.UtcNow));
        Assert.Equal("dispatch.override_reason_required", error.Code);
        Assert.Equal("客户指定", new DispatchDecision(1, 2, "AC", suggestion, "t2", "客户指定", "dispatch1", DateTimeOffset.UtcNow).OverrideReason);
    }

    [Fact]
    public void Following_the_suggestion_records_no_override_reason()
    {
        var suggestion = FairRotation.Suggest([Tech(1, onLeave: true), Tech(2)], 0, "AC");
        var decision = new DispatchDecision(1, 2, "AC", suggestion, "t2", "ignored", "dispatch1", DateTimeOffset.UtcNow);
        Assert.Null(decision.OverrideReason);
        Assert.Equal("rotation.on_leave", Assert.Single(decision.Skips).Code);
    }

    [Fact]
    public void When_nobody_qualifies_any_choice_needs_a_reason()
    {
        var suggestion = FairRotation.Suggest([Tech(1, onLeave: true)], 0, "AC");
        Assert.Null(suggestion.Chosen);
        Assert.Throws<DomainException>(() => new DispatchDecision(1, 2, "AC", suggestion, "t1", null, "dispatch1", DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("2026-06-01", "2026-05-31", false)]
    [InlineData("2026-06-01", "2026-06-01", true)]
    [InlineData("2026-06-03", "2026-06-03", true)]
    [InlineData("2026-06-03", "2026-06-04", false)]
    public void An_absence_covers_its_first_and_last_day(string from, string day, bool covered)
    {
        var entry = new AvailabilityEntry("t1", DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 6, 3), AvailabilityKind.Leave, null);
        Assert.Equal(covered, entry.Covers(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_absence_ending_before_it_starts_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => new AvailabilityEntry("t1", new DateOnly(2026, 6, 3), new DateOnly(2026, 6, 2), AvailabilityKind.OffDuty, null));
        Assert.Equal("availability.range", error.Code);
    }

    [Fact]
    public void A_profile_normalises_its_skills_and_refuses_a_bad_rate()
    {
        var profile = new TechnicianProfile("t1", 1, ["ac", " WM ", "AC", ""], 4);
        Assert.Equal(["AC", "WM"], profile.Skills);
        Assert.Equal("technician.rate_invalid", Assert.Throws<DomainException>(() => profile.Update(1, ["AC"], 4, -1m)).Code);
        Assert.Equal("field.out_of_range", Assert.Throws<DomainException>(() => profile.Update(0, ["AC"], 4, 80m)).Code);
    }

    [Theory]
    [InlineData("2026-06-06", true)] // Saturday
    [InlineData("2026-06-07", true)] // Sunday
    [InlineData("2026-06-08", false)] // Monday
    public void Only_a_weekend_day_can_be_a_make_up_working_day(string day, bool allowed)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        if (allowed)
        {
            Assert.True(CalendarDay.ToCalendar([new CalendarDay(date, CalendarDayKind.MakeUpWorkday, "调休")]).IsWorkingDay(date));
        }
        else
        {
            Assert.Equal("calendar.make_up_day_not_weekend", Assert.Throws<DomainException>(() => new CalendarDay(date, CalendarDayKind.MakeUpWorkday, "调休")).Code);
        }
    }

    [Fact]
    public void A_holiday_on_a_weekday_is_not_a_working_day()
    {
        var day = new DateOnly(2026, 6, 10);
        Assert.False(CalendarDay.ToCalendar([new CalendarDay(day, CalendarDayKind.Holiday, "节日")]).IsWorkingDay(day));
    }

    /// <summary>The board's rule: the pointer moves only when the suggestion is followed. Over whole rounds everyone gets the same number of turns.</summary>
    [Property]
    public Property Following_the_rotation_gives_equal_turns_over_whole_rounds() =>
        Prop.ForAll(Gen.Choose(1, 12).ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(), (technicians, rounds) =>
        {
            var candidates = Enumerable.Range(1, technicians).Select(p => Tech(p * 3)).ToList();
            var pointer = 0;
            var turns = new Dictionary<string, int>();
            for (var i = 0; i < technicians * rounds; i++)
            {
                var suggestion = FairRotation.Suggest(candidates, pointer, "AC");
                turns[suggestion.Chosen!.TechnicianId] = turns.GetValueOrDefault(suggestion.Chosen.TechnicianId) + 1;
                pointer = suggestion.NewPointer;
            }

            return turns.Count == technicians && turns.Values.All(t => t == rounds);
        });
}

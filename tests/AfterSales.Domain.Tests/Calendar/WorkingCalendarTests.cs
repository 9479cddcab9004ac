using AfterSales.Domain.Calendar;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar China = ChinaPublicHolidays.Calendar;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-02", true)]  // Monday
    [InlineData("2026-03-07", false)] // Saturday
    [InlineData("2026-03-08", false)] // Sunday
    [InlineData("2026-01-01", false)] // New Year's Day, Thursday
    [InlineData("2026-01-02", false)] // New Year span, Friday
    [InlineData("2026-01-04", true)]  // make-up Sunday
    [InlineData("2026-02-14", true)]  // make-up Saturday before Spring Festival
    [InlineData("2026-02-16", false)] // Spring Festival, Monday
    [InlineData("2026-02-23", false)] // last day of Spring Festival, Monday
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]  // make-up Saturday after Spring Festival
    [InlineData("2026-04-06", false)] // Qingming Monday
    [InlineData("2026-05-05", false)] // Labour Day span, Tuesday
    [InlineData("2026-05-09", true)]  // make-up Saturday
    [InlineData("2026-06-19", false)] // Dragon Boat, Friday
    [InlineData("2026-09-20", true)]  // make-up Sunday before National Day
    [InlineData("2026-09-25", false)] // Mid-Autumn, Friday
    [InlineData("2026-10-07", false)] // National Day span, Wednesday
    [InlineData("2026-10-08", true)]
    [InlineData("2026-10-10", true)]  // make-up Saturday
    [InlineData("2027-02-08", false)] // provisional Spring Festival 2027
    public void China_calendar_knows_holidays_and_make_up_days(string date, bool working) =>
        Assert.Equal(working, China.IsWorkingDay(D(date)));

    [Theory]
    [InlineData("2026-03-02", 0, "2026-03-02")] // adding nothing returns the start
    [InlineData("2026-03-07", 0, "2026-03-07")] // even on a Saturday
    [InlineData("2026-03-02", 1, "2026-03-03")] // the start day never counts
    [InlineData("2026-03-06", 1, "2026-03-09")] // Friday + 1 → Monday
    [InlineData("2026-03-07", 1, "2026-03-09")] // Saturday + 1 → Monday
    [InlineData("2026-03-02", 7, "2026-03-11")] // 7 working days from a Monday
    [InlineData("2026-02-12", 7, "2026-02-28")] // across Spring Festival: 13, 14 (make-up), 24–27, 28 (make-up)
    [InlineData("2026-09-28", 7, "2026-10-13")] // across National Day, with make-up 10 Oct
    [InlineData("2026-12-31", 1, "2027-01-04")] // 2027 New Year's Day off, then the weekend
    public void Adding_working_days_counts_the_days_after_the_start(string start, int days, string expected) =>
        Assert.Equal(D(expected), China.AddWorkingDays(D(start), days));

    [Theory]
    [InlineData("2026-03-02", "2026-03-02", 0)]
    [InlineData("2026-03-02", "2026-03-03", 1)]
    [InlineData("2026-03-06", "2026-03-08", 0)] // Friday to Sunday
    [InlineData("2026-03-06", "2026-03-09", 1)]
    [InlineData("2026-03-09", "2026-03-06", -1)]
    [InlineData("2026-09-30", "2026-10-08", 1)]
    [InlineData("2026-10-08", "2026-09-30", -1)]
    public void Working_days_between_counts_the_half_open_range(string from, string to, int expected) =>
        Assert.Equal(expected, China.WorkingDaysBetween(D(from), D(to)));

    [Theory]
    [InlineData("2026-09-30", "2026-10-08")]
    [InlineData("2026-01-03", "2026-01-04")] // Saturday → make-up Sunday
    [InlineData("2026-03-09", "2026-03-10")]
    public void Next_working_day_skips_weekends_and_holidays(string date, string expected) =>
        Assert.Equal(D(expected), China.NextWorkingDay(D(date)));

    [Fact]
    public void Negative_working_days_are_refused()
    {
        var ex = Assert.Throws<DomainException>(() => China.AddWorkingDays(D("2026-03-02"), -1));
        Assert.Equal("calendar.negative_working_days", ex.Code);
    }

    [Fact]
    public void A_make_up_working_day_must_be_a_weekend_day()
    {
        var ex = Assert.Throws<DomainException>(() => new WorkingCalendar([], [D("2026-03-02")]));
        Assert.Equal("calendar.make_up_day_not_weekend", ex.Code);
    }

    [Fact]
    public void A_day_cannot_be_both_holiday_and_make_up_day()
    {
        var ex = Assert.Throws<DomainException>(() => new WorkingCalendar([D("2026-03-07")], [D("2026-03-07")]));
        Assert.Equal("calendar.day_both_holiday_and_make_up", ex.Code);
    }

    [Fact]
    public void The_years_2025_and_2026_are_confirmed_by_a_published_notice_and_2027_is_provisional()
    {
        Assert.True(ChinaPublicHolidays.IsConfirmed(2025));
        Assert.True(ChinaPublicHolidays.IsConfirmed(2026));
        Assert.False(ChinaPublicHolidays.IsConfirmed(2027));
        Assert.Equal([2025, 2026, 2027], ChinaPublicHolidays.Years);
    }

    [Fact]
    public void The_2026_data_matches_the_notice_totals()
    {
        Assert.Equal(33, ChinaPublicHolidays.Holidays.Count(d => d.Year == 2026));
        Assert.Equal(6, ChinaPublicHolidays.MakeUpWorkingDays.Count(d => d.Year == 2026));
    }

    [Fact]
    public void The_2025_data_matches_the_notice_28_holidays_5_make_up_days_and_248_working_days()
    {
        Assert.Equal(28, ChinaPublicHolidays.Holidays.Count(d => d.Year == 2025));
        Assert.Equal(
            [D("2025-01-26"), D("2025-02-08"), D("2025-04-27"), D("2025-09-28"), D("2025-10-11")],
            ChinaPublicHolidays.MakeUpWorkingDays.Where(d => d.Year == 2025));
        Assert.Equal(248, China.WorkingDaysBetween(D("2024-12-31"), D("2025-12-31")));
        Assert.False(China.IsWorkingDay(D("2025-01-28")));                 // 除夕, a statutory day from 2025 on
        Assert.False(China.IsWorkingDay(D("2025-05-02")));
        Assert.True(China.IsWorkingDay(D("2025-02-08")));                  // Saturday worked for the Spring Festival
        Assert.Equal(Festival.MidAutumn, ChinaPublicHolidays.FestivalOf(D("2025-10-06")));
        Assert.Equal(Festival.NationalDay, ChinaPublicHolidays.FestivalOf(D("2025-10-11")));
    }

    [Fact]
    public void A_provisional_year_is_confirmed_once_by_an_administrator()
    {
        var official = CalendarYear.Seeded(2026, ChinaPublicHolidays.IsConfirmed(2026));
        Assert.False(official.Provisional);
        Assert.Equal("calendar.year_confirmed", Assert.Throws<DomainException>(() => official.Confirm("admin1", DateTimeOffset.UnixEpoch)).Code);

        var next = CalendarYear.Seeded(2027, ChinaPublicHolidays.IsConfirmed(2027));
        Assert.True(next.Provisional);
        Assert.Equal("field.required", Assert.Throws<DomainException>(() => next.Confirm(" ", DateTimeOffset.UnixEpoch)).Code);
        Assert.True(next.Provisional);

        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
        next.Confirm("admin1", at);
        Assert.False(next.Provisional);
        Assert.Equal(("admin1", at), (next.ConfirmedBy, next.ConfirmedAt));
        Assert.Equal("calendar.year_confirmed", Assert.Throws<DomainException>(() => next.Confirm("admin2", at)).Code);
    }

    // ---- properties -------------------------------------------------------------------------

    private static readonly Gen<DateOnly> Dates =
        Gen.Choose(0, 3 * 366).Select(offset => new DateOnly(2025, 6, 1).AddDays(offset));

    private static readonly Arbitrary<DateOnly> AnyDate = Dates.ToArbitrary();

    private static readonly Arbitrary<(DateOnly Date, int Days)> DateAndDays =
        Gen.Zip(Dates, Gen.Choose(0, 60)).ToArbitrary();

    [Property]
    public Property Adding_n_working_days_leaves_exactly_n_working_days_between() =>
        Prop.ForAll(DateAndDays, x =>
            China.WorkingDaysBetween(x.Date, China.AddWorkingDays(x.Date, x.Days)) == x.Days);

    [Property]
    public Property Adding_at_least_one_working_day_lands_on_a_working_day() =>
        Prop.ForAll(DateAndDays, x =>
            x.Days == 0 || China.IsWorkingDay(China.AddWorkingDays(x.Date, x.Days)));

    [Property]
    public Property A_holiday_is_never_a_working_day() =>
        Prop.ForAll(Gen.Elements(ChinaPublicHolidays.Holidays.ToArray()).ToArbitrary(), holiday => !China.IsWorkingDay(holiday));

    [Property]
    public Property A_configured_holiday_is_never_a_working_day_even_on_a_make_up_weekend() =>
        Prop.ForAll(AnyDate, AnyDate, (holiday, other) =>
        {
            var makeUp = other.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && other != holiday
                ? new[] { other }
                : [];
            return !new WorkingCalendar([holiday], makeUp).IsWorkingDay(holiday);
        });

    [Property]
    public Property Working_days_between_is_antisymmetric() =>
        Prop.ForAll(AnyDate, AnyDate, (a, b) =>
            China.WorkingDaysBetween(a, b) == -China.WorkingDaysBetween(b, a));

    [Property]
    public Property Next_working_day_is_a_later_working_day_with_none_in_between() =>
        Prop.ForAll(AnyDate, d =>
        {
            var next = China.NextWorkingDay(d);
            return next > d && China.IsWorkingDay(next) && China.WorkingDaysBetween(d, next.AddDays(-1)) == 0;
        });
}
